// A fake Telegram Bot API on loopback for the connector's tests: the
// documented paths (/bot<token>/<method>, /file/bot<token>/<path>) under a
// base URL, answers shaped as the Bot API's ({"ok", "result"} or {"ok":
// false, "error_code", "description", "parameters": {"retry_after"}}), its
// errors (401 for a wrong token, 400 for an empty text, 403 for a user who
// blocked the bot, 409 for getUpdates while a webhook is set, 429 with
// retry_after), and the offset rule of getUpdates. It records every call.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "core/codec.hpp"
#include "server/transport/server.hpp"

namespace fakes {

struct BotCall {
  std::string method;
  core::Json params;      // a JSON body, or the text fields of a multipart one
  std::string file_name;  // the file of sendPhoto / sendDocument
  std::string file_bytes;
  std::int64_t received_at = 0;  // wall clock, ms: for the delivery benchmark
};

class FakeTelegram {
 public:
  // port 0 takes a free one; a given one lets a restarted fake keep its address.
  explicit FakeTelegram(std::string token = "123456:TEST-token", std::string username = "shop_bot",
                        unsigned short port = 0);
  ~FakeTelegram();

  // The base URL to give the connector (settings.base_url).
  std::string base_url() const;

  // An update for getUpdates (its update_id is given here, in order).
  void queue_update(core::Json update);
  // A file getFile and the download serve.
  void add_file(const std::string& file_id, const std::string& bytes);
  // Answers the next n calls of `method` with this error instead.
  void fail_next(const std::string& method, int n, int code, const std::string& description,
                 int retry_after = 0);
  // Users who blocked the bot: sending to them is 403.
  void block_chat(const std::string& chat_id);
  void unblock_chat(const std::string& chat_id);
  // Stops answering (connections refused) and starts again, on the same port.
  void go_down();
  void come_up();

  std::vector<BotCall> calls(const std::string& method) const;
  std::size_t count(const std::string& method) const { return calls(method).size(); }
  // Waits until `method` was called at least n times; false on timeout.
  bool wait_for(const std::string& method, std::size_t n, int timeout_ms = 5000) const;
  std::string webhook_url() const;
  std::string webhook_secret() const;

 private:
  server::HttpResponse answer(const server::HttpRequest& request);
  server::HttpResponse control(const server::HttpRequest& request);
  server::HttpResponse method_call(const std::string& method, const server::HttpRequest& request);
  void start();

  struct Failure {
    std::string method;
    int code;
    std::string description;
    int retry_after;
  };

  std::string token_;
  std::string username_;
  unsigned short port_ = 0;
  std::unique_ptr<server::HttpServer> http_;
  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  std::vector<BotCall> calls_;
  std::deque<core::Json> updates_;
  std::int64_t next_update_id_ = 1000;
  std::map<std::string, std::string> files_;
  std::deque<Failure> failures_;
  std::set<std::string> blocked_;
  std::int64_t next_message_id_ = 500;
  std::string webhook_url_;
  std::string webhook_secret_;
};

}  // namespace fakes
