// A webhook channel's callback receiver on loopback, for the webhook
// connector's tests: it checks each call's X-Chats-Signature with the shared
// secret, records the bodies and Idempotency-Keys, drops a repeated key as a
// careful receiver would (answering the first call's id again), can be told
// to fail the next calls with a status, and serves files for attachments.
#pragma once

#include <condition_variable>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "core/codec.hpp"
#include "server/transport/server.hpp"

namespace fakes {

struct ReceivedCall {
  std::string body;  // as it came
  core::Json json;   // parsed
  std::string content_type;
  std::string idempotency_key;
  bool signed_right = false;  // the signature matched the body under the secret
  int answered = 0;           // the status the receiver gave
};

class FakeReceiver {
 public:
  explicit FakeReceiver(std::string secret);
  ~FakeReceiver();

  // The address to give the source (settings.callback_url).
  std::string callback_url() const;
  // A file served at file_url(name).
  void add_file(const std::string& name, const std::string& bytes);
  std::string file_url(const std::string& name) const;
  // Answers the next n calls with this status and body (and Retry-After
  // seconds when >= 0), taking nothing.
  void fail_next(int n, int status, const std::string& body, int retry_after = -1);

  std::vector<ReceivedCall> calls() const;
  std::size_t count() const { return calls().size(); }
  bool wait_for(std::size_t n, int timeout_ms = 5000) const;
  // Messages taken once each (by Idempotency-Key).
  std::size_t delivered() const;

 private:
  server::HttpResponse answer(const server::HttpRequest& request);

  struct Failure {
    int status;
    std::string body;
    int retry_after;
  };

  std::string secret_;
  std::unique_ptr<server::HttpServer> http_;
  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  std::vector<ReceivedCall> calls_;
  std::deque<Failure> failures_;
  std::map<std::string, std::string> taken_;  // Idempotency-Key -> the id answered
  std::map<std::string, std::string> files_;
  int next_id_ = 1;
};

}  // namespace fakes
