// The website chat: our own channel. A business puts the chat bubble
// (shell/webchat.js, served by this server) on its site; a visitor writes
// through the public /api/webchat/{source}/ routes and waits for answers by
// long polling. Nothing leaves the server, so "sending" an operator's message
// is making it visible to the visitor's poll: sent at once, delivered when
// the visitor's page has fetched it, read when the visitor has seen it.
#pragma once

#include "server/channels/connector.hpp"

namespace server::channels {

std::unique_ptr<Connector> make_webchat_connector(ConnectorEnv& env);

}  // namespace server::channels
