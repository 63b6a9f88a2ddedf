// WhatsApp Cloud API: the phone number's check, the webhook's handshake and
// signature, notifications (messages and statuses), media, /messages and
// /media (see whatsapp.hpp).
#include "server/channels/whatsapp.hpp"

#include <sodium.h>

#include <map>
#include <set>

#include "core/service_window.hpp"

namespace server::channels {
namespace {

constexpr const char* kDefaultBase = "https://graph.facebook.com";
constexpr const char* kDefaultVersion = "v21.0";
constexpr const char* kDefaultLanguage = "ru";
constexpr long kFileTimeoutMs = 60000;      // a file of up to 100 MB (a document's limit)
constexpr std::size_t kMaxCaption = 1024;   // characters of a media caption
constexpr std::size_t kMaxChallenge = 256;  // the handshake's challenge echoed back
constexpr const char* kSignaturePrefix = "sha256=";

// The Graph API's error codes the connector tells apart.
constexpr int kAccessTokenInvalid = 190;
constexpr int kOutsideWindow = 131047;  // "Re-engagement message"
// Throttling: the API's calls (4), the account's (80007), the cloud's
// throughput (130429), a pair of business and client (131056).
const std::set<int> kRateLimits = {4, 80007, 130429, 131056};
// "Temporary issue due to downtime": wait and retry (Graph API, codes 1 and 2).
const std::set<int> kTemporary = {1, 2};

// One Graph API answer: the object asked for, or {"error": {"message", "type",
// "code", "error_subcode", "error_data": {"details"}, "fbtrace_id"}}.
struct GraphAnswer {
  bool ok = false;
  bool answered = false;  // false: no HTTP answer, or not the API's JSON
  int status = 0;         // HTTP
  int code = 0;           // error.code
  std::string message;    // error.message (and its details), or the transport's error
  core::Json body;
};

// Whether `given` is `expected`, in time independent of where they differ.
bool same_secret(const std::string& given, const std::string& expected) {
  return !expected.empty() && given.size() == expected.size() &&
         sodium_memcmp(given.data(), expected.data(), expected.size()) == 0;
}

// X-Hub-Signature-256 is "sha256=" and the hex HMAC-SHA256 of the raw body,
// keyed with the app secret.
bool signature_matches(const std::string& header, const std::string& body,
                       const std::string& app_secret) {
  if (app_secret.empty() || header.rfind(kSignaturePrefix, 0) != 0) return false;
  const std::string hex = header.substr(std::char_traits<char>::length(kSignaturePrefix));
  unsigned char given[crypto_auth_hmacsha256_BYTES];
  std::size_t given_len = 0;
  const char* end = nullptr;
  if (hex.size() != 2 * sizeof given ||
      sodium_hex2bin(given, sizeof given, hex.data(), hex.size(), nullptr, &given_len, &end) != 0 ||
      given_len != sizeof given) {
    return false;
  }
  unsigned char expected[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(app_secret.data()),
                              app_secret.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(body.data()),
                                body.size());
  crypto_auth_hmacsha256_final(&state, expected);
  return sodium_memcmp(given, expected, sizeof given) == 0;
}

std::string text_of(const core::Json& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end()) return {};
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number()) return it->dump();
  return {};
}

const core::Json& array_of(const core::Json& object, const char* key) {
  static const core::Json empty = core::Json::array();
  auto it = object.find(key);
  return it != object.end() && it->is_array() ? *it : empty;
}

const core::Json& object_of(const core::Json& object, const char* key) {
  static const core::Json empty = core::Json::object();
  auto it = object.find(key);
  return it != object.end() && it->is_object() ? *it : empty;
}

// "audio/ogg; codecs=opus" -> "audio/ogg".
std::string bare_mime(const std::string& mime) {
  std::string out = mime.substr(0, mime.find(';'));
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out.empty() ? "application/octet-stream" : out;
}

