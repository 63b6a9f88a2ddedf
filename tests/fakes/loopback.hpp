// A fake peer's HTTP server on loopback: the project's own server, quiet,
// with room for files and a short shutdown. port 0 takes a free one.
#pragma once

#include <chrono>
#include <memory>

#include "server/transport/server.hpp"

namespace fakes {

inline std::unique_ptr<server::HttpServer> serve_on_loopback(unsigned short port,
                                                             server::ApiHandler handler) {
  server::ServerConfig config;
  config.port = port;
  config.threads = 2;
  config.log_level = server::LogLevel::Error;
  config.limits.max_body_bytes = 50u << 20;
  config.shutdown_grace = std::chrono::milliseconds(200);
  auto http = std::make_unique<server::HttpServer>(config, std::move(handler));
  http->start();
  return http;
}

}  // namespace fakes
