// The fake Graph API's answers and Meta's webhook payloads (see fake_whatsapp.hpp).
#include "fakes/fake_whatsapp.hpp"

#include "fakes/loopback.hpp"

#include <sodium.h>

#include <chrono>

namespace fakes {
namespace {

constexpr const char* kPrefix = "/api/graph";  // the server serves /api/*: the base URL's path
constexpr const char* kDownload = "/api/graph/download/";

server::HttpResponse json(int status, const core::Json& body) {
  server::HttpResponse r;
  r.status = status;
  r.body = body.dump();
  return r;
}

// The Graph API's error object; `details` goes in error_data as WhatsApp's errors do.
server::HttpResponse error(int status, int code, const std::string& message,
                           const std::string& details = {}, const std::string& type = {}) {
  core::Json e = {{"message", message},
                  {"type", type.empty() ? "OAuthException" : type},
                  {"code", code},
                  {"fbtrace_id", "AbCdEfGhIjK"}};
  if (!details.empty()) e["error_data"] = {{"messaging_product", "whatsapp"}, {"details", details}};
  return json(status, {{"error", e}});
}

// The errors the tests inject, worded as the Cloud API words them.
server::HttpResponse injected(int code) {
  switch (code) {
    case 131047:
      return error(400, code, "(#131047) Re-engagement message",
                   "Message failed to send because more than 24 hours have passed since the "
                   "customer last replied to this number.");
    case 130429:
      return error(400, code, "(#130429) Rate limit hit",
                   "Cloud API message throughput has been reached.");
    case 131026:
      return error(400, code, "(#131026) Message Undeliverable",
                   "Unable to deliver message to this recipient.");
    case 100:
      return error(400, code, "(#100) Invalid parameter");
    case 500:
      return error(500, 2, "Service temporarily unavailable");
    default:
      return error(400, code, "(#" + std::to_string(code) + ") Injected error");
  }
}

// A multipart/form-data body: text fields into `fields`, the one file into
// the call. Enough for what the connector sends.
void read_multipart(const server::HttpRequest& r, GraphCall& call) {
  const std::string type = r.header("content-type");
  const std::size_t b = type.find("boundary=");
  if (b == std::string::npos) return;
  std::string boundary = type.substr(b + 9);
  if (!boundary.empty() && boundary.front() == '"')
    boundary = boundary.substr(1, boundary.size() - 2);
  boundary = "--" + boundary;
  std::size_t pos = r.body.find(boundary);
  while (pos != std::string::npos) {
    const std::size_t head = pos + boundary.size() + 2;
    const std::size_t head_end = r.body.find("\r\n\r\n", head);
    if (head_end == std::string::npos) break;
    const std::size_t next = r.body.find("\r\n" + boundary, head_end);
    if (next == std::string::npos) break;
    const std::string headers = r.body.substr(head, head_end - head);
    const std::string value = r.body.substr(head_end + 4, next - head_end - 4);
    const auto quoted = [&headers](const std::string& key) -> std::string {
      const std::size_t at = headers.find(key + "=\"");
      if (at == std::string::npos) return {};
      const std::size_t from = at + key.size() + 2;
      return headers.substr(from, headers.find('"', from) - from);
    };
    const std::string name = quoted("name");
    if (headers.find("filename=\"") != std::string::npos) {
      call.file_name = quoted("filename");
      call.file_bytes = value;
      const std::size_t ct = headers.find("Content-Type: ");
      if (ct != std::string::npos) {
        call.file_mime = headers.substr(ct + 14, headers.find("\r\n", ct) - ct - 14);
      }
      call.body[name] = "<file>";
    } else {
      call.body[name] = value;
    }
    pos = next + 2;
  }
}

}  // namespace

FakeWhatsApp::FakeWhatsApp() {
  http_ = serve_on_loopback(0, [this](const server::HttpRequest& r) { return answer(r); });
  port_ = http_->port();
}

FakeWhatsApp::~FakeWhatsApp() {
  http_->stop();
}

std::string FakeWhatsApp::base_url() const {
  return "http://127.0.0.1:" + std::to_string(port_) + kPrefix;
}

void FakeWhatsApp::add_media(const std::string& media_id, const std::string& bytes,
                             const std::string& mime) {
  std::lock_guard<std::mutex> lock(mutex_);
  media_[media_id] = {bytes, mime};
}

void FakeWhatsApp::fail_next(const std::string& what, int n, int code) {
  std::lock_guard<std::mutex> lock(mutex_);
  for (int i = 0; i < n; ++i) failures_.emplace_back(what, code);
}

std::vector<GraphCall> FakeWhatsApp::calls(const std::string& what) const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<GraphCall> out;
  for (const auto& [kind, call] : calls_) {
    if (kind == what) out.push_back(call);
  }
  return out;
}

