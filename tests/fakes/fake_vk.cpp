// The fake VK API's answers (see fake_vk.hpp).
#include "fakes/fake_vk.hpp"

#include "fakes/loopback.hpp"

#include <chrono>

#include "server/transport/http_util.hpp"

namespace fakes {
namespace {

constexpr const char* kPrefix = "/api/vk";  // the server serves /api/*: the base URL's path

server::HttpResponse json(const core::Json& body, int status = 200) {
  server::HttpResponse r;
  r.status = status;
  r.body = body.dump();
  return r;
}

// VK answers its errors with HTTP 200.
server::HttpResponse error(int code, const std::string& message) {
  return json({{"error", {{"error_code", code}, {"error_msg", message}, {"request_params", {}}}}});
}

server::HttpResponse response(const core::Json& value) {
  return json({{"response", value}});
}

std::int64_t number(const std::map<std::string, std::string>& params, const std::string& key) {
  auto it = params.find(key);
  if (it == params.end()) return 0;
  try {
    return std::stoll(it->second);
  } catch (const std::exception&) {
    return 0;
  }
}

std::string text(const std::map<std::string, std::string>& params, const std::string& key) {
  auto it = params.find(key);
  return it == params.end() ? std::string() : it->second;
}

}  // namespace

FakeVk::FakeVk(std::string token, std::int64_t group_id, std::string screen_name)
    : token_(std::move(token)), group_id_(group_id), screen_name_(std::move(screen_name)) {
  http_ = serve_on_loopback(0, [this](const server::HttpRequest& r) { return answer(r); });
}

FakeVk::~FakeVk() {
  if (http_) http_->stop();
}

std::string FakeVk::base_url() const {
  return "http://127.0.0.1:" + std::to_string(http_->port()) + kPrefix;
}

void FakeVk::add_user(std::int64_t id, const std::string& first_name,
                      const std::string& last_name) {
  std::lock_guard<std::mutex> lock(mutex_);
  users_[id] = {{"id", id},
                {"first_name", first_name},
                {"last_name", last_name},
                {"can_access_closed", true},
                {"is_closed", false}};
}

void FakeVk::add_file(const std::string& name, const std::string& bytes) {
  std::lock_guard<std::mutex> lock(mutex_);
  files_[name] = bytes;
}

std::string FakeVk::file_url(const std::string& name) const {
  return base_url() + "/files/" + name;
}

void FakeVk::fail_next(const std::string& method, int n, int code, const std::string& message) {
  std::lock_guard<std::mutex> lock(mutex_);
  for (int i = 0; i < n; ++i) failures_.push_back({method, code, message});
}

void FakeVk::lose_next_answer(const std::string& method, int n) {
  std::lock_guard<std::mutex> lock(mutex_);
  for (int i = 0; i < n; ++i) failures_.push_back({method, 0, {}});
}

void FakeVk::deny_messages(std::int64_t user_id) {
  std::lock_guard<std::mutex> lock(mutex_);
  denied_.insert(user_id);
}

void FakeVk::allow_messages(std::int64_t user_id) {
  std::lock_guard<std::mutex> lock(mutex_);
  denied_.erase(user_id);
}

std::vector<VkCall> FakeVk::calls(const std::string& method) const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<VkCall> out;
  for (const VkCall& c : calls_) {
    if (c.method == method) out.push_back(c);
  }
  return out;
}

bool FakeVk::wait_for(const std::string& method, std::size_t n, int timeout_ms) const {
  const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  for (;;) {
    if (count(method) >= n) return true;
    if (std::chrono::steady_clock::now() > until) return false;
    std::unique_lock<std::mutex> lock(mutex_);
    changed_.wait_for(lock, std::chrono::milliseconds(20));
  }
}

std::vector<VkSent> FakeVk::sent() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return sent_;
}

std::size_t FakeVk::delivered() const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::size_t n = 0;
  for (const VkSent& s : sent_) n += s.duplicate ? 0 : 1;
  return n;
}