// A file name for media that came without one.
std::string media_name(const std::string& kind, const std::string& id, const std::string& mime) {
  static const std::map<std::string, std::string> extensions = {
      {"image/jpeg", "jpg"}, {"image/png", "png"},       {"image/webp", "webp"},
      {"audio/ogg", "ogg"},  {"audio/mpeg", "mp3"},      {"audio/aac", "aac"},
      {"audio/mp4", "m4a"},  {"audio/amr", "amr"},       {"video/mp4", "mp4"},
      {"video/3gpp", "3gp"}, {"application/pdf", "pdf"},
  };
  auto it = extensions.find(mime);
  return kind + "_" + id + "." + (it == extensions.end() ? "bin" : it->second);
}

std::optional<core::DeliveryState> state_of(const std::string& status) {
  if (status == "sent") return core::DeliveryState::Sent;
  if (status == "delivered") return core::DeliveryState::Delivered;
  if (status == "read") return core::DeliveryState::Read;
  if (status == "failed") return core::DeliveryState::Failed;
  return std::nullopt;  // "deleted", "warning", "played": nothing to show
}

// A status's or an answer's error in the operator's eyes: its title or
// message, with the details when they add something.
std::string error_text(const core::Json& error) {
  std::string head = text_of(error, "message");
  if (head.empty()) head = text_of(error, "title");
  const std::string details = text_of(object_of(error, "error_data"), "details");
  if (!details.empty() && details != head) head += (head.empty() ? "" : ": ") + details;
  const std::string code = text_of(error, "code");
  if (head.empty()) head = "WhatsApp error " + code;
  return head;
}

class WhatsApp final : public Connector {
 public:
  explicit WhatsApp(ConnectorEnv& env) : env_(env) {}

  void connect(SourceConnection& c, core::Source& source) override {
    const core::Json credentials = parse_object(c.credentials);
    core::Json settings = parse_object(c.settings);
    for (const char* key : {"access_token", "app_secret", "verify_token"}) {
      if (text_of(credentials, key).empty()) {
        throw ChannelError(std::string("credentials.") + key + ": required (" + hint(key) + ")");
      }
    }
    const std::string number = text_of(settings, "phone_number_id");
    if (number.empty()) {
      throw ChannelError(
          "settings.phone_number_id: required, the Phone number ID from WhatsApp > API Setup");
    }
    const GraphAnswer me =
        call(c, "GET", number + "?fields=display_phone_number,verified_name", nullptr);
    if (!me.ok) throw ChannelError(refusal(me));
    const std::string display = text_of(me.body, "display_phone_number");
    source.address = display.empty() ? number : display;
    settings["verified_name"] = text_of(me.body, "verified_name");
    settings["display_phone_number"] = display;
    // Not set through the API: the operator pastes it into Meta's dashboard.
    if (!env_.public_url.empty()) {
      settings["webhook_url"] = env_.public_url + "/api/hooks/" + std::to_string(c.source_id);
    }
    c.settings = settings.dump();
  }

  HookAnswer hook(const SourceConnection& c, const HttpRequest& request) override {
    const core::Json credentials = parse_object(c.credentials);
    HookAnswer answer;
    if (request.method == "GET") return handshake(credentials, request);
    const std::string app_secret = text_of(credentials, "app_secret");
    if (!signature_matches(request.header("x-hub-signature-256"), request.body, app_secret)) {
      answer.status = 401;
      answer.body = "X-Hub-Signature-256 mismatch";
      return answer;
    }
    const core::Json body = core::Json::parse(request.body, nullptr, false);
    if (!body.is_object() || !body.contains("entry") || !body["entry"].is_array()) {
      answer.status = 400;
      answer.body = "expected a notification with entry[]";
      return answer;
    }
    answer.updates.push_back(request.body);
    return answer;
  }