std::size_t FakeWhatsApp::unauthorized() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return unauthorized_;
}

bool FakeWhatsApp::wait_for(const std::string& what, std::size_t n, int timeout_ms) const {
  const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  for (;;) {
    if (count(what) >= n) return true;
    if (std::chrono::steady_clock::now() > until) return false;
    std::unique_lock<std::mutex> lock(mutex_);
    changed_.wait_for(lock, std::chrono::milliseconds(20));
  }
}

server::HttpResponse FakeWhatsApp::answer(const server::HttpRequest& r) {
  // Every call, the download too, carries the system user's token.
  if (r.header("authorization") != std::string("Bearer ") + kToken) {
    std::lock_guard<std::mutex> lock(mutex_);
    ++unauthorized_;
    return error(401, 190, "Invalid OAuth access token - Cannot parse access token");
  }
  GraphCall call;
  call.method = r.method;
  call.query = r.query;
  std::string what;
  if (r.path.rfind(kDownload, 0) == 0) {
    what = "download";
    call.path = r.path.substr(std::string(kDownload).size());
  } else {
    const std::string prefix = std::string(kPrefix) + "/";
    if (r.path.rfind(prefix, 0) != 0) return error(404, 803, "Unknown path components");
    const std::string rest = r.path.substr(prefix.size());
    const std::size_t slash = rest.find('/');
    if (slash == std::string::npos || rest[0] != 'v') {
      return error(400, 2500, "Unknown path components: /" + rest);
    }
    call.version = rest.substr(0, slash);
    call.path = rest.substr(slash + 1);
    const std::string number = kPhoneNumberId;
    if (call.path == number + "/messages") {
      what = "messages";
    } else if (call.path == number + "/media") {
      what = "media";
    } else if (call.path.find('/') != std::string::npos) {
      return error(400, 100, "Unsupported post request.");
    } else if (call.path == number) {
      what = "number";
    } else {
      what = "media_url";
    }
  }
  if (r.header("content-type").rfind("multipart/form-data", 0) == 0) {
    call.body = core::Json::object();
    read_multipart(r, call);
  } else if (!r.body.empty()) {
    call.body = core::Json::parse(r.body, nullptr, false);
    if (!call.body.is_object()) return error(400, 100, "(#100) Invalid JSON");
  }
  return route(what, call, r);
}

