// The generic webhook channel: signed JSON in, signed JSON callbacks out
// (see webhook.hpp).
#include "server/channels/webhook.hpp"

#include <sodium.h>

#include <algorithm>
#include <cctype>

namespace server::channels {
namespace {

constexpr std::size_t kMinSecret = 16;       // characters of the shared secret
constexpr std::size_t kMaxBatch = 100;       // messages or receipts in one call
constexpr std::size_t kMaxExternalId = 200;  // characters of a message's id there
constexpr std::size_t kMaxErrorText = 300;   // characters of a receiver's refusal kept
constexpr std::size_t kMaxText = 10000;      // bytes of a message's text (the ingest's limit)
constexpr std::size_t kMaxFiles = 10;        // attachments of one message (the ingest's limit)
constexpr long kDefaultTimeoutMs = 10000;
constexpr long kMinTimeoutMs = 1000;
constexpr long kMaxTimeoutMs = 60000;
constexpr long kFileTimeoutMs = 60000;
constexpr std::size_t kMaxFile = 25 * 1024 * 1024;  // bytes of one attachment, either way
constexpr TimeMs kMaxRetryAfter = 3600 * 1000;      // a Retry-After longer than this is capped
constexpr const char* kPrefix = "sha256=";

std::string hex(const unsigned char* bytes, std::size_t n) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < n; ++i) {
    out += digits[bytes[i] >> 4];
    out += digits[bytes[i] & 15];
  }
  return out;
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// The signature header matches the body: compared in constant time, so the
// time taken tells nothing about how much of a forged one was right.
bool signed_by(const std::string& header, const std::string& secret, const std::string& body) {
  if (secret.empty()) return false;
  const std::string given = lower(header);
  const std::string expected = webhook_signature(secret, body);
  return given.size() == expected.size() &&
         sodium_memcmp(given.data(), expected.data(), expected.size()) == 0;
}

// The first `limit` characters (UTF-8 code points) of a text.
std::string clip(const std::string& text, std::size_t limit) {
  std::size_t chars = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;  // a continuation byte
    if (chars++ == limit) return text.substr(0, i) + "…";
  }
  return text;
}

std::string base64(const std::string& bytes) {
  std::string out(sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

bool unbase64(const std::string& text, std::string& bytes) {
  bytes.assign(text.size() / 4 * 3 + 3, '\0');
  std::size_t n = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(bytes.data()), bytes.size(), text.data(),
                        text.size(), " \t\r\n", &n, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0) {
    return false;
  }
  bytes.resize(n);
  return true;
}

bool is_http_url(const std::string& url) {
  return url.rfind("http://", 0) == 0 || url.rfind("https://", 0) == 0;
}

bool nonempty_text(const core::Json& object, const char* key, std::size_t limit) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() && !it->get_ref<const std::string&>().empty() &&
         it->get_ref<const std::string&>().size() <= limit;
}

// Why one incoming message is not in the documented format; "" when it is.
std::string message_problem(const core::Json& m) {
  if (!m.is_object()) return "expected an object";
  if (!nonempty_text(m, "external_id", kMaxExternalId)) {
    return "external_id: required, a string of up to 200 characters";
  }
  const core::Json client = m.value("client", core::Json());
  if (!client.is_object() || !nonempty_text(client, "identity", kMaxExternalId)) {
    return "client.identity: required, a string of up to 200 characters";
  }
  for (const auto& [key, limit] :
       {std::pair<const char*, std::size_t>{"name", 200}, {"nick", 200}, {"phone", 40}}) {
    if (!client.contains(key) || client[key].is_null()) continue;
    if (!client[key].is_string() || client[key].get_ref<const std::string&>().size() > limit) {
      return std::string("client.") + key + ": expected a string of up to " +
             std::to_string(limit) + " bytes";
    }
  }
  if (m.contains("text") && !m["text"].is_string() && !m["text"].is_null()) {
    return "text: expected a string";
  }
  if (m.contains("text") && m["text"].is_string() &&
      m["text"].get_ref<const std::string&>().size() > kMaxText) {
    return "text: longer than 10000 bytes";
  }
  const core::Json attachments = m.value("attachments", core::Json::array());
  if (!attachments.is_array() || attachments.size() > kMaxFiles) {
    return "attachments: expected an array of up to 10";
  }
  for (const core::Json& a : attachments) {
    if (!a.is_object() || !nonempty_text(a, "name", 255)) {
      return "attachments[].name: required";
    }
    const bool url = a.contains("url") && a["url"].is_string() && is_http_url(a["url"]);
    const bool data = a.contains("data") && a["data"].is_string();
    if (!url && !data) return "attachments[]: a url (http or https) or data (base64) is required";
  }
  const bool no_text = !m.contains("text") || !m["text"].is_string() ||
                       m["text"].get_ref<const std::string&>().empty();
  if (no_text && attachments.empty()) {
    return "text: required when there are no attachments";
  }
  return {};
}