  ReadUpdate read(const SourceConnection& c, const std::string& payload) override {
    ReadUpdate out;
    const core::Json body = core::Json::parse(payload, nullptr, false);
    if (!body.is_object()) return out;
    const std::string number = text_of(parse_object(c.settings), "phone_number_id");
    for (const core::Json& entry : array_of(body, "entry")) {
      for (const core::Json& change : array_of(entry, "changes")) {
        const std::string field = text_of(change, "field");
        if (!field.empty() && field != "messages") continue;
        const core::Json& value = object_of(change, "value");
        // One app's webhook hears every number of the business account: only
        // this source's number is read here.
        const std::string to = text_of(object_of(value, "metadata"), "phone_number_id");
        if (!number.empty() && !to.empty() && to != number) continue;
        std::map<std::string, std::string> names;  // wa_id -> profile name
        for (const core::Json& contact : array_of(value, "contacts")) {
          names[text_of(contact, "wa_id")] = text_of(object_of(contact, "profile"), "name");
        }
        for (const core::Json& message : array_of(value, "messages")) {
          core::Json in = incoming(c, message, names);
          if (!in.is_null()) out.messages.push_back(std::move(in));
        }
        for (const core::Json& status : array_of(value, "statuses")) {
          const std::optional<core::DeliveryState> state = state_of(text_of(status, "status"));
          const std::string id = text_of(status, "id");
          if (!state || id.empty()) continue;
          Receipt r{id, *state, {}};
          if (*state == core::DeliveryState::Failed) {
            const core::Json& errors = array_of(status, "errors");
            r.error = errors.empty() ? "WhatsApp could not deliver the message"
                      : errors[0].value("code", 0) == kOutsideWindow ? window_closed()
                                                                     : error_text(errors[0]);
          }
          out.receipts.push_back(std::move(r));
        }
      }
    }
    return out;
  }

  SendResult send(const OutboundMessage& m) override {
    const core::Json settings = parse_object(m.connection.settings);
    const std::string window_template = text_of(settings, "window_template");
    // The rule first: outside the window the API would refuse (131047).
    if (!core::service_window_open(m.row.dialog, env_.clock())) {
      if (window_template.empty()) return SendResult::failed(window_closed());
      return send_template(m, window_template);
    }
    GraphAnswer answer;
    const bool caption = m.message.text.size() <= kMaxCaption;
    if (m.message.attachments.empty() || (!caption && !m.message.text.empty())) {
      answer = message_call(
          m, {{"type", "text"}, {"text", {{"body", m.message.text}, {"preview_url", false}}}});
      if (!answer.ok) return outcome(m, answer, window_template);
    }
    for (std::size_t i = 0; i < m.message.attachments.size(); ++i) {
      const core::Attachment& a = m.message.attachments[i];
      std::optional<std::string> bytes = env_.files.bytes(m.row.dialog.account_id, a);
      if (!bytes) return SendResult::failed("the attached file " + a.name + " is gone");
      const GraphAnswer uploaded = upload(m.connection, a, std::move(*bytes));
      if (!uploaded.ok) return outcome(m, uploaded, window_template);
      const std::string media_id = text_of(uploaded.body, "id");
      // WhatsApp shows JPEG and PNG as pictures; anything else goes as a document.
      const bool image = a.mime == "image/jpeg" || a.mime == "image/png";
      core::Json media = {{"id", media_id}};
      if (!image) media["filename"] = a.name;
      if (i == 0 && caption && !m.message.text.empty()) media["caption"] = m.message.text;
      const std::string type = image ? "image" : "document";
      answer = message_call(m, {{"type", type}, {type, media}});
      if (!answer.ok) return outcome(m, answer, window_template);
    }
    return outcome(m, answer, window_template);
  }

 private:
  static const char* hint(const std::string& key) {
    if (key == "access_token")
      return "a system user's permanent token with whatsapp_business_messaging";
    if (key == "app_secret") return "the Meta app's secret, App settings > Basic";
    return "any string, also pasted into the webhook's Verify token in Meta's dashboard";
  }

  static std::string window_closed() {
    return "the 24-hour window is closed: the client last wrote more than 24 hours ago (or never), "
           "and WhatsApp then takes only an approved template; set settings.window_template or "
           "wait for the client to write";
  }

  // The subscription's handshake: hub.challenge echoed for the right verify token.
  static HookAnswer handshake(const core::Json& credentials, const HttpRequest& request) {
    HookAnswer answer;
    const auto param = [&request](const char* name) {
      auto it = request.query.find(name);
      return it == request.query.end() ? std::string() : it->second;
    };
    const std::string challenge = param("hub.challenge");
    if (param("hub.mode") != "subscribe" ||
        !same_secret(param("hub.verify_token"), text_of(credentials, "verify_token")) ||
        challenge.empty() || challenge.size() > kMaxChallenge) {
      answer.status = 403;
      answer.body = "verify token mismatch";
      return answer;
    }
    answer.body = challenge;
    return answer;
  }