server::HttpResponse FakeWhatsApp::route(const std::string& what, GraphCall& call,
                                         const server::HttpRequest& r) {
  std::lock_guard<std::mutex> lock(mutex_);
  calls_.emplace_back(what, call);
  changed_.notify_all();
  for (auto it = failures_.begin(); it != failures_.end(); ++it) {
    if (it->first != what) continue;
    const int code = it->second;
    failures_.erase(it);
    return injected(code);
  }
  const core::Json& p = call.body;
  if (what == "number") {
    if (r.method != "GET") return error(400, 100, "Unsupported post request.");
    return json(200, {{"display_phone_number", kDisplayNumber},
                      {"verified_name", "Ромашка"},
                      {"id", kPhoneNumberId}});
  }
  if (what == "media_url") {
    auto it = media_.find(call.path);
    if (it == media_.end()) {
      return error(400, 100,
                   "Unsupported get request. Object with ID '" + call.path + "' does not exist");
    }
    return json(200, {{"messaging_product", "whatsapp"},
                      {"url", base_url() + "/download/" + call.path},
                      {"mime_type", it->second.mime},
                      {"sha256", "0"},
                      {"file_size", std::to_string(it->second.bytes.size())},
                      {"id", call.path}});
  }
  if (what == "download") {
    auto it = media_.find(call.path);
    if (it == media_.end()) return error(404, 100, "Not found");
    server::HttpResponse res;
    res.content_type = it->second.mime;
    res.body = it->second.bytes;
    return res;
  }
  if (what == "media") {
    if (p.value("messaging_product", std::string()) != "whatsapp") {
      return error(400, 100, "(#100) The parameter messaging_product is required.");
    }
    if (call.file_bytes.empty()) return error(400, 100, "(#100) The parameter file is required.");
    const std::string id = "UPLOADED-" + std::to_string(next_upload_++);
    media_[id] = {call.file_bytes, call.file_mime};
    return json(200, {{"id", id}});
  }
  // messages
  if (p.value("messaging_product", std::string()) != "whatsapp") {
    return error(400, 100, "(#100) The parameter messaging_product is required.");
  }
  const std::string to = p.value("to", std::string());
  if (to.empty()) return error(400, 100, "(#100) The parameter to is required.");
  const std::string type = p.value("type", std::string("text"));
  if (type == "text") {
    if (p.value("text", core::Json::object()).value("body", std::string()).empty()) {
      return error(400, 100, "(#100) The parameter text['body'] is required.");
    }
  } else if (type == "image" || type == "document") {
    const std::string id = p.value(type, core::Json::object()).value("id", std::string());
    if (!media_.count(id)) return error(400, 131053, "(#131053) Media upload error");
  } else if (type == "template") {
    const core::Json& t = p.value("template", core::Json::object());
    if (t.value("name", std::string()).empty() ||
        t.value("language", core::Json::object()).value("code", std::string()).empty()) {
      return error(400, 100, "(#100) The parameter template['name'] is required.");
    }
  } else {
    return error(400, 100, "(#100) Invalid parameter");
  }
  return json(200, {{"messaging_product", "whatsapp"},
                    {"contacts", {{{"input", to}, {"wa_id", to}}}},
                    {"messages", {{{"id", "wamid.TEST" + std::to_string(next_message_++)}}}}});
}

core::Json notification(core::Json value, const std::string& phone_number_id) {
  value["messaging_product"] = "whatsapp";
  value["metadata"] = {{"display_phone_number", "74951234567"},
                       {"phone_number_id", phone_number_id}};
  return {
      {"object", "whatsapp_business_account"},
      {"entry",
       {{{"id", "102290129340398"}, {"changes", {{{"value", value}, {"field", "messages"}}}}}}}};
}

namespace {

core::Json client_message(const std::string& from, const std::string& name,
                          const std::string& wamid, const std::string& type, core::Json content) {
  core::Json message = {{"from", from}, {"id", wamid}, {"timestamp", "1700000000"}, {"type", type}};
  message[type] = std::move(content);
  return notification(
      {{"contacts", {{{"profile", {{"name", name}}}, {"wa_id", from}}}}, {"messages", {message}}});
}

}  // namespace

core::Json text_notification(const std::string& from, const std::string& name,
                             const std::string& wamid, const std::string& text) {
  return client_message(from, name, wamid, "text", {{"body", text}});
}

core::Json image_notification(const std::string& from, const std::string& name,
                              const std::string& wamid, const std::string& media_id,
                              const std::string& caption) {
  return client_message(
      from, name, wamid, "image",
      {{"caption", caption}, {"mime_type", "image/jpeg"}, {"sha256", "0"}, {"id", media_id}});
}

core::Json status_notification(const std::string& wamid, const std::string& status,
                               const std::string& recipient, int error_code,
                               const std::string& error_title) {
  core::Json s = {
      {"id", wamid}, {"status", status}, {"timestamp", "1700000100"}, {"recipient_id", recipient}};
  if (error_code) {
    s["errors"] = {{{"code", error_code},
                    {"title", error_title},
                    {"message", error_title},
                    {"error_data", {{"details", error_title + " (details)"}}}}};
  }
  return notification({{"statuses", {s}}});
}

std::string hub_signature(const std::string& body, const std::string& app_secret) {
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(app_secret.data()),
                              app_secret.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(body.data()),
                                body.size());
  crypto_auth_hmacsha256_final(&state, mac);
  char hex[2 * sizeof mac + 1];
  sodium_bin2hex(hex, sizeof hex, mac, sizeof mac);
  return std::string("sha256=") + hex;
}

}  // namespace fakes
