// Limits on guessing passwords and on mass sign-ups, kept in memory: failed
// logins per e-mail and per client address, and sign-up attempts per address,
// each counted over a sliding window. Past a limit the request is refused
// with 429 and Retry-After before any password is looked at.
#pragma once

#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>

#include "core/entities.hpp"

namespace server {

constexpr core::TimeMs kAttemptWindowMs = 15 * 60 * 1000;
constexpr int kMaxFailedLoginsPerEmail = 5;     // per window
constexpr int kMaxFailedLoginsPerAddress = 20;  // per window, every e-mail together
constexpr int kMaxSignupsPerAddress = 20;       // attempts per window, successful or not

class AttemptLimiter {
 public:
  // Seconds until the login may be tried again, or 0 when it may now.
  int login_wait(const std::string& email, const std::string& address, core::TimeMs now);
  void login_failed(const std::string& email, const std::string& address, core::TimeMs now);
  // A successful login forgets its e-mail's failures (not the address's).
  void login_succeeded(const std::string& email);
  // Counts a sign-up attempt; returns the seconds to wait when over the limit
  // (the attempt is then not counted), or 0 when it may go on.
  int signup_attempt(const std::string& address, core::TimeMs now);

 private:
  // Then a table starts over: memory stays bounded under a flood of made-up
  // e-mails, at the cost of forgetting the counts so far.
  static constexpr std::size_t kMaxKeys = 100000;
  using Times = std::deque<core::TimeMs>;
  using Table = std::unordered_map<std::string, Times>;

  static int wait(Table& table, const std::string& key, int max, core::TimeMs now);
  static void add(Table& table, const std::string& key, core::TimeMs now);

  std::mutex mutex_;
  Table by_email_;    // failed logins, e-mail in lower case
  Table by_address_;  // failed logins
  Table signups_;     // sign-up attempts by address
};

}  // namespace server
