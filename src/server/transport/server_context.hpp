// What every connection of one server shares: the config, the logger, the
// dispatcher, the WebSocket handlers and the session registry. Sessions
// hold it by shared_ptr, so it outlives the last of them. Beast-free.
#pragma once

#include "server/transport/dispatch.hpp"
#include "server/transport/http_types.hpp"
#include "server/transport/log.hpp"
#include "server/transport/server.hpp"
#include "server/transport/session_registry.hpp"

namespace server::transport {

struct ServerContext {
  ServerContext(ServerConfig c, AsyncApiHandler api, WebSocketHandlers handlers)
      : config(std::move(c)),
        log(config.log_level),
        dispatcher(config, std::move(api), log),
        ws(std::move(handlers)) {}

  const ServerConfig config;
  const Logger log;
  const Dispatcher dispatcher;
  const WebSocketHandlers ws;
  SessionRegistry sessions;
  // API answers not yet handed to their connection's executor: stop() waits
  // for them before destroying the io_context they will be posted to.
  PendingCount answers;
};

}  // namespace server::transport
