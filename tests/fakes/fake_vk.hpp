// A fake VK API on loopback for the VK connector's tests: the documented
// paths ({base}/method/<name>, form-encoded or query parameters) of
// groups.getById, users.get, messages.send and wall.createComment, answers
// shaped as VK's ({"response": ...} or HTTP 200 with {"error": {"error_code",
// "error_msg"}}), error 5 for a wrong access_token, 901 for a user who does
// not take the community's messages, injected errors, and VK's idempotency:
// messages.send with a random_id already used in that dialog answers the
// first message's id and sends nothing (wall.createComment the same by
// guid). Files for attachments are served under {base}/files/. It records
// every call.
#pragma once

#include <condition_variable>
#include <cstdint>
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

struct VkCall {
  std::string method;
  std::map<std::string, std::string> params;  // access_token and v included
};

// A messages.send or wall.createComment that VK took.
struct VkSent {
  std::string method;
  std::map<std::string, std::string> params;
  std::int64_t id = 0;     // the message's or the comment's id
  bool duplicate = false;  // a repeat of an earlier one: VK sent nothing
};

class FakeVk {
 public:
  explicit FakeVk(std::string token = "vk1.a.community-token-TEST", std::int64_t group_id = 218001,
                  std::string screen_name = "romashka_shop");
  ~FakeVk();

  // The base URL to give the connector (settings.base_url).
  std::string base_url() const;
  std::int64_t group_id() const { return group_id_; }

  // users.get names this user.
  void add_user(std::int64_t id, const std::string& first_name, const std::string& last_name);
  // A file served at file_url(name).
  void add_file(const std::string& name, const std::string& bytes);
  std::string file_url(const std::string& name) const;
  // Answers the next n calls of `method` with this error instead.
  void fail_next(const std::string& method, int n, int code, const std::string& message);
  // Does the next n calls of `method` and then loses the answer (HTTP 502):
  // VK sent it, the caller does not know.
  void lose_next_answer(const std::string& method, int n);
  // A user who does not allow the community's messages: 901.
  void deny_messages(std::int64_t user_id);
  void allow_messages(std::int64_t user_id);

  std::vector<VkCall> calls(const std::string& method) const;
  std::size_t count(const std::string& method) const { return calls(method).size(); }
  // Waits until `method` was called at least n times; false on timeout.
  bool wait_for(const std::string& method, std::size_t n, int timeout_ms = 5000) const;
  // What messages.send and wall.createComment took, in order, repeats marked.
  std::vector<VkSent> sent() const;
  // Messages and comments that reached VK once each (repeats not counted).
  std::size_t delivered() const;

 private:
  server::HttpResponse answer(const server::HttpRequest& request);
  server::HttpResponse method_call(const std::string& method, const VkCall& call);

  struct Failure {
    std::string method;
    int code;  // 0: do it, then lose the answer
    std::string message;
  };

  std::string token_;
  std::int64_t group_id_;
  std::string screen_name_;
  std::unique_ptr<server::HttpServer> http_;
  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  std::vector<VkCall> calls_;
  std::vector<VkSent> sent_;
  std::deque<Failure> failures_;
  std::set<std::int64_t> denied_;
  std::map<std::int64_t, core::Json> users_;
  std::map<std::string, std::string> files_;
  std::map<std::string, std::int64_t> taken_;  // "peer:random_id" or "guid" -> its id
  std::int64_t next_message_id_ = 7000;
  std::int64_t next_comment_id_ = 300;
};

}  // namespace fakes
