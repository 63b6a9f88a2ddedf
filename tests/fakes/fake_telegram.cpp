// The fake Bot API's answers (see fake_telegram.hpp).
#include "fakes/fake_telegram.hpp"

#include "fakes/loopback.hpp"

#include <chrono>

namespace fakes {
namespace {

constexpr const char* kPrefix = "/api/tg";  // the server serves /api/*: the base URL's path

server::HttpResponse json(int status, const core::Json& body) {
  server::HttpResponse r;
  r.status = status;
  r.body = body.dump();
  return r;
}

server::HttpResponse error(int code, const std::string& description, int retry_after = 0) {
  core::Json body = {{"ok", false}, {"error_code", code}, {"description", description}};
  if (retry_after) body["parameters"] = {{"retry_after", retry_after}};
  return json(code, body);
}

server::HttpResponse ok(const core::Json& result) {
  return json(200, {{"ok", true}, {"result", result}});
}

// The fields of a multipart/form-data body: text fields into `fields`, the
// one file into name and bytes. Enough for what the connector sends.
void read_multipart(const server::HttpRequest& r, core::Json& fields, std::string& file_name,
                    std::string& file_bytes) {
  const std::string type = r.header("content-type");
  const std::size_t b = type.find("boundary=");
  if (b == std::string::npos) return;
  const std::string boundary = "--" + type.substr(b + 9);
  std::size_t pos = r.body.find(boundary);
  while (pos != std::string::npos) {
    const std::size_t head = pos + boundary.size() + 2;
    const std::size_t head_end = r.body.find("\r\n\r\n", head);
    if (head_end == std::string::npos) break;
    const std::size_t next = r.body.find("\r\n" + boundary, head_end);
    if (next == std::string::npos) break;
    const std::string headers = r.body.substr(head, head_end - head);
    const std::string value = r.body.substr(head_end + 4, next - head_end - 4);
    const std::size_t n = headers.find("name=\"");
    const std::string name =
        n == std::string::npos ? "" : headers.substr(n + 6, headers.find('"', n + 6) - n - 6);
    const std::size_t f = headers.find("filename=\"");
    if (f != std::string::npos) {
      file_name = headers.substr(f + 10, headers.find('"', f + 10) - f - 10);
      file_bytes = value;
      fields[name] = "<file>";
    } else {
      fields[name] = value;
    }
    pos = next + 2;
  }
}

}  // namespace

FakeTelegram::FakeTelegram(std::string token, std::string username, unsigned short port)
    : token_(std::move(token)), username_(std::move(username)), port_(port) {
  start();
}

FakeTelegram::~FakeTelegram() {
  if (http_) http_->stop();
}

void FakeTelegram::start() {
  http_ = serve_on_loopback(port_, [this](const server::HttpRequest& r) { return answer(r); });
  port_ = http_->port();
}

void FakeTelegram::go_down() {
  http_->stop();
  http_.reset();
}

void FakeTelegram::come_up() {
  start();
}

std::string FakeTelegram::base_url() const {
  return "http://127.0.0.1:" + std::to_string(port_) + kPrefix;
}

void FakeTelegram::queue_update(core::Json update) {
  std::lock_guard<std::mutex> lock(mutex_);
  update["update_id"] = next_update_id_++;
  updates_.push_back(std::move(update));
}

void FakeTelegram::add_file(const std::string& file_id, const std::string& bytes) {
  std::lock_guard<std::mutex> lock(mutex_);
  files_[file_id] = bytes;
}

void FakeTelegram::fail_next(const std::string& method, int n, int code,
                             const std::string& description, int retry_after) {
  std::lock_guard<std::mutex> lock(mutex_);
  for (int i = 0; i < n; ++i) failures_.push_back({method, code, description, retry_after});
}

void FakeTelegram::block_chat(const std::string& chat_id) {
  std::lock_guard<std::mutex> lock(mutex_);
  blocked_.insert(chat_id);
}

void FakeTelegram::unblock_chat(const std::string& chat_id) {
  std::lock_guard<std::mutex> lock(mutex_);
  blocked_.erase(chat_id);
}

std::vector<BotCall> FakeTelegram::calls(const std::string& method) const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<BotCall> out;
  for (const BotCall& c : calls_) {
    if (c.method == method) out.push_back(c);
  }
  return out;
}

bool FakeTelegram::wait_for(const std::string& method, std::size_t n, int timeout_ms) const {
  const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  for (;;) {
    if (count(method) >= n) return true;
    if (std::chrono::steady_clock::now() > until) return false;
    std::unique_lock<std::mutex> lock(mutex_);
    changed_.wait_for(lock, std::chrono::milliseconds(20));
  }
}

std::string FakeTelegram::webhook_url() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return webhook_url_;
}

std::string FakeTelegram::webhook_secret() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return webhook_secret_;
}

