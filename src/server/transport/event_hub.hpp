// Live fan-out of events to WebSocket subscribers, per account: each
// subscriber carries who it is and an optional filter; publish() sends one
// JSON text to those of an account that may see it. No log here (storage
// has the event log): a subscriber that cannot keep up is closed and
// catches up from storage when it reconnects. Beast-free and socket-free.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/entities.hpp"
#include "server/transport/http_types.hpp"

namespace server {

constexpr core::TimeMs kDefaultHeartbeatIntervalMs = 25000;  // under common proxy idle cuts
constexpr const char* kHeartbeatJson = "{\"kind\":\"heartbeat\"}";

// Who a subscriber is, as the API decided on_open.
struct SubscriberInfo {
  core::Id account_id = core::kNoId;
  core::Id operator_id = core::kNoId;
  std::shared_ptr<const void> context;  // anything else the API's visibility checks need
};

class EventHub {
 public:
  // Per subscriber, set at subscribe: does it want this event text?
  using Filter = std::function<bool(const std::string& event_json)>;
  // Per publish: may this subscriber see the event (e.g. the dialog is visible to it)?
  using Visibility = std::function<bool(const SubscriberInfo&)>;
  // Told about a subscriber whose queue was full; it is already removed from
  // the hub. Default: close it.
  using OverflowHandler =
      std::function<void(const std::shared_ptr<Subscriber>&, const SubscriberInfo&)>;

  struct Options {
    core::TimeMs heartbeat_interval_ms = kDefaultHeartbeatIntervalMs;
    OverflowHandler on_overflow;
  };

  EventHub() : EventHub(Options{}) {}
  explicit EventHub(Options options);

  void subscribe(std::shared_ptr<Subscriber> subscriber, SubscriberInfo info, Filter filter = {});
  void unsubscribe(const Subscriber* subscriber);

  // Sends `json` to the account's subscribers that pass `visible` and their
  // own filter; returns how many got it. Every subscriber sees publishes in
  // the same order (fan-out happens under the hub's lock), so the predicates
  // must not call back into the hub.
  std::size_t publish(core::Id account_id, SharedText json, const Visibility& visible = {});
  std::size_t publish(core::Id account_id, const std::string& json,
                      const Visibility& visible = {}) {
    return publish(account_id, std::make_shared<const std::string>(json), visible);
  }
  // To every subscriber of every account (no filters): e.g. heartbeats.
  std::size_t broadcast(SharedText json);

  // Call regularly (the server's on_tick): sends a heartbeat when one is due.
  // Returns true when it sent one.
  bool tick(core::TimeMs now);

  std::size_t subscriber_count() const;
  std::size_t subscriber_count(core::Id account_id) const;

 private:
  struct Entry {
    std::shared_ptr<Subscriber> subscriber;
    SubscriberInfo info;
    Filter filter;
  };
  // Sends under the lock; collects subscribers that overflowed.
  bool deliver(const Entry& entry, const SharedText& json, std::vector<Entry>& overflowed);
  // Moves the subscriber's entry into `removed`, which the caller destroys
  // after the lock: dropping the last reference to a session runs its
  // destructor, which unsubscribes, and must not find the lock held.
  void remove_locked(const Subscriber* subscriber, std::vector<Entry>& removed);
  void handle_overflow(std::vector<Entry>& overflowed);

  Options options_;
  mutable std::mutex mutex_;
  std::map<core::Id, std::vector<Entry>> by_account_;
  std::map<const Subscriber*, core::Id> account_of_;
  core::TimeMs last_heartbeat_ = 0;
};

}  // namespace server
