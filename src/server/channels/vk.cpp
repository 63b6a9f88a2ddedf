// VK: the Callback API's events in; groups.getById, users.get,
// messages.send and wall.createComment out (see vk.hpp).
#include "server/channels/vk.hpp"

#include <sodium.h>

#include <climits>
#include <map>

namespace server::channels {
namespace {

constexpr const char* kDefaultBase = "https://api.vk.com";
constexpr const char* kDefaultVersion = "5.199";
constexpr std::int64_t kChatPeers = 2000000000;  // peer_id of a group chat: 2e9 + chat id
constexpr TimeMs kFloodWait = 1000;              // after error 6 or 9 (too many requests)
constexpr TimeMs kQuotaWait = 60 * 1000;         // after error 29 (a method's daily limit)
constexpr long kFileTimeoutMs = 60000;

// One VK API answer: {"response": ...} or {"error": {"error_code", "error_msg"}}.
struct VkAnswer {
  bool ok = false;
  bool answered = false;  // false: no HTTP answer, or not the API's JSON
  int code = 0;           // error_code, or the HTTP status
  std::string message;
  core::Json response;
};

// application/x-www-form-urlencoded: unreserved characters as they are, the
// rest as %XX of its UTF-8 bytes.
std::string urlencode(const std::string& text) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char ch : text) {
    const bool unreserved = (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') ||
                            (ch >= '0' && ch <= '9') || ch == '-' || ch == '_' || ch == '.' ||
                            ch == '~';
    if (unreserved) {
      out += static_cast<char>(ch);
    } else {
      out += '%';
      out += hex[ch >> 4];
      out += hex[ch & 15];
    }
  }
  return out;
}

std::string id_text(const core::Json& v) {
  if (v.is_number_integer()) return std::to_string(v.get<std::int64_t>());
  if (v.is_string()) return v.get<std::string>();
  return {};
}

std::int64_t int_of(const core::Json& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end()) return 0;
  if (it->is_number_integer()) return it->get<std::int64_t>();
  if (it->is_string()) {
    try {
      return std::stoll(it->get<std::string>());
    } catch (const std::exception&) {
    }
  }
  return 0;
}

bool same_secret(const std::string& given, const std::string& expected) {
  return !expected.empty() && given.size() == expected.size() &&
         sodium_memcmp(given.data(), expected.data(), expected.size()) == 0;
}

// VK checks random_id over the community's whole history, so two messages
// must never share one: the message's own id (unique in the database) is
// used as it is. A 31-bit hash would collide after some tens of thousands of
// messages and VK would silently drop the later one.
std::int64_t random_id_of(core::Id message_id) {
  if (message_id > 0 && message_id <= INT32_MAX) return message_id;
  return (message_id & 0x7fffffff) | 1;  // past 2^31 messages: still stable
}

// "<owner_id>_<post_id>" of a wall post; false when it is not one.
bool split_post(const std::string& id, std::string& owner, std::string& post) {
  const std::size_t sep = id.find('_');
  if (sep == std::string::npos || sep == 0 || sep + 1 == id.size()) return false;
  owner = id.substr(0, sep);
  post = id.substr(sep + 1);
  const auto digits = [](const std::string& s, std::size_t from) {
    return s.size() > from && s.find_first_not_of("0123456789", from) == std::string::npos;
  };
  return digits(owner, owner[0] == '-' ? 1 : 0) && digits(post, 0);
}

