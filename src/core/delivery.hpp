// The delivery state of an operator's message on its way to the client's
// channel: queued (pending) -> sent -> delivered -> read, or failed. Receipts
// may arrive late or out of order (a "read" before its "delivered"), so a
// state only moves forward; a failed message goes back to pending when the
// operator retries it. The server's delivery worker, its webhooks and the
// client's ticks all ask these rules.
#pragma once

#include <string>

#include "core/entities.hpp"

namespace core {

// Whether a message in `from` takes a receipt or a result saying `to`.
// - forward along pending < sent < delivered < read;
// - failed only from pending or sent (a message the client received cannot fail);
// - pending again only from failed (the operator's retry).
bool delivery_advances(DeliveryState from, DeliveryState to);

// Applies `to` (and its reason, for failed) when it advances; true when it changed.
bool advance_delivery(Message& message, DeliveryState to, const std::string& error = {});

// Whether an outgoing message leaves through the channel at all: notes and
// system messages stay inside, as do incoming ones.
bool is_deliverable(const Message& message);

// The wait before attempt `attempts + 1` after a failure that may pass
// (network error, 5xx, 429 without its own delay): 1 s, 2 s, 4 s, ... up to
// 10 min. A channel's own delay (Telegram's retry_after) wins when longer.
TimeMs delivery_retry_delay(int attempts);

// A message is given up on, and marked failed, after this many attempts
// (about two hours of backoff).
constexpr int kMaxDeliveryAttempts = 20;

}  // namespace core
