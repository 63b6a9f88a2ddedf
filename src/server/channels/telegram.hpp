// The Telegram bot connector (Bot API, https://core.telegram.org/bots/api).
// Credentials {"token"}; settings {"base_url" (default https://api.telegram.org),
// "mode": "webhook" | "polling"}. Inbound through a webhook set with a
// secret_token that every call must carry, or by long polling getUpdates with
// the offset kept in the database. Text, photos, documents and voice (files
// fetched with getFile), edited messages. Outbound sendMessage, and
// sendPhoto / sendDocument for attachments; 429's retry_after is honoured.
//
// Telegram has no idempotency key: a kill between its answer and our commit
// sends that one message again on restart (a window of one request).
#pragma once

#include "server/channels/connector.hpp"

namespace server::channels {

std::unique_ptr<Connector> make_telegram_connector(ConnectorEnv& env);

}  // namespace server::channels
