// This process's link to the other server processes on the same PostgreSQL
// database: the notifications the database sends when any of them commits
// an event or ends sessions (postgres/pg_schema.cpp), presence reports
// passed between them, and which one runs the channels' delivery and
// polling (an advisory lock: one process sends, so a message never goes
// out twice). One connection of its own and one thread; the handlers run
// on that thread. A lost connection is opened again, after which
// `reconnected` says that notifications may have been missed.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/entities.hpp"

struct pg_conn;

namespace server::cluster {

struct LinkHandlers {
  // Events up to some seq of these accounts have committed (by any process).
  std::function<void(const std::vector<core::Id>& accounts)> events;
  std::function<void()> sessions_ended;                      // some sessions were deleted
  std::function<void(const std::string& payload)> presence;  // another process's report
  std::function<void()> reconnected;                         // catch up: notifications may be lost
  // This process now runs the channels (true), or must stop at once (false).
  std::function<void(bool)> channels;
};

class ClusterLink {
 public:
  // Connects (throws StoreError(Unavailable) when it cannot) and listens:
  // notifications from then on wait for start.
  explicit ClusterLink(std::string conninfo);
  ~ClusterLink();
  ClusterLink(const ClusterLink&) = delete;
  ClusterLink& operator=(const ClusterLink&) = delete;

  void start(LinkHandlers handlers);  // the thread: notifications, the channels' lock
  void stop();
  // To every other process's `presence` handler.
  void send_presence(const std::string& payload);
  bool runs_channels() const { return leading_; }

 private:
  void loop();
  void connect_listening();  // throws StoreError(Unavailable)
  void drain();              // the notifications that came in, to the handlers
  void try_lead();
  void lose(const char* why);  // the connection broke

  std::string conninfo_;
  LinkHandlers handlers_;
  std::string events_channel_, sessions_channel_, presence_channel_, lock_name_;
  pg_conn* listen_ = nullptr;  // the thread's (or the constructor's before start)
  std::mutex send_mutex_;
  pg_conn* send_ = nullptr;       // under send_mutex_
  std::atomic<int> send_pid_{0};  // its backend: its own reports come back, skipped
  std::atomic<bool> leading_{false};
  std::atomic<bool> stopping_{false};
  std::int64_t next_lead_try_ms_ = 0;
  std::thread thread_;
};

}  // namespace server::cluster