  // One message of a notification in the ingest format; null for what is not shown.
  core::Json incoming(const SourceConnection& c, const core::Json& message,
                      const std::map<std::string, std::string>& names) {
    const std::string from = text_of(message, "from");
    const std::string wamid = text_of(message, "id");
    const std::string type = text_of(message, "type");
    if (from.empty() || wamid.empty()) return nullptr;
    core::Json in;
    in["external_id"] = wamid;
    auto name = names.find(from);
    in["client"] = {{"identity", from},
                    {"name", name == names.end() ? std::string() : name->second},
                    {"phone", from}};
    std::string text;
    core::Json attachments = core::Json::array();
    const core::Json& body = object_of(message, type.c_str());
    if (type == "text") {
      text = text_of(body, "body");
    } else if (type == "image" || type == "document" || type == "audio" || type == "video" ||
               type == "sticker") {
      text = text_of(body, "caption");
      const std::string media_id = text_of(body, "id");
      const std::string mime = bare_mime(text_of(body, "mime_type"));
      std::string file_name = text_of(body, "filename");
      if (file_name.empty()) file_name = media_name(type, media_id, mime);
      attachments.push_back(fetch(c, media_id, file_name, mime));
    } else if (type == "location") {
      const std::string place = text_of(body, "name");
      const std::string address = text_of(body, "address");
      text = "📍 " + (place.empty() ? "" : place + ", ") + (address.empty() ? "" : address + ", ") +
             text_of(body, "latitude") + ", " + text_of(body, "longitude");
    } else if (type == "button") {
      text = text_of(body, "text");
    } else if (type == "interactive") {
      const core::Json& reply = body.contains("button_reply") ? object_of(body, "button_reply")
                                                              : object_of(body, "list_reply");
      text = text_of(reply, "title");
    } else if (type == "reaction") {
      return nullptr;  // not a message of its own
    }
    if (text.empty() && attachments.empty()) {
      // Contacts, orders, unsupported kinds: the client wrote, the operator should know.
      text = "(WhatsApp: сообщение типа «" + type + "» пока не показывается)";
    }
    in["text"] = text;
    if (!attachments.empty()) in["attachments"] = attachments;
    return in;
  }

  std::string base(const SourceConnection& c) const {
    const core::Json settings = parse_object(c.settings);
    std::string url = text_of(settings, "base_url");
    if (url.empty()) url = kDefaultBase;
    while (!url.empty() && url.back() == '/') url.pop_back();
    std::string version = text_of(settings, "api_version");
    if (version.empty()) version = kDefaultVersion;
    return url + "/" + version;
  }

  static std::string bearer(const SourceConnection& c) {
    return "Bearer " + text_of(parse_object(c.credentials), "access_token");
  }

  GraphAnswer call(const SourceConnection& c, const std::string& method, const std::string& path,
                   const core::Json& body) {
    HttpCall call;
    call.method = method;
    call.url = base(c) + "/" + path;
    call.headers["authorization"] = bearer(c);
    if (!body.is_null()) {
      call.headers["content-type"] = "application/json";
      call.body = body.dump();
    }
    return answer_of(env_.http.perform(call));
  }

  GraphAnswer message_call(const OutboundMessage& m, core::Json message) {
    message["messaging_product"] = "whatsapp";
    message["recipient_type"] = "individual";
    message["to"] = m.address;
    const std::string number = text_of(parse_object(m.connection.settings), "phone_number_id");
    return call(m.connection, "POST", number + "/messages", message);
  }

  GraphAnswer upload(const SourceConnection& c, const core::Attachment& a, std::string bytes) {
    HttpCall call;
    call.method = "POST";
    call.url = base(c) + "/" + text_of(parse_object(c.settings), "phone_number_id") + "/media";
    call.headers["authorization"] = bearer(c);
    call.form = {{"messaging_product", "whatsapp", {}, {}},
                 {"type", a.mime, {}, {}},
                 {"file", std::move(bytes), a.name, a.mime}};
    call.timeout_ms = kFileTimeoutMs;
    return answer_of(env_.http.perform(call));
  }

