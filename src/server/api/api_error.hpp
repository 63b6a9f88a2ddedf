// The one way a handler refuses a request: an HTTP status, a stable code and
// a message naming the problem, and for a rule's refusal (422) the rule's own
// stable reason (core::Outcome::code), which clients word for the operator.
// The router turns it into a JSON error body.
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

 private:
  int status_;
  std::string code_;
  std::string reason_;
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
inline ApiError unprocessable(const std::string& reason, const std::string& m) {
  return {422, "refused", m, reason};
}

}  // namespace server
