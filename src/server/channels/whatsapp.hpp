// The WhatsApp Business connector over Meta's Cloud API (the Graph API).
// Credentials {"access_token", "app_secret", "verify_token"}; settings
// {"phone_number_id", "base_url" (default https://graph.facebook.com),
// "api_version" (default v21.0), "window_template" (optional: an approved
// template sent instead of a reply outside the 24-hour window),
// "template_language" (default ru)}.
//
// Inbound through the app's webhook, set in Meta's dashboard to
// /api/hooks/{source}: its GET handshake answers hub.challenge for the
// verify token, every POST must carry X-Hub-Signature-256 (HMAC-SHA256 of
// the raw body with the app secret). Text, images, documents, audio, video,
// stickers (media fetched by id, then from its URL with the token),
// locations and button replies as text; statuses become receipts.
// Outbound text, and files uploaded to /media then sent by id; outside the
// 24-hour window (core/service_window.hpp) only the configured template goes.
//
// The Cloud API has no idempotency key: a kill between its answer and our
// commit sends that one message again on restart (a window of one request).
#pragma once

#include "server/channels/connector.hpp"

namespace server::channels {

std::unique_ptr<Connector> make_whatsapp_connector(ConnectorEnv& env);

}  // namespace server::channels
