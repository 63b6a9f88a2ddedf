// Test-only HTTP and WebSocket clients over loopback, behind a Beast-free
// interface so only transport_client.cpp pays Beast's compile time.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace testclient {

using Headers = std::vector<std::pair<std::string, std::string>>;
constexpr auto kDefaultTimeout = std::chrono::milliseconds(5000);

struct Response {
  int status = 0;                              // 0: no response (connection closed or timed out)
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  bool keep_alive = false;
  std::string header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
  }
};

// One keep-alive HTTP/1.1 connection.
class HttpClient {
 public:
  explicit HttpClient(unsigned short port);
  ~HttpClient();
  Response request(const std::string& method, const std::string& target,
                   const Headers& headers = {}, const std::string& body = "",
                   std::chrono::milliseconds timeout = kDefaultTimeout);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// A request on a fresh connection.
Response fetch(unsigned short port, const std::string& method, const std::string& target,
               const Headers& headers = {}, const std::string& body = "");

// Writes raw bytes, then returns everything the server sends until it closes
// the connection or `timeout` passes.
std::string raw_exchange(unsigned short port, const std::string& bytes,
                         std::chrono::milliseconds timeout = kDefaultTimeout);

class WsClient {
 public:
  // Connects and upgrades; when the server refuses, open() is false and
  // refused_status() holds the HTTP status it answered.
  WsClient(unsigned short port, const std::string& target, const Headers& headers = {});
  ~WsClient();
  bool open() const;
  int refused_status() const;
  void send(const std::string& text);
  // The next text message; nullopt on timeout or close (either ends the client).
  std::optional<std::string> read(std::chrono::milliseconds timeout = kDefaultTimeout);
  // True when the server ends the connection within `timeout` (messages
  // before the end are skipped); got_close_frame() then says if it was graceful.
  bool wait_closed(std::chrono::milliseconds timeout = kDefaultTimeout);
  bool got_close_frame() const;
  void close();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Inflates gzip data (throws std::runtime_error if it is not gzip).
std::string gunzip(const std::string& data);

}  // namespace testclient
