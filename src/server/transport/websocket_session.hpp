// Internal to the transport (includes Beast): hands an upgraded HTTP
// connection to a WebSocket session. Only server.cpp and
// websocket_session.cpp include it, to keep Beast's compile cost in two files.
#pragma once

#include <memory>
#include <string>

#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include "server/transport/server_context.hpp"

namespace server::transport {

// Runs on_open (auth) and, if it agrees, the WebSocket handshake; answers
// 401/403 and closes otherwise.
void start_websocket_session(boost::beast::tcp_stream stream,
                             boost::beast::http::request<boost::beast::http::string_body> request,
                             std::string remote, std::shared_ptr<ServerContext> context);

}  // namespace server::transport
