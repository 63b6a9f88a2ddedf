// Messages and notes the operator sent that the server has not confirmed yet.
// Each is shown at once in its dialog ("sending"), goes to the server one at a
// time in the order written, and on a network failure waits with backoff and
// goes again under the same idempotency key, so the server takes it once. A
// refusal (4xx) keeps it as failed, with the reason, to retry or discard.
// Pure state with the clock passed in, tested natively.
#pragma once

#include <deque>
#include <optional>
#include <string>
#include <vector>

#include "core/entities.hpp"
#include "net/backend.hpp"

namespace app {

struct OutboxItem {
  enum class State { Queued, Sending, Failed };
  int local_id = 0;  // the app's own number, never a server id
  core::Id dialog = core::kNoId;
  net::Outgoing message;  // carries the idempotency key
  State state = State::Queued;
  int attempts = 0;  // sends that found no server
  core::TimeMs created_at = 0;
  core::TimeMs next_try = 0;      // while queued
  std::string error;              // why it waits (network) or failed (refusal)
  core::Id echoed = core::kNoId;  // the server's message, seen live before the answer
};

class Outbox {
 public:
  static constexpr core::TimeMs kFirstRetryMs = 1000;
  static constexpr core::TimeMs kMaxRetryMs = 30000;

  // `key_prefix` makes the keys unique beyond this page: the server keeps them 24 h.
  explicit Outbox(std::string key_prefix = "outbox") : prefix_(std::move(key_prefix)) {}

  // Queues a message; returns its local id.
  int add(core::Id dialog, net::Outgoing message, core::TimeMs now);
  // The item to send now, marked Sending; nullopt while one is in flight or the
  // first waiting one is not due yet (so messages never overtake each other).
  std::optional<OutboxItem> next(core::TimeMs now);
  // The server took it: it leaves the outbox (the history shows the server's message).
  void sent(int local_id);
  // No answer (network down, connection dropped, 5xx): back in the queue with
  // backoff, the same key.
  void retry_later(int local_id, const std::string& reason, core::TimeMs now);
  // The server refused it: kept as failed with the reason.
  void refused(int local_id, const std::string& reason);
  // The operator's retry of a failed item: a new key, since the refusal wrote nothing.
  void retry(int local_id, core::TimeMs now);
  void discard(int local_id);
  // The connection is back: whatever waits goes now.
  void wake(core::TimeMs now);
  // A message of mine arrived live (before the answer): the matching item in
  // flight stops showing, so the message is never drawn twice. Only the one
  // in flight: a queued twin with the same text is another message.
  void echo(const core::Message& message);
  // Takes back an item saved by an earlier page (outbox_saved): it keeps its
  // key, so a message the server took before the page went is taken once;
  // one that was in flight waits to go again.
  void adopt(OutboxItem item, core::TimeMs now);

  // The items of one dialog still to show, in the order written.
  std::vector<const OutboxItem*> shown(core::Id dialog) const;
  const std::deque<OutboxItem>& items() const { return items_; }
  // When next() will have something (0: nothing waits).
  core::TimeMs wake_at() const;
  static core::TimeMs backoff(int attempts);

 private:
  OutboxItem* find(int local_id);
  std::string new_key();

  std::string prefix_;
  std::deque<OutboxItem> items_;
  int next_id_ = 1;
  int keys_ = 0;
};

}  // namespace app
