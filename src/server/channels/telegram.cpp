// Telegram Bot API: getMe, setWebhook / deleteWebhook, getUpdates, getFile,
// sendMessage, sendPhoto, sendDocument (see telegram.hpp).
#include "server/channels/telegram.hpp"

#include <sodium.h>

namespace server::channels {
namespace {

constexpr const char* kDefaultBase = "https://api.telegram.org";
constexpr int kPollSeconds = 25;        // getUpdates' long-poll timeout
constexpr long kFileTimeoutMs = 60000;  // a file of up to 20 MB (getFile's limit)
constexpr const char* kAllowedUpdates = R"(["message","edited_message"])";

// One Bot API answer: {"ok": true, "result": ...} or {"ok": false,
// "error_code": 429, "description": "...", "parameters": {"retry_after": 5}}.
struct BotAnswer {
  bool ok = false;
  bool answered = false;  // false: no HTTP answer, or not the API's JSON
  int code = 0;           // error_code, or the HTTP status
  std::string description;
  TimeMs retry_after = 0;
  core::Json result;
};

class Telegram final : public Connector {
 public:
  explicit Telegram(ConnectorEnv& env) : env_(env) {}

  void connect(SourceConnection& c, core::Source& source) override {
    core::Json credentials = parse_object(c.credentials);
    core::Json settings = parse_object(c.settings);
    const std::string token = credentials.value("token", std::string());
    if (token.empty()) throw ChannelError("token: required, the bot's token from @BotFather");
    const BotAnswer me = call(c, "getMe", core::Json::object());
    if (!me.ok) throw ChannelError(refusal(me));
    const std::string username = me.result.value("username", std::string());
    source.address = "@" + username;
    settings["bot_username"] = username;
    settings["bot_id"] = me.result.value("id", std::int64_t{0});
    std::string mode = settings.value("mode", std::string());
    if (mode.empty()) mode = env_.public_url.empty() ? "polling" : "webhook";
    if (mode != "webhook" && mode != "polling") {
      throw ChannelError("settings.mode: expected webhook or polling");
    }
    settings["mode"] = mode;
    if (mode == "webhook") {
      if (env_.public_url.empty()) {
        throw ChannelError("a webhook needs the server's public URL (--public-url); use polling");
      }
      if (!credentials.contains("webhook_secret")) credentials["webhook_secret"] = new_secret();
      core::Json params = {{"url", env_.public_url + "/api/hooks/" + std::to_string(c.source_id)},
                           {"secret_token", credentials["webhook_secret"]},
                           {"allowed_updates", core::Json::parse(kAllowedUpdates)}};
      const BotAnswer set = call(c, "setWebhook", params);
      if (!set.ok) throw ChannelError("setWebhook: " + refusal(set));
    } else {
      // getUpdates answers 409 while a webhook is set.
      const BotAnswer removed = call(c, "deleteWebhook", core::Json::object());
      if (!removed.ok) throw ChannelError("deleteWebhook: " + refusal(removed));
    }
    c.credentials = credentials.dump();
    c.settings = settings.dump();
  }

  HookAnswer hook(const SourceConnection& c, const HttpRequest& request) override {
    HookAnswer answer;
    const std::string expected = parse_object(c.credentials).value("webhook_secret", std::string());
    const std::string given = request.header("x-telegram-bot-api-secret-token");
    if (expected.empty() || given.size() != expected.size() ||
        sodium_memcmp(given.data(), expected.data(), expected.size()) != 0) {
      answer.status = 401;
      answer.body = "secret token mismatch";
      return answer;
    }
    const core::Json update = core::Json::parse(request.body, nullptr, false);
    if (!update.is_object() || !update.contains("update_id")) {
      answer.status = 400;
      answer.body = "expected an Update object";
      return answer;
    }
    answer.updates.push_back(request.body);
    return answer;
  }