server::HttpResponse FakeVk::answer(const server::HttpRequest& r) {
  const std::string files = std::string(kPrefix) + "/files/";
  if (r.path.rfind(files, 0) == 0) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = files_.find(r.path.substr(files.size()));
    if (it == files_.end()) return json({{"error", "not found"}}, 404);
    server::HttpResponse res;
    res.content_type = "application/octet-stream";
    res.body = it->second;
    return res;
  }
  const std::string methods = std::string(kPrefix) + "/method/";
  if (r.path.rfind(methods, 0) != 0) return json({{"error", "not found"}}, 404);
  // Parameters come in the query or in a form-encoded body, as VK takes both.
  VkCall call;
  call.method = r.path.substr(methods.size());
  call.params = r.query;
  if (r.header("content-type").rfind("application/x-www-form-urlencoded", 0) == 0) {
    for (auto& [k, v] : server::transport::parse_query(r.body)) call.params[k] = v;
  }
  {
    std::lock_guard<std::mutex> lock(mutex_);
    calls_.push_back(call);
  }
  changed_.notify_all();
  if (text(call.params, "access_token") != token_) {
    return error(5, "User authorization failed: invalid access_token");
  }
  if (text(call.params, "v").empty()) return error(8, "Invalid request: v is required");
  return method_call(call.method, call);
}

server::HttpResponse FakeVk::method_call(const std::string& method, const VkCall& call) {
  const auto& p = call.params;
  std::lock_guard<std::mutex> lock(mutex_);
  bool lose = false;
  for (auto it = failures_.begin(); it != failures_.end(); ++it) {
    if (it->method != method) continue;
    const Failure f = *it;
    failures_.erase(it);
    if (f.code) return error(f.code, f.message);
    lose = true;
    break;
  }
  server::HttpResponse out;
  if (method == "groups.getById") {
    out = response({{"groups",
                     {{{"id", group_id_},
                       {"name", "Ромашка — цветы"},
                       {"screen_name", screen_name_},
                       {"is_closed", 0},
                       {"type", "group"}}}},
                    {"profiles", core::Json::array()}});
  } else if (method == "users.get") {
    core::Json list = core::Json::array();
    auto it = users_.find(number(p, "user_ids"));
    if (it != users_.end()) list.push_back(it->second);
    out = response(list);
  } else if (method == "messages.send") {
    const std::int64_t peer = number(p, "peer_id");
    if (!peer) return error(100, "One of the parameters specified was missing or invalid: peer_id");
    if (!p.count("random_id")) {
      return error(100,
                   "One of the parameters specified was missing or invalid: random_id is a "
                   "required parameter");
    }
    if (text(p, "message").empty()) {
      return error(100, "One of the parameters specified was missing or invalid: message is empty");
    }
    if (denied_.count(peer)) return error(901, "Can't send messages for users without permission");
    const std::string key = std::to_string(peer) + ":" + text(p, "random_id");
    VkSent s{method, p, 0, false};
    if (auto seen = taken_.find(key); seen != taken_.end()) {
      s.id = seen->second;
      s.duplicate = true;
    } else {
      s.id = next_message_id_++;
      taken_[key] = s.id;
    }
    sent_.push_back(s);
    out = response(s.id);
  } else if (method == "wall.createComment") {
    if (!number(p, "post_id") || !number(p, "owner_id")) {
      return error(100, "One of the parameters specified was missing or invalid: post_id");
    }
    if (text(p, "message").empty()) {
      return error(100, "One of the parameters specified was missing or invalid: message");
    }
    const std::string guid = text(p, "guid");
    const std::string key = "guid:" + text(p, "owner_id") + "_" + text(p, "post_id") + ":" + guid;
    VkSent s{method, p, 0, false};
    if (auto seen = taken_.find(key); !guid.empty() && seen != taken_.end()) {
      s.id = seen->second;
      s.duplicate = true;
    } else {
      s.id = next_comment_id_++;
      if (!guid.empty()) taken_[key] = s.id;
    }
    sent_.push_back(s);
    out = response({{"comment_id", s.id}, {"parents_stack", core::Json::array()}});
  } else {
    return error(3, "Unknown method passed");
  }
  if (lose) {
    server::HttpResponse gone;
    gone.status = 502;
    gone.content_type = "text/html";
    gone.body = "<html><body>502 Bad Gateway</body></html>";
    return gone;
  }
  return out;
}

}  // namespace fakes
