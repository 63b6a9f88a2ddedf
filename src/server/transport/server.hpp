// The inbox's HTTP + WebSocket server on one port: /api/* to the ApiHandler,
// /api/events upgrades to the WebSocket handlers, everything else static files.
// Beast-free on purpose (pimpl): including it costs nothing at compile time.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "server/transport/http_types.hpp"
#include "server/transport/log.hpp"

namespace server {

// A body limit for every request whose path starts with `prefix`.
struct PathBodyLimit {
  std::string prefix;
  std::size_t max_bytes = 0;
};

constexpr std::uint32_t kMaxHeaderBytes = 16 * 1024;        // request line and headers
constexpr std::size_t kDefaultMaxBodyBytes = 1 << 20;       // 1 MiB of JSON is plenty
constexpr std::size_t kDefaultMaxUploadBytes = 25u << 20;   // attachments
constexpr std::size_t kDefaultWsMaxQueuedMessages = 1024;   // per subscriber
constexpr std::size_t kDefaultWsMaxQueuedBytes = 8u << 20;  // per subscriber
constexpr std::size_t kDefaultWsMaxIncomingBytes = 64u << 10;

struct ServerConfig {
  std::string address = "127.0.0.1";
  unsigned short port = 8080;  // 0 picks a free port: read it back with HttpServer::port()
  std::string static_dir;      // empty: no static files (everything outside /api/ is 404)
  // Origins (scheme://host[:port]) allowed to call with credentials; exact
  // match, "*" is refused because credentials are allowed.
  std::vector<std::string> allowed_origins;
  int threads = 2;
  LogLevel log_level = LogLevel::Info;

  std::size_t max_body_bytes = kDefaultMaxBodyBytes;
  std::vector<PathBodyLimit> body_limits = {{"/api/uploads", kDefaultMaxUploadBytes}};
  std::size_t max_connections = 10000;  // HTTP + WebSocket; more are closed on accept

  std::size_t ws_max_queued_messages = kDefaultWsMaxQueuedMessages;
  std::size_t ws_max_queued_bytes = kDefaultWsMaxQueuedBytes;
  std::size_t ws_max_incoming_bytes = kDefaultWsMaxIncomingBytes;
  // No frame from the peer for this long (a ping is sent halfway) closes it.
  std::chrono::seconds ws_idle_timeout{60};

  std::chrono::seconds read_timeout{30};  // a request (or keep-alive idle) must arrive in this
  std::chrono::milliseconds shutdown_grace{10000};  // stop() waits this long for in-flight work

  // Called on an I/O thread every tick_interval (heartbeats, presence expiry).
  std::function<void()> on_tick;
  std::chrono::milliseconds tick_interval{1000};
};

// The API and the WebSocket handlers run on the I/O threads (several at once
// when threads > 1) and must be thread-safe; whatever they use must outlive
// the server (on_close may still run during stop(), and stop() waits for
// every answer an AsyncApiHandler still owes).
class HttpServer {
 public:
  // Throws std::invalid_argument for a bad config (e.g. "*" in allowed_origins).
  HttpServer(ServerConfig config, ApiHandler api, WebSocketHandlers ws = {});
  // An API that answers writes later: the connection waits without holding a thread.
  HttpServer(ServerConfig config, AsyncApiHandler api, WebSocketHandlers ws = {});
  ~HttpServer();  // stops if still running
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds, listens and starts the I/O threads; throws std::system_error when
  // the address cannot be bound.
  void start();
  unsigned short port() const;  // the bound port, valid after start()
  // Graceful and idempotent: stops accepting, lets requests in flight finish
  // (up to shutdown_grace), closes WebSockets with a close frame, joins the
  // threads. Call it from any thread but the server's own I/O threads (and
  // not inside a POSIX signal handler: use a signal-waiting thread).
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace server
