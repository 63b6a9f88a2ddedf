// Channel glyphs and colours; channels without their own glyph in the icon
// font get a neutral one.
#include "ui/icons.hpp"

namespace ui::icon {

ChannelLook channel_look(core::ChannelKind kind) {
  using core::ChannelKind;
  switch (kind) {
    case ChannelKind::WhatsApp:
      return {"\xef\x88\xb2", 0x25D366};  // whatsapp
    case ChannelKind::Telegram:
      return {"\xef\x8b\x86", 0x229ED9};  // telegram
    case ChannelKind::TelegramBot:
      return {"\xef\x8b\x86", 0x0B7BB8};  // telegram
    case ChannelKind::VK:
      return {"\xef\x86\x89", 0x0077FF};  // vk
    case ChannelKind::Instagram:
      return {"\xef\x85\xad", 0xE1306C};  // instagram
    case ChannelKind::Facebook:
      return {"\xef\x82\x9a", 0x1877F2};  // facebook
    case ChannelKind::OK:
      return {"\xef\x89\xa3", 0xEE8208};  // odnoklassniki
    case ChannelKind::Avito:
      return {"\xef\x8a\x90", 0x00AAFF};  // shopping-bag
    case ChannelKind::Viber:
      return {"\xef\x82\x95", 0x7360F2};  // phone
    case ChannelKind::Max:
      return {"\xef\x81\xb5", 0x7B61FF};  // comment
    case ChannelKind::Email:
      return {"\xef\x83\xa0", 0x64748B};  // envelope
    case ChannelKind::WebChat:
      return {"\xef\x82\x86", 0x0EA5E9};  // comments
    case ChannelKind::Webhook:
      return {"\xef\x83\x86", 0x475569};  // paperclip
  }
  return {"\xef\x81\xb5", 0x64748B};
}

}  // namespace ui::icon
