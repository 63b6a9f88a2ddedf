// Per account, logged events in seq order, each once: what the live feed
// must get when several server processes share one database. An event
// committed here arrives after its commit (ApiContext::deliver); one
// committed by another process is read from the store's log when a
// notification names its account (catch_up). A later seq arriving before an
// earlier one is preceded by the events in between, read from the log: every
// seq below it has committed, as an account's seq is taken inside the
// transaction under a lock of the account's row, so in commit order.
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <unordered_map>

#include "server/api/api.hpp"

namespace server {

class EventSequencer final : public LiveFeed {
 public:
  // Told of every logged event before `next` is, in order; `from_log` when it
  // was read from the log (maybe another process's), not handed over by this
  // process's commit.
  using Follow = std::function<void(Id account_id, const core::Event& event, bool from_log)>;

  // commit_order: this process's, held by catch_up so that its deliveries
  // keep their place among the commits' (see LiveHub).
  EventSequencer(Store& store, LiveFeed& next, std::mutex& commit_order, Follow follow);

  // Every account's position: where what follows it stands (the list
  // index's seq); the store's last seq when not given. Events after it are
  // delivered by the next catch_up.
  void start(const std::function<std::int64_t(Id account_id)>& position_of = nullptr);
  // A commit of this process (or an event that is not logged: passed on).
  void deliver(Id account_id, const core::Event& event, const SharedText& json) override;
  // Delivers what the account's log has after its position.
  void catch_up(Id account_id);
  // The same for every account (after notifications may have been missed).
  void catch_up_all();
  // The last seq delivered for the account; the caller holds commit_order.
  std::int64_t position(Id account_id);
  std::uint64_t read_from_log() const;  // events delivered from the log, in all

 private:
  // Under mutex_: delivers the log's events after the position, up to `until` (0: all).
  void fill(Id account_id, std::int64_t until);
  void pass_on(Id account_id, const core::Event& event, const SharedText& json, bool from_log);

  Store& store_;
  LiveFeed& next_;
  std::mutex& commit_order_;
  Follow follow_;
  mutable std::mutex mutex_;
  std::unordered_map<Id, std::int64_t> delivered_;  // an account not in it: none yet (0)
  std::uint64_t read_from_log_ = 0;
};

}  // namespace server
