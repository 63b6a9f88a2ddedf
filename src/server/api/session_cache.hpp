// Sessions as read from the store, kept in memory: authenticating a request
// then never waits for the database, which the writer holds while a group
// commit runs. Only what the store answered is kept (unknown tokens are asked
// again); logout and operator deletion call forget_all, and expiry is checked
// on every use by the caller.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "server/storage/store.hpp"

namespace server {

class SessionCache {
 public:
  explicit SessionCache(Store& store) : store_(store) {}

  std::optional<Session> find(const std::string& token_hash);
  // After a session was deleted (a read that raced with it keeps nothing).
  void forget_all();

 private:
  static constexpr std::size_t kMaxEntries = 100000;  // then it starts over

  Store& store_;
  std::mutex mutex_;
  std::unordered_map<std::string, Session> sessions_;
  std::uint64_t generation_ = 0;  // bumped by forget_all
};

}  // namespace server
