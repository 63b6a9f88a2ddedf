// Every live connection (HTTP or WebSocket) registered in one place, so the
// server can count them for its connection limits (in all and per peer
// address) and, on stop, ask each to wind down and wait until all are gone.
// Beast-free.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace server::transport {

class Session {
 public:
  virtual ~Session() = default;
  // Asks the session to finish what is in flight and close. Called from any
  // thread: implementations post onto their strand.
  virtual void shutdown() = 0;
};

class SessionRegistry {
 public:
  // False when stopping: the session must close instead of starting.
  bool add(const std::shared_ptr<Session>& session, const std::string& address);
  void remove(const Session* session);  // from the session's destructor
  std::size_t size() const;
  std::size_t count_from(const std::string& address) const;
  // Refuses new sessions and calls shutdown() on every live one.
  void shutdown_all();
  // True when every session ended before `timeout`.
  bool wait_empty(std::chrono::milliseconds timeout);

 private:
  mutable std::mutex mutex_;
  std::condition_variable emptied_;
  struct Entry {
    std::weak_ptr<Session> session;
    std::string address;
  };
  std::map<const Session*, Entry> sessions_;
  std::map<std::string, std::size_t> per_address_;
  bool stopping_ = false;
};

// A count of things in flight that can be waited down to zero.
class PendingCount {
 public:
  void add();
  void done();
  void wait_zero();

 private:
  std::mutex mutex_;
  std::condition_variable zero_;
  std::size_t count_ = 0;
};

}  // namespace server::transport
