// The in-memory session cache (see session_cache.hpp).
#include "server/api/session_cache.hpp"

namespace server {

std::optional<Session> SessionCache::find(const std::string& token_hash) {
  std::uint64_t generation = 0;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = sessions_.find(token_hash);
    if (it != sessions_.end()) return it->second;
    generation = generation_;
  }
  std::optional<Session> stored = store_.session(token_hash);
  if (!stored) return stored;
  std::lock_guard<std::mutex> lock(mutex_);
  if (generation != generation_) return stored;  // a logout ran meanwhile: use once, keep nothing
  if (sessions_.size() >= kMaxEntries) sessions_.clear();
  sessions_.emplace(token_hash, *stored);
  return stored;
}

void SessionCache::forget_all() {
  std::lock_guard<std::mutex> lock(mutex_);
  sessions_.clear();
  ++generation_;
}

}  // namespace server
