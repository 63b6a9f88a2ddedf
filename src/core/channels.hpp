// What differs between channels: names, whether an operator may write first,
// whether dialogs can come from a post's comments, whether free-form replies
// are limited to a window after the client's last message (service_window.hpp).
#pragma once

#include <optional>
#include <string_view>

#include "core/entities.hpp"

namespace core {

struct ChannelInfo {
  ChannelKind kind;
  std::string_view key;      // wire name, e.g. "telegram_bot"
  std::string_view name_en;  // "Telegram bot"
  std::string_view name_ru;  // "Telegram-бот"
  bool allows_write_first;   // a dialog may be started by the operator
  bool has_posts;            // dialogs can come from comments under a post
  bool has_service_window;   // free-form replies only within 24 h of the client's last message
};

const ChannelInfo& channel_info(ChannelKind kind);
std::optional<ChannelKind> channel_from_key(std::string_view key);

}  // namespace core
