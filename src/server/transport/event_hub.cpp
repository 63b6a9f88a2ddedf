// Live event fan-out per account (see event_hub.hpp).
#include "server/transport/event_hub.hpp"

#include <algorithm>
#include <iterator>

namespace server {

EventHub::EventHub(Options options) : options_(std::move(options)) {}

void EventHub::subscribe(std::shared_ptr<Subscriber> subscriber, SubscriberInfo info,
                         Filter filter) {
  if (!subscriber) return;
  std::vector<Entry> removed;  // destroyed after the lock (see remove_locked)
  std::lock_guard<std::mutex> lock(mutex_);
  remove_locked(subscriber.get(), removed);  // re-subscribing replaces the old info
  account_of_[subscriber.get()] = info.account_id;
  by_account_[info.account_id].push_back(
      Entry{std::move(subscriber), std::move(info), std::move(filter)});
}

void EventHub::unsubscribe(const Subscriber* subscriber) {
  std::vector<Entry> removed;  // destroyed after the lock (see remove_locked)
  std::lock_guard<std::mutex> lock(mutex_);
  remove_locked(subscriber, removed);
}

void EventHub::remove_locked(const Subscriber* subscriber, std::vector<Entry>& removed) {
  auto it = account_of_.find(subscriber);
  if (it == account_of_.end()) return;
  auto account = by_account_.find(it->second);
  if (account != by_account_.end()) {
    auto& list = account->second;
    auto gone = std::stable_partition(
        list.begin(), list.end(), [&](const Entry& e) { return e.subscriber.get() != subscriber; });
    std::move(gone, list.end(), std::back_inserter(removed));
    list.erase(gone, list.end());
    if (list.empty()) by_account_.erase(account);
  }
  account_of_.erase(it);
}

bool EventHub::deliver(const Entry& entry, const SharedText& json, std::vector<Entry>& overflowed) {
  if (entry.subscriber->send(json)) return true;
  overflowed.push_back(entry);
  return false;
}

void EventHub::handle_overflow(std::vector<Entry>& overflowed) {
  if (overflowed.empty()) return;
  std::vector<Entry> removed;  // destroyed after the lock (see remove_locked)
  {
    std::lock_guard<std::mutex> lock(mutex_);
    for (const auto& entry : overflowed) remove_locked(entry.subscriber.get(), removed);
  }
  // Outside the lock: the handler may well publish or subscribe.
  for (const auto& entry : overflowed) {
    if (options_.on_overflow) {
      options_.on_overflow(entry.subscriber, entry.info);
    } else {
      entry.subscriber->close();
    }
  }
}

std::size_t EventHub::publish(core::Id account_id, SharedText json, const Visibility& visible) {
  std::size_t delivered = 0;
  std::vector<Entry> overflowed;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto account = by_account_.find(account_id);
    if (account == by_account_.end()) return 0;
    for (const auto& entry : account->second) {
      if (visible && !visible(entry.info)) continue;
      if (entry.filter && !entry.filter(*json)) continue;
      if (deliver(entry, json, overflowed)) ++delivered;
    }
  }
  handle_overflow(overflowed);
  return delivered;
}

std::size_t EventHub::broadcast(SharedText json) {
  std::size_t delivered = 0;
  std::vector<Entry> overflowed;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    for (const auto& [account, list] : by_account_) {
      for (const auto& entry : list) {
        if (deliver(entry, json, overflowed)) ++delivered;
      }
    }
  }
  handle_overflow(overflowed);
  return delivered;
}

bool EventHub::tick(core::TimeMs now) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (last_heartbeat_ != 0 && now - last_heartbeat_ < options_.heartbeat_interval_ms)
      return false;
    if (last_heartbeat_ == 0) {
      // The first tick only starts the clock: nobody needs a heartbeat yet.
      last_heartbeat_ = now;
      return false;
    }
    last_heartbeat_ = now;
  }
  static const SharedText heartbeat = std::make_shared<const std::string>(kHeartbeatJson);
  broadcast(heartbeat);
  return true;
}

std::size_t EventHub::subscriber_count() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return account_of_.size();
}

std::size_t EventHub::subscriber_count(core::Id account_id) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = by_account_.find(account_id);
  return it == by_account_.end() ? 0 : it->second.size();
}

}  // namespace server
