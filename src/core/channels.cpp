// The table of channels and what each allows.
#include "core/channels.hpp"

#include <array>

namespace core {
namespace {

constexpr std::array<ChannelInfo, kChannelKindCount> kChannels{{
    {ChannelKind::WhatsApp, "whatsapp", "WhatsApp", "WhatsApp", true, false},
    {ChannelKind::Telegram, "telegram", "Telegram", "Telegram", true, false},
    {ChannelKind::TelegramBot, "telegram_bot", "Telegram bot", "Telegram-бот", false, false},
    {ChannelKind::VK, "vk", "VK", "ВКонтакте", false, true},
    {ChannelKind::Instagram, "instagram", "Instagram", "Instagram", false, true},
    {ChannelKind::Facebook, "facebook", "Facebook", "Facebook", false, true},
    {ChannelKind::OK, "ok", "OK", "Одноклассники", false, false},
    {ChannelKind::Avito, "avito", "Avito", "Авито", false, false},
    {ChannelKind::Viber, "viber", "Viber", "Viber", false, false},
    {ChannelKind::Max, "max", "MAX", "MAX", true, false},
    {ChannelKind::Email, "email", "E-mail", "E-mail", true, false},
    {ChannelKind::WebChat, "webchat", "Web chat", "Онлайн-чат", false, false},
    {ChannelKind::Webhook, "webhook", "Webhook", "Вебхук", false, false},
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
