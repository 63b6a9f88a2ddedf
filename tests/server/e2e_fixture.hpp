// The whole server as chats_server runs it, on a free loopback port over a
// seeded temporary database, for the end-to-end tests.
#pragma once

#include <doctest/doctest.h>

#include <mutex>

#include "core/codec.hpp"
#include "server/api/api.hpp"
#include "server/api/auth.hpp"
#include "server/api/live.hpp"
#include "server/index/indexed_store.hpp"
#include "server/storage/seed.hpp"
#include "server/storage_fixture.hpp"
#include "server/transport/server.hpp"
#include "server/transport_client.hpp"

namespace e2e {

using namespace std::chrono_literals;
using testclient::WsClient;

inline core::TimeMs wall_clock() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// A demo account in SQLite under the list index, as chats_server runs it.
struct SeededStore {
  storage_test::TempStore db;
  SeededStore() {
    static const std::string hash = server::hash_password("demo1234");
    server::SeedOptions seed;
    seed.dialogs = 40;
    seed.password_hash = hash;
    server::seed_demo(*db, seed);
    db.store = std::make_unique<server::IndexedStore>(std::move(db.store));
  }
  server::Store& operator*() { return *db; }
};

struct LiveServer {
  SeededStore store;
  std::mutex commit_order;
  server::LiveHub live{*store, commit_order, wall_clock};
  server::Api api{*store, live, commit_order};
  std::unique_ptr<server::HttpServer> http;

  explicit LiveServer(int threads = 2) {
    server::ServerConfig config;
    config.port = 0;
    config.threads = threads;
    config.log_level = server::LogLevel::Error;
    server::AsyncApiHandler answer{[this](server::HttpRequest r, server::Respond respond) {
      api.handle(std::move(r), std::move(respond));
    }};
    http = std::make_unique<server::HttpServer>(config, std::move(answer), live.handlers());
    http->start();
  }
  ~LiveServer() { http->stop(); }
  unsigned short port() const { return http->port(); }

  std::string login(const std::string& email) {
    auto r = testclient::fetch(port(), "POST", "/api/login", {{"content-type", "application/json"}},
                               core::Json{{"email", email}, {"password", "demo1234"}}.dump());
    REQUIRE(r.status == 200);
    return core::Json::parse(r.body)["token"];
  }
  testclient::Response call(const std::string& method, const std::string& target,
                            const std::string& token, const core::Json& body = nullptr) {
    return testclient::fetch(
        port(), method, target,
        {{"authorization", "Bearer " + token}, {"content-type", "application/json"}},
        body.is_null() ? "" : body.dump());
  }
  long long source(const std::string& token, const std::string& channel) {
    const core::Json dir = core::Json::parse(call("GET", "/api/directory", token).body);
    for (const auto& s : dir["sources"]) {
      if (s["channel"] == channel) return s["id"];
    }
    return 0;
  }
  testclient::Response ingest(const std::string& token, long long source, const std::string& id,
                              const std::string& text) {
    return call("POST", "/api/ingest", token,
                {{"source_id", source},
                 {"external_id", id},
                 {"client", {{"identity", "live-" + id}, {"name", "Живой клиент"}}},
                 {"text", text}});
  }
};

inline core::Json next_event(WsClient& ws, std::chrono::milliseconds timeout = 5000ms) {
  std::optional<std::string> text = ws.read(timeout);
  return text ? core::Json::parse(*text) : core::Json();
}

}  // namespace e2e