  ReadUpdate read(const SourceConnection& c, const std::string& payload) override {
    ReadUpdate out;
    const core::Json update = core::Json::parse(payload, nullptr, false);
    if (!update.is_object()) return out;
    const bool edited = update.contains("edited_message");
    const core::Json* message = edited                       ? &update["edited_message"]
                                : update.contains("message") ? &update["message"]
                                                             : nullptr;
    if (!message || !message->is_object()) return out;  // other kinds are not asked for
    const core::Json& chat = message->value("chat", core::Json::object());
    if (chat.value("type", std::string("private")) != "private") return out;
    const std::string chat_id = id_text(chat.value("id", core::Json()));
    if (chat_id.empty()) return out;

    core::Json in;
    in["external_id"] = chat_id + ":" + id_text(message->value("message_id", core::Json()));
    if (edited) {
      in["external_id"] = in["external_id"].get<std::string>() +
                          ":edit:" + id_text(message->value("edit_date", core::Json()));
    }
    const core::Json& from = message->value("from", core::Json::object());
    std::string name = from.value("first_name", std::string());
    const std::string last = from.value("last_name", std::string());
    if (!last.empty()) name += (name.empty() ? "" : " ") + last;
    in["client"] = {
        {"identity", chat_id}, {"name", name}, {"nick", from.value("username", std::string())}};
    std::string text = message->value("text", message->value("caption", std::string()));
    if (edited) text = "✎ " + text;
    core::Json attachments = core::Json::array();
    if (const auto* photos = find_array(*message, "photo"); photos && !photos->empty()) {
      const core::Json& largest = photos->back();  // sizes come smallest first
      attachments.push_back(fetch(c, largest.value("file_id", std::string()),
                                  "photo_" + in["external_id"].get<std::string>() + ".jpg",
                                  "image/jpeg"));
    }
    for (const char* kind : {"document", "voice", "audio", "video"}) {
      auto it = message->find(kind);
      if (it == message->end() || !it->is_object()) continue;
      const std::string fallback = std::string(kind) + (std::string(kind) == "voice" ? ".ogg" : "");
      attachments.push_back(fetch(c, it->value("file_id", std::string()),
                                  it->value("file_name", fallback),
                                  it->value("mime_type", std::string("application/octet-stream"))));
    }
    if (text.empty() && attachments.empty()) return out;  // stickers, locations: not yet
    in["text"] = text;
    if (!attachments.empty()) in["attachments"] = attachments;
    out.messages.push_back(std::move(in));
    return out;
  }

  SendResult send(const OutboundMessage& m) override {
    const std::string& chat = m.address;
    BotAnswer answer;
    if (m.message.attachments.empty()) {
      answer = call(m.connection, "sendMessage", {{"chat_id", chat}, {"text", m.message.text}});
    }
    // One call per file, the text as the first one's caption (up to 1024 characters).
    const bool caption = m.message.text.size() <= 1024;
    if (!m.message.attachments.empty() && !caption) {
      answer = call(m.connection, "sendMessage", {{"chat_id", chat}, {"text", m.message.text}});
      if (!answer.ok) return outcome(answer);
    }
    for (std::size_t i = 0; i < m.message.attachments.size(); ++i) {
      const core::Attachment& a = m.message.attachments[i];
      std::optional<std::string> bytes = env_.files.bytes(m.row.dialog.account_id, a);
      if (!bytes) return SendResult::failed("the attached file " + a.name + " is gone");
      const bool photo = a.mime.rfind("image/", 0) == 0 && a.mime != "image/gif";
      std::vector<FormPart> form = {
          {"chat_id", chat, {}, {}},
          {photo ? "photo" : "document", std::move(*bytes), a.name, a.mime}};
      if (i == 0 && caption && !m.message.text.empty()) {
        form.push_back({"caption", m.message.text, {}, {}});
      }
      answer = call_form(m.connection, photo ? "sendPhoto" : "sendDocument", std::move(form));
      if (!answer.ok) return outcome(answer);
    }
    return outcome(answer);
  }

  bool polls(const SourceConnection& c) const override {
    return parse_object(c.settings).value("mode", std::string()) == "polling";
  }

  PollResult poll(const SourceConnection& c) override {
    PollResult out;
    std::int64_t offset = 0;
    if (!c.cursor.empty()) offset = std::stoll(c.cursor);
    core::Json params = {{"timeout", kPollSeconds},
                         {"allowed_updates", core::Json::parse(kAllowedUpdates)}};
    if (offset) params["offset"] = offset;
    const BotAnswer answer = call(c, "getUpdates", params, (kPollSeconds + 10) * 1000L);
    if (!answer.ok) throw ChannelError("getUpdates: " + refusal(answer));
    out.cursor = c.cursor;
    if (!answer.result.is_array()) return out;
    for (const core::Json& update : answer.result) {
      out.updates.push_back(update.dump());
      const std::int64_t id = update.value("update_id", std::int64_t{0});
      if (id + 1 > offset) offset = id + 1;
    }
    if (offset) out.cursor = std::to_string(offset);
    return out;
  }

