// The customer-service window: on some channels (WhatsApp) a business may
// send free-form messages only within 24 hours of the client's last message;
// outside it only a template the channel approved may go. One rule, asked by
// the server's connectors before they call the channel and by the client to
// warn the operator before they write.
#pragma once

#include "core/entities.hpp"

namespace core {

constexpr TimeMs kServiceWindowMs = 24LL * 60 * 60 * 1000;

// Whether the dialog's channel has such a window (ChannelInfo::has_service_window).
bool has_service_window(ChannelKind channel);

// When the dialog's window closes: 24 h after the client's last message; 0
// when the client never wrote (the window was never open).
TimeMs service_window_closes_at(const Dialog& dialog);

// Whether a free-form message may go to the dialog's client at `now`: always
// on a channel without a window; else while the client's last message is
// less than 24 h old.
bool service_window_open(const Dialog& dialog, TimeMs now);

}  // namespace core
