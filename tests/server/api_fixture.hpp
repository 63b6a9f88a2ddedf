// Shared helpers of the API tests: a seeded store on a temporary file, the
// API on it with a recording live feed, and requests as the transport would
// hand them over.
#pragma once

#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "core/codec.hpp"
#include "server/api/api.hpp"
#include "server/api/auth.hpp"
#include "server/storage/seed.hpp"
#include "server/storage_fixture.hpp"
#include "server/transport/http_types.hpp"

namespace api_test {

// What a WebSocket subscriber would be sent, as parsed JSON.
struct RecordingSubscriber : server::Subscriber {
  std::vector<core::Json> sent;
  using server::Subscriber::send;
  bool send(server::SharedText text) override {
    sent.push_back(core::Json::parse(*text));
    return true;
  }
  void close() override {}
};

constexpr const char* kPassword = "demo1234";
constexpr server::TimeMs kNow = 1'780'000'000'000;

struct RecordingFeed : server::LiveFeed {
  std::vector<std::pair<server::Id, core::Event>> events;
  server::LiveFeed* also = nullptr;  // e.g. a LiveHub, to see what subscribers get
  void deliver(server::Id account, const core::Event& e, const server::SharedText& json) override {
    events.emplace_back(account, e);
    if (also) also->deliver(account, e, json);
  }
  int count(core::EventKind kind) const {
    int n = 0;
    for (const auto& [a, e] : events) n += e.kind == kind;
    return n;
  }
};

struct Reply {
  int status = 0;
  core::Json json;
  std::string body;  // as sent, JSON or not
  std::map<std::string, std::string> headers;
  std::string error() const {
    return json.contains("error") ? json["error"]["message"].get<std::string>() : std::string();
  }
};

// Two demo accounts: A (emails as in the demo) and B (prefixed "b."), each
// with `dialogs` dialogs.
struct ApiFixture {
  storage_test::TempStore store;
  RecordingFeed feed;
  std::mutex commit_order;
  std::atomic<server::TimeMs> now{kNow};  // the API's clock: a test may move it on
  server::Api api;
  server::Id account_a = 0, account_b = 0;

  explicit ApiFixture(int dialogs = 80, server::ApiOptions o = options())
      : api(*store, feed, commit_order, with_clock(std::move(o))) {
    static const std::string hash = server::hash_password(kPassword);
    server::SeedOptions seed;
    seed.dialogs = dialogs;
    seed.now = kNow;
    seed.password_hash = hash;
    account_a = server::seed_demo(*store, seed).account_id;
    seed.email_prefix = "b.";
    seed.seed = 7;
    account_b = server::seed_demo(*store, seed).account_id;
  }

  server::ApiOptions with_clock(server::ApiOptions o) {
    o.clock = [this] { return now.load(); };
    return o;
  }

  static server::ApiOptions options() {
    server::ApiOptions o;
    o.upload_dir = std::filesystem::temp_directory_path() / "chats_api_test_uploads";
    o.help_url = "https://help.example.ru/chats";
    return o;
  }

  Reply call(const std::string& method, const std::string& target, const std::string& token = {},
             const std::string& body = {}, std::map<std::string, std::string> headers = {},
             const std::string& remote = "192.0.2.1") {
    server::HttpRequest r;
    r.method = method;
    r.remote = remote;
    const std::size_t q = target.find('?');
    r.path = target.substr(0, q);
    if (q != std::string::npos) {
      std::string rest = target.substr(q + 1);
      std::size_t pos = 0;
      while (pos <= rest.size()) {
        std::size_t end = rest.find('&', pos);
        if (end == std::string::npos) end = rest.size();
        const std::string pair = rest.substr(pos, end - pos);
        const std::size_t eq = pair.find('=');
        if (eq != std::string::npos) r.query[pair.substr(0, eq)] = pair.substr(eq + 1);
        pos = end + 1;
      }
    }
    if (!token.empty()) headers["authorization"] = "Bearer " + token;
    r.headers = std::move(headers);
    r.body = body;
    const server::HttpResponse response = api.handle(r);
    Reply out;
    out.status = response.status;
    out.headers = response.headers;
    out.body = response.body;
    if (response.content_type == "application/json" && !response.body.empty()) {
      out.json = core::Json::parse(response.body);
    }
    return out;
  }
  Reply post(const std::string& target, const std::string& token, const core::Json& body,
             std::map<std::string, std::string> headers = {}) {
    return call("POST", target, token, body.dump(), std::move(headers));
  }

  // A login's whole answer, for tests of what it refuses.
  Reply login_as(const std::string& email, const std::string& password) {
    return post("/api/login", {}, {{"email", email}, {"password", password}});
  }

  // The operator as the directory shows them to the token's operator.
  core::Json operator_in_directory(const std::string& token, long long id) {
    const core::Json dir = call("GET", "/api/directory", token).json;
    for (const auto& op : dir["operators"]) {
      if (op["id"] == id) return op;
    }
    FAIL("operator " << id << " not in the directory");
    return {};
  }

  std::string login(const std::string& email) {
    Reply r = post("/api/login", {}, {{"email", email}, {"password", kPassword}});
    REQUIRE(r.status == 200);
    return r.json["token"].get<std::string>();
  }

  // The id of the account's first source on a channel ("whatsapp", "telegram", ...).
  long long source_of(const std::string& token, const std::string& channel) {
    const Reply dir = call("GET", "/api/directory", token);  // kept alive for the loop
    for (const auto& s : dir.json["sources"]) {
      if (s["channel"] == channel) return s["id"];
    }
    FAIL("no source for " << channel);
    return 0;
  }

  // The first dialog of a mode the token's operator sees.
  core::Json first_row(const std::string& token, const std::string& mode,
                       const std::string& extra = {}) {
    Reply r = call("GET", "/api/dialogs?mode=" + mode + "&limit=5" + extra, token);
    REQUIRE(r.status == 200);
    REQUIRE(!r.json["rows"].empty());
    return r.json["rows"][0];
  }
};

inline std::string dialog_path(const core::Json& row, const std::string& tail = {}) {
  return "/api/dialogs/" + std::to_string(row["dialog"]["id"].get<long long>()) + tail;
}

}  // namespace api_test
