// The registry of live connections (see session_registry.hpp).
#include "server/transport/session_registry.hpp"

#include <vector>

namespace server::transport {

bool SessionRegistry::add(const std::shared_ptr<Session>& session) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (stopping_) return false;
  sessions_[session.get()] = session;
  return true;
}

void SessionRegistry::remove(const Session* session) {
  std::lock_guard<std::mutex> lock(mutex_);
  sessions_.erase(session);
  if (sessions_.empty()) emptied_.notify_all();
}

std::size_t SessionRegistry::size() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return sessions_.size();
}

void SessionRegistry::shutdown_all() {
  std::vector<std::shared_ptr<Session>> live;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
    for (auto& [key, weak] : sessions_) {
      if (auto session = weak.lock()) live.push_back(std::move(session));
    }
  }
  // Outside the lock: a session dropped here may run its destructor, which
  // takes the lock to remove itself.
  for (auto& session : live) session->shutdown();
}

bool SessionRegistry::wait_empty(std::chrono::milliseconds timeout) {
  std::unique_lock<std::mutex> lock(mutex_);
  return emptied_.wait_for(lock, timeout, [this] { return sessions_.empty(); });
}

void PendingCount::add() {
  std::lock_guard<std::mutex> lock(mutex_);
  ++count_;
}

void PendingCount::done() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (--count_ == 0) zero_.notify_all();
}

void PendingCount::wait_zero() {
  std::unique_lock<std::mutex> lock(mutex_);
  zero_.wait(lock, [this] { return count_ == 0; });
}

}  // namespace server::transport