std::string receipt_problem(const core::Json& r) {
  if (!r.is_object() || !nonempty_text(r, "external_id", kMaxExternalId)) {
    return "receipts[].external_id: required";
  }
  const std::string state = r.value("state", std::string());
  if (state != "delivered" && state != "read" && state != "failed") {
    return "receipts[].state: expected delivered, read or failed";
  }
  return {};
}

// Why a webhook body is not in the documented format; "" when it is.
std::string body_problem(const core::Json& body) {
  if (!body.is_object()) return "expected a JSON object";
  if (!body.contains("messages") && !body.contains("receipts")) return message_problem(body);
  for (const char* key : {"messages", "receipts"}) {
    if (!body.contains(key)) continue;
    const core::Json& list = body[key];
    if (!list.is_array() || list.empty() || list.size() > kMaxBatch) {
      return std::string(key) + ": expected an array of 1 to 100";
    }
    for (std::size_t i = 0; i < list.size(); ++i) {
      const std::string why =
          std::string(key) == "messages" ? message_problem(list[i]) : receipt_problem(list[i]);
      if (!why.empty()) return std::string(key) + "[" + std::to_string(i) + "]: " + why;
    }
  }
  return {};
}

// A receiver's refusal in its own words: {"error": "..."} or {"error":
// {"message": "..."}} or the body's text, clipped.
std::string refusal_of(const HttpResult& r) {
  std::string why;
  const core::Json body = core::Json::parse(r.body, nullptr, false);
  if (body.is_object() && body.contains("error")) {
    const core::Json& e = body["error"];
    if (e.is_string()) why = e.get<std::string>();
    if (e.is_object()) why = e.value("message", std::string());
  }
  if (why.empty() && !body.is_discarded() && body.is_object()) why = body.value("message", "");
  if (why.empty() && (body.is_discarded() || body.is_string())) {
    why = body.is_string() ? body.get<std::string>() : r.body;
  }
  while (!why.empty() && std::isspace(static_cast<unsigned char>(why.back()))) why.pop_back();
  const std::string status = "HTTP " + std::to_string(r.status);
  return why.empty() ? status : clip(why, kMaxErrorText);
}

class Webhook final : public Connector {
 public:
  explicit Webhook(ConnectorEnv& env) : env_(env) {}

  void connect(SourceConnection& c, core::Source& source) override {
    const core::Json credentials = parse_object(c.credentials);
    core::Json settings = parse_object(c.settings);
    const std::string secret = credentials.value("secret", std::string());
    if (secret.size() < kMinSecret) {
      throw ChannelError(
          "secret: required, at least 16 characters (the signing secret you share with the "
          "other side, e.g. openssl rand -hex 32)");
    }
    const std::string url = settings.value("callback_url", std::string());
    if (!is_http_url(url) || url.find_first_of(" \r\n") != std::string::npos) {
      throw ChannelError("settings.callback_url: required, an http:// or https:// address");
    }
    if (settings.contains("timeout_ms")) {
      const core::Json& t = settings["timeout_ms"];
      if (!t.is_number_integer() || t.get<long>() < kMinTimeoutMs ||
          t.get<long>() > kMaxTimeoutMs) {
        throw ChannelError("settings.timeout_ms: expected a number from 1000 to 60000");
      }
    }
    // The address everyone sees is the receiver's host, never its path or query
    // (which may carry a token of the receiver's).
    const std::size_t host = url.find("//") + 2;
    source.address = url.substr(0, url.find_first_of("/?#", host));
    c.settings = settings.dump();
  }

