// The fake callback receiver's answers (see fake_receiver.hpp).
#include "fakes/fake_receiver.hpp"

#include "fakes/loopback.hpp"

#include <chrono>

#include "server/channels/webhook.hpp"

namespace fakes {
namespace {

constexpr const char* kHook = "/api/receiver";  // the server serves /api/* only
constexpr const char* kFiles = "/api/files/";

server::HttpResponse json(const core::Json& body, int status = 200) {
  server::HttpResponse r;
  r.status = status;
  r.body = body.dump();
  return r;
}

}  // namespace

FakeReceiver::FakeReceiver(std::string secret) : secret_(std::move(secret)) {
  http_ = serve_on_loopback(0, [this](const server::HttpRequest& r) { return answer(r); });
}

FakeReceiver::~FakeReceiver() {
  if (http_) http_->stop();
}

std::string FakeReceiver::callback_url() const {
  return "http://127.0.0.1:" + std::to_string(http_->port()) + kHook;
}

void FakeReceiver::add_file(const std::string& name, const std::string& bytes) {
  std::lock_guard<std::mutex> lock(mutex_);
  files_[name] = bytes;
}

std::string FakeReceiver::file_url(const std::string& name) const {
  return "http://127.0.0.1:" + std::to_string(http_->port()) + kFiles + name;
}

void FakeReceiver::fail_next(int n, int status, const std::string& body, int retry_after) {
  std::lock_guard<std::mutex> lock(mutex_);
  for (int i = 0; i < n; ++i) failures_.push_back({status, body, retry_after});
}

std::vector<ReceivedCall> FakeReceiver::calls() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return calls_;
}

bool FakeReceiver::wait_for(std::size_t n, int timeout_ms) const {
  const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  std::unique_lock<std::mutex> lock(mutex_);
  return changed_.wait_until(lock, until, [&] { return calls_.size() >= n; });
}

std::size_t FakeReceiver::delivered() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return taken_.size();
}

server::HttpResponse FakeReceiver::answer(const server::HttpRequest& r) {
  if (r.path.rfind(kFiles, 0) == 0) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = files_.find(r.path.substr(std::string(kFiles).size()));
    if (it == files_.end()) return json({{"error", "no such file"}}, 404);
    server::HttpResponse file;
    file.content_type = "application/octet-stream";
    file.body = it->second;
    return file;
  }
  if (r.path != kHook || r.method != "POST") return json({{"error", "not found"}}, 404);
  ReceivedCall call;
  call.body = r.body;
  call.json = core::Json::parse(r.body, nullptr, false);
  call.content_type = r.header("content-type");
  call.idempotency_key = r.header("idempotency-key");
  call.signed_right =
      r.header("x-chats-signature") == server::channels::webhook_signature(secret_, r.body);
  server::HttpResponse out;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!call.signed_right) {
      out = json({{"error", "bad signature"}}, 401);
    } else if (!failures_.empty()) {
      const Failure f = failures_.front();
      failures_.pop_front();
      out.status = f.status;
      out.body = f.body;
      if (f.retry_after >= 0) out.headers["retry-after"] = std::to_string(f.retry_after);
    } else {
      auto seen = taken_.find(call.idempotency_key);
      if (seen == taken_.end()) {
        seen = taken_.emplace(call.idempotency_key, "rcv-" + std::to_string(next_id_++)).first;
      }
      out = json({{"external_id", seen->second}});
    }
    call.answered = out.status;
    calls_.push_back(call);
  }
  changed_.notify_all();
  return out;
}

}  // namespace fakes