 private:
  static std::string new_secret() {
    unsigned char bytes[24];
    randombytes_buf(bytes, sizeof bytes);
    static const char* hex = "0123456789abcdef";
    std::string out;
    for (unsigned char b : bytes) {
      out += hex[b >> 4];
      out += hex[b & 15];
    }
    return out;
  }

  static std::string id_text(const core::Json& v) {
    if (v.is_number_integer()) return std::to_string(v.get<std::int64_t>());
    if (v.is_string()) return v.get<std::string>();
    return {};
  }

  static const core::Json* find_array(const core::Json& object, const char* key) {
    auto it = object.find(key);
    return it != object.end() && it->is_array() ? &*it : nullptr;
  }

  std::string base(const SourceConnection& c) const {
    std::string url = parse_object(c.settings).value("base_url", std::string(kDefaultBase));
    while (!url.empty() && url.back() == '/') url.pop_back();
    return url;
  }

  std::string token(const SourceConnection& c) const {
    return parse_object(c.credentials).value("token", std::string());
  }

  BotAnswer call(const SourceConnection& c, const std::string& method, const core::Json& params,
                 long timeout_ms = 15000) {
    HttpCall call;
    call.method = "POST";
    call.url = base(c) + "/bot" + token(c) + "/" + method;
    call.headers["content-type"] = "application/json";
    call.body = params.dump();
    call.timeout_ms = timeout_ms;
    return answer_of(env_.http.perform(call));
  }

  BotAnswer call_form(const SourceConnection& c, const std::string& method,
                      std::vector<FormPart> form) {
    HttpCall call;
    call.method = "POST";
    call.url = base(c) + "/bot" + token(c) + "/" + method;
    call.form = std::move(form);
    call.timeout_ms = kFileTimeoutMs;
    return answer_of(env_.http.perform(call));
  }

  static BotAnswer answer_of(const HttpResult& r) {
    BotAnswer a;
    a.code = r.status;
    if (!r.answered()) {
      a.description = r.error;
      return a;
    }
    const core::Json body = core::Json::parse(r.body, nullptr, false);
    if (!body.is_object() || !body.contains("ok")) {
      a.description = "HTTP " + std::to_string(r.status) + " without the Bot API's answer";
      return a;
    }
    a.answered = true;
    a.ok = body.value("ok", false);
    a.code = body.value("error_code", r.status);
    a.description = body.value("description", std::string());
    if (auto p = body.find("parameters"); p != body.end() && p->is_object()) {
      a.retry_after = p->value("retry_after", std::int64_t{0}) * 1000;
    }
    if (a.ok && body.contains("result")) a.result = body["result"];
    return a;
  }

  static std::string refusal(const BotAnswer& a) {
    if (!a.answered) return "Telegram could not be reached: " + a.description;
    if (a.code == 401 || a.code == 404)
      return "Telegram refused the bot token (" + a.description + ")";
    return a.description.empty() ? "Telegram answered " + std::to_string(a.code) : a.description;
  }

  static SendResult outcome(const BotAnswer& a) {
    if (a.ok) {
      const core::Json& chat = a.result.value("chat", core::Json::object());
      return SendResult::sent(id_text(chat.value("id", core::Json())) + ":" +
                              id_text(a.result.value("message_id", core::Json())));
    }
    if (!a.answered || a.code == 429 || a.code >= 500) {
      return SendResult::retry(refusal(a), a.retry_after);
    }
    return SendResult::failed(refusal(a));
  }

  // getFile, then the file itself; kept as an upload of the source's account.
  core::Json fetch(const SourceConnection& c, const std::string& file_id, const std::string& name,
                   const std::string& mime) {
    const BotAnswer info = call(c, "getFile", {{"file_id", file_id}});
    if (!info.ok) throw ChannelError("getFile: " + refusal(info));
    const std::string path = info.result.value("file_path", std::string());
    if (path.empty()) throw ChannelError("getFile: no file_path (a file over 20 MB?)");
    HttpCall download;
    download.url = base(c) + "/file/bot" + token(c) + "/" + path;
    download.timeout_ms = kFileTimeoutMs;
    const HttpResult file = env_.http.perform(download);
    if (file.status != 200) {
      throw ChannelError("the file could not be fetched: " +
                         (file.answered() ? "HTTP " + std::to_string(file.status) : file.error));
    }
    return core::encode(env_.files.keep(c.account_id, name, mime, file.body));
  }

  ConnectorEnv& env_;
};

}  // namespace

std::unique_ptr<Connector> make_telegram_connector(ConnectorEnv& env) {
  return std::make_unique<Telegram>(env);
}

}  // namespace server::channels
