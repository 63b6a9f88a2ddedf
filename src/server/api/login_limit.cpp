// The attempt windows of login and sign-up (see login_limit.hpp).
#include "server/api/login_limit.hpp"

#include <algorithm>
#include <cctype>

namespace server {
namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

int AttemptLimiter::wait(Table& table, const std::string& key, int max, core::TimeMs now) {
  auto it = table.find(key);
  if (it == table.end()) return 0;
  Times& times = it->second;
  while (!times.empty() && times.front() <= now - kAttemptWindowMs) times.pop_front();
  if (times.empty()) {
    table.erase(it);
    return 0;
  }
  if (static_cast<int>(times.size()) < max) return 0;
  // The oldest attempts leave the window first; once enough have, one more may go.
  const core::TimeMs free_at =
      times[times.size() - static_cast<std::size_t>(max)] + kAttemptWindowMs;
  return static_cast<int>(std::max<core::TimeMs>(1, (free_at - now + 999) / 1000));
}

void AttemptLimiter::add(Table& table, const std::string& key, core::TimeMs now) {
  if (table.size() >= kMaxKeys && !table.count(key)) table.clear();
  table[key].push_back(now);
}

int AttemptLimiter::login_wait(const std::string& email, const std::string& address,
                               core::TimeMs now) {
  std::lock_guard<std::mutex> lock(mutex_);
  return std::max(wait(by_email_, lower(email), kMaxFailedLoginsPerEmail, now),
                  wait(by_address_, address, kMaxFailedLoginsPerAddress, now));
}

void AttemptLimiter::login_failed(const std::string& email, const std::string& address,
                                  core::TimeMs now) {
  std::lock_guard<std::mutex> lock(mutex_);
  add(by_email_, lower(email), now);
  add(by_address_, address, now);
}

void AttemptLimiter::login_succeeded(const std::string& email) {
  std::lock_guard<std::mutex> lock(mutex_);
  by_email_.erase(lower(email));
}

int AttemptLimiter::signup_attempt(const std::string& address, core::TimeMs now) {
  std::lock_guard<std::mutex> lock(mutex_);
  const int seconds = wait(signups_, address, kMaxSignupsPerAddress, now);
  if (seconds == 0) add(signups_, address, now);
  return seconds;
}

}  // namespace server