  HookAnswer hook(const SourceConnection& c, const HttpRequest& request) override {
    HookAnswer answer;
    answer.content_type = "application/json";
    if (request.method != "POST") {
      answer.status = 405;
      answer.body = R"({"error": "POST a signed JSON body"})";
      return answer;
    }
    // The signature first: nothing of an unsigned call is looked at or kept.
    const std::string secret = parse_object(c.credentials).value("secret", std::string());
    if (!signed_by(request.header("x-chats-signature"), secret, request.body)) {
      answer.status = 401;
      answer.body = R"({"error": "X-Chats-Signature: missing or wrong"})";
      return answer;
    }
    const core::Json body = core::Json::parse(request.body, nullptr, false);
    const std::string why = body_problem(body);
    if (!why.empty()) {
      answer.status = 400;
      answer.body = core::Json{{"error", why}}.dump();
      return answer;
    }
    answer.updates.push_back(request.body);
    answer.body = R"({"ok": true})";
    return answer;
  }

  ReadUpdate read(const SourceConnection& c, const std::string& payload) override {
    ReadUpdate out;
    const core::Json body = core::Json::parse(payload, nullptr, false);
    if (!body_problem(body).empty()) return out;  // checked at the hook: never here
    if (!body.contains("messages") && !body.contains("receipts")) {
      out.messages.push_back(incoming(c, body));
    }
    for (const core::Json& m : body.value("messages", core::Json::array())) {
      out.messages.push_back(incoming(c, m));
    }
    for (const core::Json& r : body.value("receipts", core::Json::array())) {
      Receipt receipt;
      receipt.external_id = r["external_id"];
      const std::string state = r["state"];
      receipt.state = state == "read"        ? core::DeliveryState::Read
                      : state == "delivered" ? core::DeliveryState::Delivered
                                             : core::DeliveryState::Failed;
      receipt.error = clip(r.value("error", std::string()), kMaxErrorText);
      if (receipt.state == core::DeliveryState::Failed && receipt.error.empty()) {
        receipt.error = "the receiver could not deliver it";
      }
      out.receipts.push_back(std::move(receipt));
    }
    return out;
  }

  SendResult send(const OutboundMessage& m) override {
    const core::Json settings = parse_object(m.connection.settings);
    const std::string secret = parse_object(m.connection.credentials).value("secret", "");
    core::Json attachments = core::Json::array();
    for (const core::Attachment& a : m.message.attachments) {
      std::optional<std::string> bytes = env_.files.bytes(m.connection.account_id, a);
      if (!bytes) return SendResult::failed("the file " + a.name + " is gone");
      // The bytes go in the call: the receiver has no session to fetch our uploads with.
      attachments.push_back({{"name", a.name},
                             {"mime", a.mime},
                             {"size", static_cast<std::int64_t>(bytes->size())},
                             {"data", base64(*bytes)}});
    }
    const core::Json event = {{"event", "message"},
                              {"source_id", m.connection.source_id},
                              {"message_id", m.message.id},
                              {"dialog_id", m.row.dialog.id},
                              {"client", {{"identity", m.address}}},
                              {"text", m.message.text},
                              {"attachments", attachments},
                              {"created_at", m.message.created_at}};
    HttpCall call;
    call.method = "POST";
    call.url = settings.value("callback_url", std::string());
    call.body = event.dump();
    call.headers["Content-Type"] = "application/json";
    call.headers["X-Chats-Signature"] = webhook_signature(secret, call.body);
    call.headers["Idempotency-Key"] = std::to_string(m.message.id);
    call.timeout_ms = settings.value("timeout_ms", kDefaultTimeoutMs);
    call.max_response = 64 * 1024;
    const HttpResult r = env_.http.perform(call);
    if (!r.answered()) return SendResult::retry("the receiver could not be reached: " + r.error);
    if (r.status >= 200 && r.status < 300) {
      const core::Json answer = core::Json::parse(r.body, nullptr, false);
      std::string id;
      if (answer.is_object() && answer.contains("external_id")) {
        const core::Json& v = answer["external_id"];
        if (v.is_string()) id = v.get<std::string>();
        if (v.is_number_integer()) id = std::to_string(v.get<std::int64_t>());
      }
      if (id.empty() || id.size() > kMaxExternalId) id = "hook:" + std::to_string(m.message.id);
      return SendResult::sent(id);
    }
    if (r.status == 429 || r.status >= 500) {
      return SendResult::retry(refusal_of(r), retry_after(r));
    }
    return SendResult::failed(refusal_of(r));
  }

