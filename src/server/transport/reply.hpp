// What the socket-free dispatcher answers: status, headers and a shared body,
// so a cached static file goes to many connections without being copied.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace server::transport {

struct Reply {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;  // content-type included
  std::shared_ptr<const std::string> body;                   // null: empty body
  bool close = false;  // close the connection after this reply

  std::size_t body_size() const { return body ? body->size() : 0; }
  void set_header(const std::string& name, std::string value) {
    for (auto& h : headers) {
      if (h.first == name) {
        h.second = std::move(value);
        return;
      }
    }
    headers.emplace_back(name, std::move(value));
  }
  const std::string* find_header(const std::string& name) const {
    for (const auto& h : headers)
      if (h.first == name) return &h.second;
    return nullptr;
  }
};

inline Reply text_reply(int status, const std::string& content_type, std::string body) {
  Reply r;
  r.status = status;
  r.headers.emplace_back("content-type", content_type);
  r.body = std::make_shared<const std::string>(std::move(body));
  return r;
}

}  // namespace server::transport
