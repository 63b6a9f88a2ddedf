// The 24-hour customer-service window (see service_window.hpp).
#include "core/service_window.hpp"

#include "core/channels.hpp"

namespace core {

bool has_service_window(ChannelKind channel) {
  return channel_info(channel).has_service_window;
}

TimeMs service_window_closes_at(const Dialog& dialog) {
  if (dialog.last_inbound_at <= 0) return 0;
  return dialog.last_inbound_at + kServiceWindowMs;
}

bool service_window_open(const Dialog& dialog, TimeMs now) {
  if (!has_service_window(dialog.channel)) return true;
  return now < service_window_closes_at(dialog);
}

}  // namespace core
