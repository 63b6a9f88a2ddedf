// Turns one parsed request into one reply, with no socket in sight: CORS,
// OPTIONS preflight, /api/ to the API (exceptions become 500), the rest to
// the static files. The Beast layer only parses and writes. The reply may
// come later from another thread (an API write answers after its commit).
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <string>

#include "server/transport/http_types.hpp"
#include "server/transport/log.hpp"
#include "server/transport/reply.hpp"
#include "server/transport/server.hpp"
#include "server/transport/static_files.hpp"

namespace server::transport {

constexpr int kPreflightMaxAgeSeconds = 600;
constexpr const char* kCorsAllowMethods = "GET, POST, PUT, PATCH, DELETE";
constexpr const char* kCorsAllowHeaders = "content-type, authorization, idempotency-key";
constexpr const char* kEventsPath = "/api/events";
// The website chat's visitor routes are called from any business's site, with
// a visitor's bearer token and never a cookie: any origin may call them.
constexpr const char* kOpenCorsPrefix = "/api/webchat/";
constexpr const char* kOpenCorsMethods = "GET, POST";
constexpr const char* kOpenCorsHeaders = "content-type, authorization";

// A request as it came off the wire, before URL decoding.
struct RawRequest {
  std::string method;
  std::string target;                          // path + query, still encoded
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  std::string remote;
};

// Decodes the target into `out`; false when the path has a broken escape.
bool decode_request(RawRequest raw, HttpRequest& out);

class Dispatcher {
 public:
  using Done = std::function<void(Reply)>;

  // Throws std::invalid_argument when allowed_origins holds "*".
  Dispatcher(const ServerConfig& config, AsyncApiHandler api, const Logger& log);

  // Calls `done` exactly once, on this thread or (for an API write) on another.
  void handle(RawRequest raw, Done done) const;

  // The body limit for a target, by the longest matching prefix.
  std::size_t body_limit(const std::string& target) const;
  bool cors_allowed(const std::string& origin) const;
  // A WebSocket upgrade is allowed with no Origin (not a browser), the same
  // origin as Host, or an allowed origin: stops cross-site hijacking of the
  // cookie-authenticated event stream.
  bool websocket_origin_allowed(const std::string& origin, const std::string& host) const;
  // A JSON error reply, with CORS headers for an allowed origin.
  Reply error(int status, const std::string& code, const std::string& message,
              const std::string& origin) const;
  void add_cors(Reply& reply, const std::string& origin) const;

 private:
  void handle_api(HttpRequest request, const std::string& origin, Done done) const;
  Reply handle_static(const HttpRequest& request) const;

  const ServerConfig& config_;
  AsyncApiHandler api_;
  const Logger& log_;
  mutable StaticFiles static_files_;
};

// A blocking handler as an async one that answers at once.
AsyncApiHandler answer_at_once(ApiHandler api);

// Appends a token to a reply's Vary header.
void add_vary(Reply& reply, const std::string& token);

}  // namespace server::transport
