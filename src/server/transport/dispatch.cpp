// The socket-free request dispatcher (see dispatch.hpp).
#include "server/transport/dispatch.hpp"

#include <algorithm>
#include <exception>
#include <stdexcept>

#include "core/text.hpp"
#include "server/transport/http_util.hpp"

namespace server::transport {

bool decode_request(RawRequest raw, HttpRequest& out) {
  std::string path, query;
  split_target(raw.target, path, query);
  auto decoded = core::percent_decode(path, false);
  if (!decoded) return false;
  out.method = std::move(raw.method);
  out.path = std::move(*decoded);
  out.query = parse_query(query);
  out.headers = std::move(raw.headers);
  out.body = std::move(raw.body);
  out.remote = std::move(raw.remote);
  return true;
}

AsyncApiHandler answer_at_once(ApiHandler api) {
  if (!api) return {};
  return {[api = std::move(api)](HttpRequest request, Respond respond) { respond(api(request)); }};
}

void add_vary(Reply& reply, const std::string& token) {
  for (auto& [name, value] : reply.headers) {
    if (name == "vary") {
      if (!header_has_token(value, token)) value += ", " + token;
      return;
    }
  }
  reply.headers.emplace_back("vary", token);
}

Dispatcher::Dispatcher(const ServerConfig& config, AsyncApiHandler api, const Logger& log)
    : config_(config), api_(std::move(api)), log_(log), static_files_(config.static_dir) {
  for (const auto& origin : config_.allowed_origins) {
    if (origin == "*")
      throw std::invalid_argument("allowed_origins: \"*\" cannot be used with credentials");
  }
}

std::size_t Dispatcher::body_limit(const std::string& target) const {
  std::size_t limit = config_.limits.max_body_bytes;
  std::size_t best = 0;
  for (const auto& rule : config_.limits.body_limits) {
    if (target.rfind(rule.prefix, 0) == 0 && rule.prefix.size() >= best) {
      best = rule.prefix.size();
      limit = rule.max_bytes;
    }
  }
  return limit;
}

bool Dispatcher::cors_allowed(const std::string& origin) const {
  if (origin.empty()) return false;
  return std::find(config_.allowed_origins.begin(), config_.allowed_origins.end(), origin) !=
         config_.allowed_origins.end();
}

bool Dispatcher::websocket_origin_allowed(const std::string& origin,
                                          const std::string& host) const {
  if (origin.empty()) return true;
  if (origin == "http://" + host || origin == "https://" + host) return true;
  return cors_allowed(origin);
}

void Dispatcher::add_cors(Reply& reply, const std::string& origin) const {
  if (!cors_allowed(origin)) return;
  reply.set_header("access-control-allow-origin", origin);
  reply.set_header("access-control-allow-credentials", "true");
  add_vary(reply, "Origin");
}

Reply Dispatcher::error(int status, const std::string& code, const std::string& message,
                        const std::string& origin) const {
  Reply reply = text_reply(status, "application/json", json_error(code, message));
  reply.headers.emplace_back("cache-control", "no-store");
  add_cors(reply, origin);
  return reply;
}

void Dispatcher::handle(RawRequest raw, Done done) const {
  auto origin_it = raw.headers.find("origin");
  const std::string origin = origin_it == raw.headers.end() ? "" : origin_it->second;

  if (raw.method == "OPTIONS") {
    const bool preflight = !origin.empty() && raw.headers.count("access-control-request-method");
    if (!preflight) {
      Reply reply;
      reply.status = 204;
      reply.headers.emplace_back("allow", std::string(kCorsAllowMethods) + ", HEAD, OPTIONS");
      return done(std::move(reply));
    }
    if (raw.target.rfind(kOpenCorsPrefix, 0) == 0) {
      Reply reply;
      reply.status = 204;
      reply.set_header("access-control-allow-origin", "*");
      reply.headers.emplace_back("access-control-allow-methods", kOpenCorsMethods);
      reply.headers.emplace_back("access-control-allow-headers", kOpenCorsHeaders);
      reply.headers.emplace_back("access-control-max-age", std::to_string(kPreflightMaxAgeSeconds));
      return done(std::move(reply));
    }
    if (!cors_allowed(origin)) return done(error(403, "forbidden", "origin not allowed", ""));
    Reply reply;
    reply.status = 204;
    add_cors(reply, origin);
    reply.headers.emplace_back("access-control-allow-methods", kCorsAllowMethods);
    reply.headers.emplace_back("access-control-allow-headers", kCorsAllowHeaders);
    reply.headers.emplace_back("access-control-max-age", std::to_string(kPreflightMaxAgeSeconds));
    return done(std::move(reply));
  }

  HttpRequest request;
  if (!decode_request(std::move(raw), request))
    return done(error(400, "bad_request", "malformed path", origin));

  if (request.path == "/api" || request.path.rfind("/api/", 0) == 0)
    return handle_api(std::move(request), origin, std::move(done));
  Reply reply = handle_static(request);
  add_cors(reply, origin);
  done(std::move(reply));
}

void Dispatcher::handle_api(HttpRequest request, const std::string& origin, Done done) const {
  if (!api_.handle) return done(error(404, "not_found", "no API", origin));
  const std::string method = request.method;
  const std::string path = request.path;
  // Held by the completion, which may run later on another thread, and by the
  // failure paths below (taken only when the handler threw before answering).
  auto answer = std::make_shared<Done>(std::move(done));
  try {
    const bool open_cors = path.rfind(kOpenCorsPrefix, 0) == 0;
    api_.handle(std::move(request), [this, origin, answer, open_cors](HttpResponse response) {
      Reply reply;
      reply.status = response.status;
      if (!response.content_type.empty())
        reply.headers.emplace_back("content-type", response.content_type);
      // API answers are per-user and live: never cached unless the handler says so.
      reply.headers.emplace_back("cache-control", "no-store");
      for (auto& [name, value] : response.headers) reply.set_header(to_lower(name), value);
      reply.body = std::make_shared<const std::string>(std::move(response.body));
      if (open_cors && !origin.empty()) {
        reply.set_header("access-control-allow-origin", "*");
      } else {
        add_cors(reply, origin);
      }
      (*answer)(std::move(reply));
    });
  } catch (const std::exception& e) {
    log_.write(LogLevel::Error, "handler_exception",
               {{"method", method}, {"path", path}, {"what", e.what()}});
    (*answer)(error(500, "internal", "internal error", origin));
  } catch (...) {
    log_.write(LogLevel::Error, "handler_exception",
               {{"method", method}, {"path", path}, {"what", "unknown"}});
    (*answer)(error(500, "internal", "internal error", origin));
  }
}

Reply Dispatcher::handle_static(const HttpRequest& request) const {
  if (request.method != "GET" && request.method != "HEAD") {
    Reply reply = error(405, "method_not_allowed", "static files are read-only", "");
    reply.headers.emplace_back("allow", "GET, HEAD");
    return reply;
  }
  if (!is_safe_path(request.path)) return error(400, "bad_request", "bad path", "");
  return static_files_.serve(request.path, request);
}

}  // namespace server::transport
