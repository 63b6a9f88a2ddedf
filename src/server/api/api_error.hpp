// The one way a handler refuses a request: an HTTP status, a stable code and
// a message naming the problem, and for a rule's refusal (422) the rule's own
// stable reason (core::Outcome::code), which clients word for the operator;
// for a 429 the seconds to wait (the Retry-After header). The router turns it
// into a JSON error body.
#pragma once

#include <stdexcept>
#include <string>

namespace server {

class ApiError : public std::runtime_error {
 public:
  ApiError(int status, std::string code, const std::string& message, std::string reason = {})
      : std::runtime_error(message),
        status_(status),
        code_(std::move(code)),
        reason_(std::move(reason)) {}
  int status() const { return status_; }
  const std::string& code() const { return code_; }
  const std::string& reason() const { return reason_; }
  int retry_after() const { return retry_after_; }  // seconds; 0 for none

 private:
  friend ApiError too_many_attempts(int seconds, const std::string& m);
  int status_;
  std::string code_;
  std::string reason_;
  int retry_after_ = 0;
};

inline ApiError bad_request(const std::string& m) {
  return {400, "bad_request", m};
}
inline ApiError unauthorized(const std::string& m) {
  return {401, "unauthorized", m};
}
inline ApiError forbidden(const std::string& m) {
  return {403, "forbidden", m};
}
inline ApiError not_found(const std::string& m) {
  return {404, "not_found", m};
}
inline ApiError conflict(const std::string& m) {
  return {409, "conflict", m};
}
// Too many attempts (server/api/login_limit.hpp): try again in `seconds`.
inline ApiError too_many_attempts(int seconds, const std::string& m) {
  ApiError e(429, "too_many_attempts", m + "; try again in " + std::to_string(seconds) + " s");
  e.retry_after_ = seconds;
  return e;
}
inline ApiError unprocessable(const std::string& reason, const std::string& m) {
  return {422, "refused", m, reason};
}

}  // namespace server
