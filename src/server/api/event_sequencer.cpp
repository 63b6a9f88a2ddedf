// EventSequencer: positions per account, gaps filled from the log.
#include "server/api/event_sequencer.hpp"

namespace server {
namespace {

constexpr int kFillBatch = 1000;  // events read from the log at once

}  // namespace

EventSequencer::EventSequencer(Store& store, LiveFeed& next, std::mutex& commit_order,
                               Follow follow)
    : store_(store), next_(next), commit_order_(commit_order), follow_(std::move(follow)) {}

void EventSequencer::start(const std::function<std::int64_t(Id)>& position_of) {
  std::lock_guard<std::mutex> lock(mutex_);
  for (Id account_id : store_.account_ids()) {
    delivered_[account_id] = position_of ? position_of(account_id) : store_.last_seq(account_id);
  }
}

void EventSequencer::deliver(Id account_id, const core::Event& event, const SharedText& json) {
  if (event.seq == 0) {  // presence and the like: no place in the log
    next_.deliver(account_id, event, json);
    return;
  }
  std::lock_guard<std::mutex> lock(mutex_);
  std::int64_t& at = delivered_[account_id];
  if (event.seq <= at) return;  // read from the log already
  if (event.seq > at + 1) fill(account_id, event.seq - 1);
  pass_on(account_id, event, json, false);
}

void EventSequencer::catch_up(Id account_id) {
  std::lock_guard<std::mutex> order(commit_order_);
  std::lock_guard<std::mutex> lock(mutex_);
  fill(account_id, 0);
}

void EventSequencer::catch_up_all() {
  for (Id account_id : store_.account_ids()) catch_up(account_id);
}

std::int64_t EventSequencer::position(Id account_id) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = delivered_.find(account_id);
  return it == delivered_.end() ? 0 : it->second;
}

std::uint64_t EventSequencer::read_from_log() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return read_from_log_;
}

void EventSequencer::fill(Id account_id, std::int64_t until) {
  for (;;) {
    const std::int64_t at = delivered_[account_id];
    if (until != 0 && at >= until) return;
    const std::vector<core::Event> events = store_.events_after(account_id, at, kFillBatch);
    for (const core::Event& e : events) {
      if (until != 0 && e.seq > until) return;
      pass_on(account_id, e, nullptr, true);
      ++read_from_log_;
    }
    if (events.size() < static_cast<std::size_t>(kFillBatch)) return;
  }
}

void EventSequencer::pass_on(Id account_id, const core::Event& event, const SharedText& json,
                             bool from_log) {
  delivered_[account_id] = event.seq;
  if (follow_) follow_(account_id, event, from_log);
  next_.deliver(account_id, event, json);
}

}  // namespace server
