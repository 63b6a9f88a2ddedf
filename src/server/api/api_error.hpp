// The one way a handler refuses a request: an HTTP status, a stable code and
// a message naming the problem. The router turns it into a JSON error body.
#pragma once

#include <stdexcept>
#include <string>

namespace server {

class ApiError : public std::runtime_error {
 public:
  ApiError(int status, std::string code, const std::string& message)
      : std::runtime_error(message), status_(status), code_(std::move(code)) {}
  int status() const { return status_; }
  const std::string& code() const { return code_; }

 private:
  int status_;
  std::string code_;
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
inline ApiError unprocessable(const std::string& m) {
  return {422, "refused", m};
}

}  // namespace server
