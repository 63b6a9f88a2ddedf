// The table of channels and what each allows.
#include "core/channels.hpp"

#include <array>

namespace core {
namespace {

constexpr std::array<ChannelInfo, kChannelKindCount> kChannels{{
    {ChannelKind::WhatsApp, "whatsapp", "WhatsApp", "WhatsApp", true, false, true},
    {ChannelKind::Telegram, "telegram", "Telegram", "Telegram", true, false, false},
    {ChannelKind::TelegramBot, "telegram_bot", "Telegram bot", "Telegram-бот", false, false, false},
    {ChannelKind::VK, "vk", "VK", "ВКонтакте", false, true, false},
    {ChannelKind::Instagram, "instagram", "Instagram", "Instagram", false, true, false},
    {ChannelKind::Facebook, "facebook", "Facebook", "Facebook", false, true, false},
    {ChannelKind::OK, "ok", "OK", "Одноклассники", false, false, false},
    {ChannelKind::Avito, "avito", "Avito", "Авито", false, false, false},
    {ChannelKind::Viber, "viber", "Viber", "Viber", false, false, false},
    {ChannelKind::Max, "max", "MAX", "MAX", true, false, false},
    {ChannelKind::Email, "email", "E-mail", "E-mail", true, false, false},
    {ChannelKind::WebChat, "webchat", "Web chat", "Онлайн-чат", false, false, false},
    {ChannelKind::Webhook, "webhook", "Webhook", "Вебхук", false, false, false},
}};

}  // namespace

const ChannelInfo& channel_info(ChannelKind kind) {
  return kChannels[static_cast<int>(kind)];
}

std::optional<ChannelKind> channel_from_key(std::string_view key) {
  for (const ChannelInfo& info : kChannels) {
    if (info.key == key) return info.kind;
  }
  return std::nullopt;
}

}  // namespace core
