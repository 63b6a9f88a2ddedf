// The registry of live connections (see session_registry.hpp).
#include "server/transport/session_registry.hpp"

#include <vector>

namespace server::transport {

bool SessionRegistry::add(const std::shared_ptr<Session>& session, const std::string& address) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (stopping_) return false;
  auto [it, inserted] = sessions_.emplace(session.get(), Entry{session, address});
  if (inserted) ++per_address_[address];
  return true;
}

void SessionRegistry::remove(const Session* session) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = sessions_.find(session);
  if (it == sessions_.end()) return;
  auto count = per_address_.find(it->second.address);
  if (count != per_address_.end() && --count->second == 0) per_address_.erase(count);
  sessions_.erase(it);
  if (sessions_.empty()) emptied_.notify_all();
}

std::size_t SessionRegistry::size() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return sessions_.size();
}

std::size_t SessionRegistry::count_from(const std::string& address) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = per_address_.find(address);
  return it == per_address_.end() ? 0 : it->second;
}

void SessionRegistry::shutdown_all() {
  std::vector<std::shared_ptr<Session>> live;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
    for (auto& [key, entry] : sessions_) {
      if (auto session = entry.session.lock()) live.push_back(std::move(session));
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