server::HttpResponse FakeTelegram::answer(const server::HttpRequest& r) {
  const std::string bot = std::string(kPrefix) + "/bot";
  const std::string file = std::string(kPrefix) + "/file/bot";
  if (r.path.rfind(file, 0) == 0) {
    const std::string rest = r.path.substr(file.size());
    const std::size_t slash = rest.find('/');
    if (slash == std::string::npos || rest.substr(0, slash) != token_) {
      return error(401, "Unauthorized");
    }
    std::lock_guard<std::mutex> lock(mutex_);
    const std::string path = rest.substr(slash + 1);
    for (const auto& [id, bytes] : files_) {
      if (path == "files/" + id) {
        server::HttpResponse res;
        res.content_type = "application/octet-stream";
        res.body = bytes;
        return res;
      }
    }
    return error(404, "Not Found");
  }
  if (r.path.rfind(std::string(kPrefix) + "/_fake/", 0) == 0) return control(r);
  if (r.path.rfind(bot, 0) != 0) return error(404, "Not Found");
  const std::string rest = r.path.substr(bot.size());
  const std::size_t slash = rest.find('/');
  if (slash == std::string::npos) return error(404, "Not Found");
  // A wrong token is 401 for every method, as the Bot API answers.
  if (rest.substr(0, slash) != token_) return error(401, "Unauthorized");
  return method_call(rest.substr(slash + 1), r);
}

// The test's own handle on the fake from another process (the browser
// tests): queue an update, read the calls made. Not part of the Bot API.
server::HttpResponse FakeTelegram::control(const server::HttpRequest& r) {
  const std::string what = r.path.substr(std::string(kPrefix).size() + 7);
  if (what == "updates" && r.method == "POST") {
    const core::Json update = core::Json::parse(r.body, nullptr, false);
    if (!update.is_object()) return error(400, "Bad Request: an update object");
    queue_update(update);
    return ok(true);
  }
  if (what == "calls" && r.method == "GET") {
    auto method = r.query.find("method");
    core::Json list = core::Json::array();
    for (const BotCall& c : calls(method == r.query.end() ? "" : method->second)) {
      list.push_back({{"method", c.method},
                      {"params", c.params},
                      {"file_name", c.file_name},
                      {"received_at", c.received_at}});
    }
    return ok(list);
  }
  return error(404, "Not Found");
}

server::HttpResponse FakeTelegram::method_call(const std::string& method,
                                               const server::HttpRequest& r) {
  BotCall call;
  call.method = method;
  call.received_at = std::chrono::duration_cast<std::chrono::milliseconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
  if (r.header("content-type").rfind("multipart/form-data", 0) == 0) {
    call.params = core::Json::object();
    read_multipart(r, call.params, call.file_name, call.file_bytes);
  } else {
    call.params = core::Json::parse(r.body.empty() ? "{}" : r.body, nullptr, false);
    if (!call.params.is_object()) return error(400, "Bad Request: can't parse JSON");
  }
  const core::Json& p = call.params;
  std::unique_lock<std::mutex> lock(mutex_);
  calls_.push_back(call);
  changed_.notify_all();
  for (auto it = failures_.begin(); it != failures_.end(); ++it) {
    if (it->method != method) continue;
    const Failure f = *it;
    failures_.erase(it);
    return error(f.code, f.description, f.retry_after);
  }
  const auto chat_of = [&p]() -> std::string {
    const core::Json& id = p.value("chat_id", core::Json());
    return id.is_string() ? id.get<std::string>() : id.is_number() ? id.dump() : "";
  };
  if (method == "getMe") {
    return ok({{"id", 123456}, {"is_bot", true}, {"first_name", "Shop"}, {"username", username_}});
  }
  if (method == "setWebhook") {
    webhook_url_ = p.value("url", std::string());
    webhook_secret_ = p.value("secret_token", std::string());
    return ok(true);
  }
  if (method == "deleteWebhook") {
    webhook_url_.clear();
    webhook_secret_.clear();
    return ok(true);
  }
  if (method == "getUpdates") {
    if (!webhook_url_.empty()) {
      return error(409,
                   "Conflict: can't use getUpdates method while webhook is active; use "
                   "deleteWebhook to delete the webhook first");
    }
    const std::int64_t offset = p.value("offset", std::int64_t{0});
    // Updates below the offset are confirmed: forgotten for good.
    while (!updates_.empty() && updates_.front()["update_id"].get<std::int64_t>() < offset) {
      updates_.pop_front();
    }
    if (updates_.empty()) {
      // A short long poll: enough to show the wait without slowing the tests.
      const int timeout = std::min(p.value("timeout", 0), 1);
      changed_.wait_for(lock, std::chrono::seconds(timeout), [this] { return !updates_.empty(); });
    }
    core::Json result = core::Json::array();
    for (const core::Json& u : updates_) result.push_back(u);
    return ok(result);
  }
  if (method == "getFile") {
    const std::string id = p.value("file_id", std::string());
    auto it = files_.find(id);
    if (it == files_.end()) return error(400, "Bad Request: invalid file_id");
    return ok({{"file_id", id},
               {"file_unique_id", "u" + id},
               {"file_size", it->second.size()},
               {"file_path", "files/" + id}});
  }
  if (method == "sendMessage" || method == "sendPhoto" || method == "sendDocument") {
    const std::string chat = chat_of();
    if (chat.empty()) return error(400, "Bad Request: chat_id is empty");
    if (blocked_.count(chat)) return error(403, "Forbidden: bot was blocked by the user");
    if (method == "sendMessage" && p.value("text", std::string()).empty()) {
      return error(400, "Bad Request: message text is empty");
    }
    if (method != "sendMessage" && calls_.back().file_bytes.empty()) {
      return error(400, "Bad Request: there is no file in the request");
    }
    core::Json message = {{"message_id", next_message_id_++},
                          {"date", 1700000000},
                          {"chat", {{"id", std::stoll(chat)}, {"type", "private"}}}};
    if (method == "sendMessage") message["text"] = p["text"];
    return ok(message);
  }
  return error(404, "Not Found: method not found");
}

}  // namespace fakes
