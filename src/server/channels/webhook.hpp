// The generic webhook channel, for whatever has no connector of its own: a
// documented JSON in (POST /api/hooks/{source}), a signed JSON callback out.
// Both directions are signed with HMAC-SHA256 of the raw body under a secret
// the owner shares with the other side: `X-Chats-Signature: sha256=<hex>`.
//
// Credentials {"secret"} (required, at least 16 characters: the owner makes
// it and gives it to both sides; it is never shown again). Settings
// {"callback_url" (required, http or https), "timeout_ms"? (1000..60000,
// default 10000)}.
//
// In: one message {"external_id", "client": {"identity", "name"?, "nick"?,
// "phone"?}, "text"?, "attachments"?: [{"name", "mime", "url" | "data"}]},
// or {"messages": [...]} (up to 100), or {"receipts": [{"external_id",
// "state": delivered|read|failed, "error"?}]} for messages we sent.
// Out: {"event": "message", ...} to callback_url with an Idempotency-Key of
// the message's id; 2xx is sent (its {"external_id"} names it), 429/5xx and
// no answer are retried, any other status fails with the answer's words.
// docs/api.md, Channels → Webhook, has the exact format.
#pragma once

#include "server/channels/connector.hpp"

namespace server::channels {

std::unique_ptr<Connector> make_webhook_connector(ConnectorEnv& env);

// "sha256=<lower-case hex HMAC-SHA256(secret, body)>": the header both
// directions carry (also used by the tests' fake receiver).
std::string webhook_signature(const std::string& secret, const std::string& body);

}  // namespace server::channels