 private:
  // One incoming message in the ingest format. Its id is prefixed so that it
  // never meets the ids the receiver gave our outgoing messages.
  core::Json incoming(const SourceConnection& c, const core::Json& m) {
    const core::Json& client = m["client"];
    const bool has_text = m.contains("text") && m["text"].is_string();
    core::Json in = {{"external_id", "in:" + m["external_id"].get<std::string>()},
                     {"client", {{"identity", client["identity"]}}},
                     {"text", has_text ? m["text"].get<std::string>() : std::string()}};
    for (const char* key : {"name", "nick", "phone"}) {
      if (client.contains(key) && client[key].is_string()) in["client"][key] = client[key];
    }
    core::Json attachments = core::Json::array();
    for (const core::Json& a : m.value("attachments", core::Json::array())) {
      attachments.push_back(keep(c, a));
    }
    if (!attachments.empty()) in["attachments"] = attachments;
    return in;
  }

  // An attachment's bytes (given inline or fetched) kept as an upload.
  core::Json keep(const SourceConnection& c, const core::Json& a) {
    const std::string name = a["name"];
    std::string mime = a.value("mime", std::string());
    if (mime.empty()) mime = "application/octet-stream";
    std::string bytes;
    if (a.contains("data") && a["data"].is_string()) {
      if (!unbase64(a["data"], bytes)) {
        return core::encode(env_.files.keep(c.account_id, name + ".broken.txt", "text/plain",
                                            "the sender's base64 could not be read"));
      }
    } else {
      HttpCall download;
      download.url = a["url"];
      download.timeout_ms = kFileTimeoutMs;
      download.max_response = kMaxFile;
      const HttpResult file = env_.http.perform(download);
      if (file.status != 200) {
        throw ChannelError("a file could not be fetched from " + download.url + ": " +
                           (file.answered() ? "HTTP " + std::to_string(file.status) : file.error));
      }
      bytes = file.body;
    }
    return core::encode(env_.files.keep(c.account_id, name, mime, bytes));
  }

  // Retry-After in seconds (the HTTP-date form is left to the backoff).
  static TimeMs retry_after(const HttpResult& r) {
    auto it = r.headers.find("retry-after");
    if (it == r.headers.end() || it->second.empty() ||
        it->second.find_first_not_of("0123456789") != std::string::npos || it->second.size() > 6) {
      return 0;
    }
    return std::min<TimeMs>(std::stoll(it->second) * 1000, kMaxRetryAfter);
  }

  ConnectorEnv& env_;
};

}  // namespace

std::string webhook_signature(const std::string& secret, const std::string& body) {
  crypto_auth_hmacsha256_state state;
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(secret.data()),
                              secret.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(body.data()),
                                body.size());
  crypto_auth_hmacsha256_final(&state, mac);
  return kPrefix + hex(mac, sizeof mac);
}

std::unique_ptr<Connector> make_webhook_connector(ConnectorEnv& env) {
  return std::make_unique<Webhook>(env);
}

}  // namespace server::channels
