// What every channel connector does, whatever the channel: check the
// credentials a source is connected with, take the channel's webhook calls,
// read the updates they hand over, send an operator's message, and (for a
// channel read by polling) fetch updates. One file per channel implements it
// (telegram.cpp, webchat.cpp, ...); the channel service (service.hpp) runs
// them on its own threads, never on the server's I/O threads.
//
// A connector keeps no state of its own between calls: what must survive a
// restart (a poll's offset, the queue) is in the database.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/codec.hpp"
#include "core/entities.hpp"
#include "server/channels/http_client.hpp"
#include "server/storage/channel_store.hpp"
#include "server/transport/http_types.hpp"

namespace server::channels {

// The channel refused, or could not be reached: `what` is its reason, in its
// words, for the operator's eyes (credentials never appear in it).
class ChannelError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Files between a connector and the server's uploads.
class FileStore {
 public:
  virtual ~FileStore() = default;
  // Keeps a received file as an upload of the account; the attachment names it.
  virtual core::Attachment keep(Id account_id, const std::string& name, const std::string& mime,
                                const std::string& bytes) = 0;
  // The bytes of an upload an operator attached; nullopt when it is gone.
  virtual std::optional<std::string> bytes(Id account_id, const core::Attachment& attachment) = 0;
};

// What a connector needs from the server.
struct ConnectorEnv {
  HttpClient& http;
  FileStore& files;
  std::function<TimeMs()> clock;
  std::string public_url;  // where the channels reach this server, e.g. https://chats.example.ru
  // True once the server stops: a connector's own waits and calls end then.
  const std::atomic<bool>* cancel = nullptr;
};

// An operator's message on its way out.
struct OutboundMessage {
  const core::Message& message;
  const core::DialogRow& row;  // the dialog (its post, for a reply in comments) and the client
  const SourceConnection& connection;
  std::string address;  // the client's identity on the channel (chat id, phone, e-mail)
  // The dialog's newest incoming message, null when none is near: what a
  // threaded channel replies to (e-mail's In-Reply-To is its external_id).
  const core::Message* last_inbound = nullptr;
};

struct SendResult {
  enum class Kind {
    Sent,    // the channel took it: external_id names it
    Retry,   // it may pass later (network, 5xx, 429): try again after a backoff
    Failed,  // refused for good (blocked by the user, bad request): error says why
  };
  Kind kind = Kind::Sent;
  std::string external_id;
  std::string error;
  TimeMs retry_after = 0;  // Retry: the channel's own wait in ms, when it named one
  // Sent, but not as written (WhatsApp's template outside its 24-hour
  // window): the operator reads this as a system line in the dialog.
  std::string notice;

  static SendResult sent(std::string id, std::string notice = {}) {
    return {Kind::Sent, std::move(id), {}, 0, std::move(notice)};
  }
  static SendResult retry(std::string why, TimeMs after = 0) {
    return {Kind::Retry, {}, std::move(why), after, {}};
  }
  static SendResult failed(std::string why) { return {Kind::Failed, {}, std::move(why), 0, {}}; }
};

// A webhook call's answer to the channel, and the updates it handed over.
struct HookAnswer {
  int status = 200;
  std::string content_type = "text/plain";
  std::string body = "ok";
  std::vector<std::string> updates;  // payloads to keep and read, in order
};

// A receipt: what became of a message the channel has (by its id there).
struct Receipt {
  std::string external_id;
  core::DeliveryState state = core::DeliveryState::Delivered;
  std::string error;  // for Failed
};

// What an update says: incoming messages in the ingest format of
// POST /api/ingest (docs/api.md; source_id is filled by the caller), and receipts.
struct ReadUpdate {
  std::vector<core::Json> messages;
  std::vector<Receipt> receipts;
};

struct PollResult {
  std::vector<std::string> updates;
  std::string cursor;  // the position after them, saved with them
};

class Connector {
 public:
  virtual ~Connector() = default;

  // Checks the credentials with the channel's own call (Telegram's getMe)
  // and sets up what the channel needs (a webhook); fills the source's
  // address (the bot's @name) and the settings it learnt. Throws ChannelError.
  virtual void connect(SourceConnection& connection, core::Source& source) = 0;
  // A webhook call: verifies it (secret, signature) before anything is kept.
  virtual HookAnswer hook(const SourceConnection& connection, const HttpRequest& request) = 0;
  // Reads one kept update (files are fetched and kept as uploads). Throws
  // ChannelError when the update cannot be read now (its file could not be fetched).
  virtual ReadUpdate read(const SourceConnection& connection, const std::string& payload) = 0;
  virtual SendResult send(const OutboundMessage& message) = 0;

  // Whether the source is read by polling rather than a webhook.
  virtual bool polls(const SourceConnection&) const { return false; }
  // Waits up to the channel's long-poll time for updates after the cursor.
  virtual PollResult poll(const SourceConnection&) { return {}; }
};

// The connector of a channel, or null when the channel has none yet.
std::unique_ptr<Connector> make_connector(core::ChannelKind channel, ConnectorEnv& env);

// A JSON object stored as text (credentials, settings); an empty object when
// the text is not one.
core::Json parse_object(const std::string& text);

}  // namespace server::channels