  SendResult send_template(const OutboundMessage& m, const std::string& name) {
    std::string language = text_of(parse_object(m.connection.settings), "template_language");
    if (language.empty()) language = kDefaultLanguage;
    const GraphAnswer answer = message_call(
        m,
        {{"type", "template"}, {"template", {{"name", name}, {"language", {{"code", language}}}}}});
    if (!answer.ok) return outcome(m, answer, {});
    SendResult sent = outcome(m, answer, {});
    sent.notice = "The 24-hour WhatsApp window was closed: the template «" + name +
                  "» was sent instead of the operator's text";
    return sent;
  }

  static GraphAnswer answer_of(const HttpResult& r) {
    GraphAnswer a;
    a.status = r.status;
    if (!r.answered()) {
      a.message = r.error;
      return a;
    }
    core::Json body = core::Json::parse(r.body, nullptr, false);
    if (!body.is_object()) {
      a.message = "HTTP " + std::to_string(r.status) + " without the Graph API's answer";
      return a;
    }
    a.answered = true;
    if (auto e = body.find("error"); e != body.end() && e->is_object()) {
      a.code = e->value("code", 0);
      a.message = error_text(*e);
      return a;
    }
    a.ok = r.status >= 200 && r.status < 300;
    if (!a.ok) a.message = "HTTP " + std::to_string(r.status);
    a.body = std::move(body);
    return a;
  }

  static std::string refusal(const GraphAnswer& a) {
    if (!a.answered) return "WhatsApp could not be reached: " + a.message;
    if (a.code == kAccessTokenInvalid)
      return "WhatsApp refused the access token (" + a.message + ")";
    return a.message;
  }

  SendResult outcome(const OutboundMessage& m, const GraphAnswer& a,
                     const std::string& window_template) {
    if (a.ok) {
      const core::Json& messages = array_of(a.body, "messages");
      const std::string id = messages.empty() ? std::string() : text_of(messages[0], "id");
      if (id.empty()) return SendResult::retry("WhatsApp answered without the message's id");
      return SendResult::sent(id);
    }
    if (!a.answered || a.status >= 500 || a.status == 429 || kRateLimits.count(a.code) ||
        kTemporary.count(a.code)) {
      return SendResult::retry(refusal(a));
    }
    if (a.code == kOutsideWindow) {
      // Our clock or record disagreed with WhatsApp's: its word wins.
      if (!window_template.empty()) return send_template(m, window_template);
      return SendResult::failed(window_closed());
    }
    return SendResult::failed(refusal(a));
  }

  // The media's URL by its id, then the file itself, with the token both times.
  core::Json fetch(const SourceConnection& c, const std::string& media_id, const std::string& name,
                   const std::string& mime) {
    if (media_id.empty()) throw ChannelError("a media message without its id");
    const GraphAnswer info = call(c, "GET", media_id, nullptr);
    if (!info.ok) throw ChannelError("the media's URL: " + refusal(info));
    const std::string url = text_of(info.body, "url");
    if (url.empty()) throw ChannelError("the media's URL: WhatsApp answered none");
    HttpCall download;
    download.url = url;
    download.headers["authorization"] = bearer(c);
    download.timeout_ms = kFileTimeoutMs;
    const HttpResult file = env_.http.perform(download);
    if (file.status != 200) {
      throw ChannelError("the media could not be fetched: " +
                         (file.answered() ? "HTTP " + std::to_string(file.status) : file.error));
    }
    std::string kept_mime = bare_mime(text_of(info.body, "mime_type"));
    if (kept_mime == "application/octet-stream") kept_mime = mime;
    return core::encode(env_.files.keep(c.account_id, name, kept_mime, file.body));
  }

  ConnectorEnv& env_;
};

}  // namespace

std::unique_ptr<Connector> make_whatsapp_connector(ConnectorEnv& env) {
  return std::make_unique<WhatsApp>(env);
}

}  // namespace server::channels