std::string mime_of(const std::string& ext) {
  static const std::map<std::string, std::string> known = {
      {"pdf", "application/pdf"},
      {"jpg", "image/jpeg"},
      {"jpeg", "image/jpeg"},
      {"png", "image/png"},
      {"gif", "image/gif"},
      {"txt", "text/plain"},
      {"doc", "application/msword"},
      {"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
      {"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
      {"zip", "application/zip"}};
  auto it = known.find(ext);
  return it == known.end() ? "application/octet-stream" : it->second;
}

class Vk final : public Connector {
 public:
  explicit Vk(ConnectorEnv& env) : env_(env) {}

  void connect(SourceConnection& c, core::Source& source) override {
    const core::Json credentials = parse_object(c.credentials);
    core::Json settings = parse_object(c.settings);
    for (const char* key : {"access_token", "secret", "confirmation"}) {
      if (credentials.value(key, std::string()).empty()) {
        throw ChannelError(std::string(key) + ": required (" + hint(key) + ")");
      }
    }
    // With a community's token and no group_id, groups.getById names that community.
    const VkAnswer me = call(c, "groups.getById", {});
    if (!me.ok) throw ChannelError(refusal(me));
    const core::Json* group = nullptr;
    if (me.response.is_object() && me.response.contains("groups") &&
        me.response["groups"].is_array() && !me.response["groups"].empty()) {
      group = &me.response["groups"][0];  // 5.124 and later
    } else if (me.response.is_array() && !me.response.empty()) {
      group = &me.response[0];
    }
    if (!group || !group->is_object() || int_of(*group, "id") <= 0) {
      throw ChannelError("the token is not a community's token (groups.getById named none)");
    }
    const std::int64_t group_id = int_of(*group, "id");
    const std::int64_t given = int_of(settings, "group_id");
    if (given && given != group_id) {
      throw ChannelError("settings.group_id: the token is of community " +
                         std::to_string(group_id) + ", not " + std::to_string(given));
    }
    const std::string screen_name = group->value("screen_name", std::string());
    source.address = screen_name.empty() ? group->value("name", std::string()) : screen_name;
    settings["group_id"] = group_id;
    settings["group_name"] = group->value("name", std::string());
    c.settings = settings.dump();
  }

  HookAnswer hook(const SourceConnection& c, const HttpRequest& request) override {
    HookAnswer answer;
    const core::Json event = core::Json::parse(request.body, nullptr, false);
    if (!event.is_object() || !event.contains("type") || !event["type"].is_string()) {
      answer.status = 400;
      answer.body = "expected a Callback API event";
      return answer;
    }
    const core::Json credentials = parse_object(c.credentials);
    const std::int64_t group_id = int_of(parse_object(c.settings), "group_id");
    if (group_id && int_of(event, "group_id") != group_id) {
      answer.status = 403;
      answer.body = "not this source's community";
      return answer;
    }
    const std::string type = event["type"];
    if (type == "confirmation") {
      // The server's address is confirmed by answering the string VK showed.
      answer.body = credentials.value("confirmation", std::string());
      return answer;
    }
    if (!same_secret(event.value("secret", std::string()),
                     credentials.value("secret", std::string()))) {
      answer.status = 403;
      answer.body = "bad secret";
      return answer;
    }
    // VK wants "ok" for every event, or it retries and then stops calling.
    if (type == "message_new" || type == "wall_reply_new") answer.updates.push_back(request.body);
    return answer;
  }

  ReadUpdate read(const SourceConnection& c, const std::string& payload) override {
    ReadUpdate out;
    const core::Json event = core::Json::parse(payload, nullptr, false);
    if (!event.is_object()) return out;
    const std::string type = event.value("type", std::string());
    const core::Json& object = event.value("object", core::Json::object());
    if (!object.is_object()) return out;
    core::Json in;
    if (type == "message_new") {
      in = private_message(c, object);
    } else if (type == "wall_reply_new") {
      in = comment(object);
    }
    if (!in.is_null()) out.messages.push_back(std::move(in));
    return out;
  }

  SendResult send(const OutboundMessage& m) override {
    if (!m.message.attachments.empty()) {
      return SendResult::failed("files cannot be sent to VK yet: send the text alone");
    }
    if (m.message.reply_to == core::ReplyTarget::Comment && m.row.dialog.post) {
      std::string owner, post;
      if (!split_post(m.row.dialog.post->external_id, owner, post)) {
        return SendResult::failed("the dialog's post is not a VK wall post");
      }
      const std::int64_t group_id = int_of(parse_object(m.connection.settings), "group_id");
      // guid: VK's key against a repeated comment, as random_id is for messages.
      const VkAnswer a = call(m.connection, "wall.createComment",
                              {{"owner_id", owner},
                               {"post_id", post},
                               {"from_group", std::to_string(group_id)},
                               {"message", m.message.text},
                               {"guid", "chats-" + std::to_string(m.message.id)}});
      if (!a.ok) return outcome(a);
      return SendResult::sent("wall:" + owner + "_" + post + ":" +
                              id_text(a.response.value("comment_id", core::Json())));
    }
    const std::string& peer = m.address;
    if (peer.empty() || peer.find_first_not_of("-0123456789") != std::string::npos) {
      return SendResult::failed("the client has no VK id to write to");
    }
    const VkAnswer a = call(m.connection, "messages.send",
                            {{"peer_id", peer},
                             {"random_id", std::to_string(random_id_of(m.message.id))},
                             {"message", m.message.text}});
    if (!a.ok) return outcome(a);
    // A message id; an array of {peer_id, message_id} when peer_ids was given.
    std::string id = id_text(a.response);
    if (a.response.is_array() && !a.response.empty() && a.response[0].is_object()) {
      id = id_text(a.response[0].value("message_id", core::Json()));
    }
    return SendResult::sent("out:" + peer + ":" + id);
  }

 private:
  using Params = std::vector<std::pair<std::string, std::string>>;

  static std::string hint(const std::string& key) {
    if (key == "access_token") return "the community's access token, Manage → API usage";
    if (key == "secret") return "the Callback API's secret key, set in Manage → API usage";
    return "the string the Callback API settings ask the server to return";
  }

  // A private message to the community, in the ingest format; null to skip it.
  core::Json private_message(const SourceConnection& c, const core::Json& object) {
    // Since 5.103 the message is object.message; before, the object itself.
    const core::Json& message = object.contains("message") ? object["message"] : object;
    if (!message.is_object()) return nullptr;
    const std::int64_t from = int_of(message, "from_id");
    const std::int64_t peer = int_of(message, "peer_id");
    // The community's own messages (negative ids) and group chats are not dialogs here.
    if (from <= 0 || peer <= 0 || peer >= kChatPeers) return nullptr;
    std::int64_t local = int_of(message, "conversation_message_id");
    if (local <= 0) local = int_of(message, "id");
    if (local <= 0) return nullptr;
    core::Json in;
    const std::string external_id = "msg:" + std::to_string(peer) + ":" + std::to_string(local);
    in["external_id"] = external_id;
    in["client"] = {{"identity", std::to_string(from)}};
    const std::string name = name_of(c, from);
    if (!name.empty()) in["client"]["name"] = name;
    std::string text = message.value("text", std::string());
    core::Json attachments = core::Json::array();
    if (auto it = message.find("attachments"); it != message.end() && it->is_array()) {
      for (const core::Json& a : *it) {
        if (!a.is_object()) continue;
        core::Json kept =
            fetch_attachment(c, a, external_id + "_" + std::to_string(attachments.size() + 1));
        if (kept.is_null()) {
          text += (text.empty() ? "" : "\n") + ("[" + a.value("type", std::string("?")) + "]");
        } else {
          attachments.push_back(std::move(kept));
        }
      }
    }
    if (text.empty() && attachments.empty()) return nullptr;
    in["text"] = text;
    if (!attachments.empty()) in["attachments"] = attachments;
    return in;
  }

  // A comment under a post of the community's wall: the post's dialog.
  static core::Json comment(const core::Json& object) {
    const std::int64_t from = int_of(object, "from_id");
    const std::int64_t id = int_of(object, "id");
    const std::string post = std::to_string(int_of(object, "owner_id")) + "_" +
                             std::to_string(int_of(object, "post_id"));
    if (from <= 0 || id <= 0 || int_of(object, "post_id") <= 0) return nullptr;
    std::string text = object.value("text", std::string());
    if (auto it = object.find("attachments"); it != object.end() && it->is_array()) {
      for (const core::Json& a : *it) {
        if (a.is_object()) {
          text += (text.empty() ? "" : "\n") + ("[" + a.value("type", std::string("?")) + "]");
        }
      }
    }
    if (text.empty()) return nullptr;
    return {
        {"external_id", "wall:" + post + ":" + std::to_string(id)},
        {"client", {{"identity", std::to_string(from)}}},
        {"text", text},
        {"post", {{"external_id", post}, {"url", "https://vk.com/wall" + post}, {"title", ""}}}};
  }

  // The user's name from users.get; empty when VK does not say (a name is a
  // nicety: the message is not held up for it).
  std::string name_of(const SourceConnection& c, std::int64_t user_id) {
    const VkAnswer a = call(c, "users.get", {{"user_ids", std::to_string(user_id)}});
    if (!a.ok || !a.response.is_array() || a.response.empty() || !a.response[0].is_object()) {
      return {};
    }
    std::string name = a.response[0].value("first_name", std::string());
    const std::string last = a.response[0].value("last_name", std::string());
    if (!last.empty()) name += (name.empty() ? "" : " ") + last;
    return name;
  }

  // A photo, a document or a voice message, fetched and kept as an upload;
  // null for what is not a file (a sticker, a link, a post).
  core::Json fetch_attachment(const SourceConnection& c, const core::Json& a,
                              const std::string& stem) {
    const std::string type = a.value("type", std::string());
    const core::Json& body = a.value(type, core::Json::object());
    if (!body.is_object()) return nullptr;
    std::string url, name, mime;
    if (type == "photo") {
      std::int64_t best = -1;
      for (const core::Json& size : body.value("sizes", core::Json::array())) {
        const std::int64_t area = int_of(size, "width") * int_of(size, "height");
        if (size.is_object() && area > best && !size.value("url", std::string()).empty()) {
          best = area;
          url = size["url"];
        }
      }
      name = "photo_" + stem + ".jpg";
      mime = "image/jpeg";
    } else if (type == "doc") {
      url = body.value("url", std::string());
      const std::string ext = body.value("ext", std::string());
      name = body.value("title", "document" + (ext.empty() ? "" : "." + ext));
      mime = mime_of(ext);
    } else if (type == "audio_message") {
      url = body.value("link_ogg", std::string());
      name = "voice_" + stem + ".ogg";
      mime = "audio/ogg";
    }
    if (url.empty()) return nullptr;
    HttpCall download;
    download.url = url;
    download.timeout_ms = kFileTimeoutMs;
    const HttpResult file = env_.http.perform(download);
    if (file.status != 200) {
      throw ChannelError("a VK file could not be fetched: " +
                         (file.answered() ? "HTTP " + std::to_string(file.status) : file.error));
    }
    return core::encode(env_.files.keep(c.account_id, name, mime, file.body));
  }

  std::string base(const SourceConnection& c) const {
    std::string url = parse_object(c.settings).value("base_url", std::string(kDefaultBase));
    while (!url.empty() && url.back() == '/') url.pop_back();
    return url;
  }

  // POST {base}/method/{name}, form-encoded, the token in the body (never in
  // the URL, where a log or an error text could show it).
  VkAnswer call(const SourceConnection& c, const std::string& method, const Params& params) {
    const core::Json credentials = parse_object(c.credentials);
    std::string version = parse_object(c.settings).value("api_version", std::string());
    if (version.empty()) version = kDefaultVersion;
    std::string body;
    for (const auto& [k, v] : params) body += urlencode(k) + "=" + urlencode(v) + "&";
    body += "access_token=" + urlencode(credentials.value("access_token", std::string()));
    body += "&v=" + urlencode(version);
    HttpCall call;
    call.method = "POST";
    call.url = base(c) + "/method/" + method;
    call.headers["content-type"] = "application/x-www-form-urlencoded";
    call.body = std::move(body);
    return answer_of(env_.http.perform(call));
  }

  static VkAnswer answer_of(const HttpResult& r) {
    VkAnswer a;
    a.code = r.status;
    if (!r.answered()) {
      a.message = r.error;
      return a;
    }
    const core::Json body = core::Json::parse(r.body, nullptr, false);
    if (!body.is_object() || (!body.contains("response") && !body.contains("error"))) {
      a.message = "HTTP " + std::to_string(r.status) + " without the VK API's answer";
      return a;
    }
    a.answered = true;
    if (auto e = body.find("error"); e != body.end()) {
      const core::Json& error = e->is_object() ? *e : core::Json::object();
      a.code = static_cast<int>(int_of(error, "error_code"));
      a.message = error.value("error_msg", std::string());
      return a;
    }
    a.ok = true;
    a.response = body["response"];
    return a;
  }

  static std::string refusal(const VkAnswer& a) {
    if (!a.answered) return "VK could not be reached: " + a.message;
    if (a.code == 5 || a.code == 27) return "VK refused the access token (" + a.message + ")";
    return a.message.empty() ? "VK error " + std::to_string(a.code) : a.message;
  }

  // Errors 6 and 9 (too many requests), 10 (VK's internal error), 1
  // (unknown) and 29 (a daily limit) may pass; the rest (5 a refused token,
  // 7 and 15 no permission, 900-902 the user does not take messages) will not.
  static SendResult outcome(const VkAnswer& a) {
    if (!a.answered) return SendResult::retry(refusal(a));
    switch (a.code) {
      case 6:
      case 9:
        return SendResult::retry(refusal(a), kFloodWait);
      case 29:
        return SendResult::retry(refusal(a), kQuotaWait);
      case 1:
      case 10:
        return SendResult::retry(refusal(a));
      default:
        return SendResult::failed(refusal(a));
    }
  }

  ConnectorEnv& env_;
};

}  // namespace

std::unique_ptr<Connector> make_vk_connector(ConnectorEnv& env) {
  return std::make_unique<Vk>(env);
}

}  // namespace server::channels
