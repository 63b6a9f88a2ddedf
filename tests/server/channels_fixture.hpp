// The server as chats_server runs it, with its channel service, on a free
// loopback port, for the channel connectors' tests: the connectors talk to
// fake peers (tests/fakes) whose base URLs are the sources' settings.
#pragma once

#include <doctest/doctest.h>

#include <filesystem>
#include <functional>
#include <thread>

#include "server/channels/service.hpp"
#include "server/e2e_fixture.hpp"

namespace channels_test {

using namespace std::chrono_literals;

// Waits until f() holds (polled every 20 ms); false after the timeout.
inline bool eventually(const std::function<bool()>& f, std::chrono::milliseconds timeout = 5000ms) {
  const auto until = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < until) {
    if (f()) return true;
    std::this_thread::sleep_for(20ms);
  }
  return f();
}

struct ChannelServer {
  e2e::SeededStore store;
  std::filesystem::path uploads = std::filesystem::temp_directory_path() /
                                  ("chats_channels_uploads_" + std::to_string(::getpid()) + "_" +
                                   std::to_string(reinterpret_cast<std::uintptr_t>(this)));
  std::mutex commit_order;
  server::LiveHub live{*store, commit_order, e2e::wall_clock};
  server::Api api{*store, live, commit_order, api_options()};
  std::unique_ptr<server::HttpServer> http;
  std::unique_ptr<server::channels::ChannelService> channels;
  std::string owner;  // the owner's token

  ChannelServer() {
    server::ServerConfig config;
    config.port = 0;
    config.threads = 2;
    config.log_level = server::LogLevel::Error;
    config.tick_interval = 100ms;
    config.on_tick = [this] { api.context().webchat().tick(e2e::wall_clock()); };
    server::AsyncApiHandler answer{[this](server::HttpRequest r, server::Respond respond) {
      api.handle(std::move(r), std::move(respond));
    }};
    http = std::make_unique<server::HttpServer>(config, std::move(answer), live.handlers());
    http->start();
    start_channels();
    owner = login("owner@romashka.ru");
  }
  ~ChannelServer() {
    channels.reset();
    http->stop();
    std::error_code ec;
    std::filesystem::remove_all(uploads, ec);
  }

  server::ApiOptions api_options() {
    server::ApiOptions o;
    o.upload_dir = uploads.string();
    return o;
  }
  void start_channels() {
    server::channels::ServiceOptions o;
    o.public_url = "http://127.0.0.1:" + std::to_string(port());
    o.upload_dir = uploads.string();
    o.poll_error_pause_ms = 200;
    channels = std::make_unique<server::channels::ChannelService>(api, o);
    channels->start();
  }
  // A restart of the channels alone: what they kept must be in the database.
  void restart_channels() {
    channels.reset();
    start_channels();
  }

  unsigned short port() const { return http->port(); }
  std::string login(const std::string& email) {
    auto r = testclient::fetch(port(), "POST", "/api/login", {{"content-type", "application/json"}},
                               core::Json{{"email", email}, {"password", "demo1234"}}.dump());
    REQUIRE(r.status == 200);
    return core::Json::parse(r.body)["token"];
  }
  testclient::Response call(const std::string& method, const std::string& target,
                            const core::Json& body = nullptr, const std::string& token = {}) {
    return testclient::fetch(port(), method, target,
                             {{"authorization", "Bearer " + (token.empty() ? owner : token)},
                              {"content-type", "application/json"}},
                             body.is_null() ? "" : body.dump());
  }
  core::Json json(const testclient::Response& r) {
    return core::Json::parse(r.body.empty() ? "null" : r.body, nullptr, false);
  }
  // The dialogs of a source, in every mode.
  std::vector<core::Json> rows_of(long long source_id) {
    std::vector<core::Json> rows;
    for (const char* mode : {"new", "accepted", "archived"}) {
      const core::Json page = json(call("GET", "/api/dialogs?mode=" + std::string(mode) +
                                                   "&sources=" + std::to_string(source_id)));
      for (const core::Json& row : page["rows"]) rows.push_back(row);
    }
    return rows;
  }
  std::vector<core::Json> messages_of(long long dialog_id) {
    const core::Json page =
        json(call("GET", "/api/dialogs/" + std::to_string(dialog_id) + "/messages?limit=200"));
    std::vector<core::Json> out;
    for (const core::Json& m : page["messages"]) out.insert(out.begin(), m);  // oldest first
    return out;
  }
};

// What the connectors' tests ask of a dialog, the same for every channel.

// The one dialog a source has, once it is there.
inline core::Json only_dialog(ChannelServer& s, long long source) {
  std::vector<core::Json> rows;
  REQUIRE(eventually([&] {
    rows = s.rows_of(source);
    return rows.size() == 1;
  }));
  return rows[0];
}

// A message of the dialog by id; null when it is not there.
inline core::Json message_of(ChannelServer& s, long long dialog, long long id) {
  for (const core::Json& m : s.messages_of(dialog)) {
    if (m["id"] == id) return m;
  }
  return nullptr;
}

// Its delivery state ("missing" when it is not there).
inline std::string delivery_of(ChannelServer& s, long long dialog, long long id) {
  const core::Json m = message_of(s, dialog, id);
  return m.is_null() ? "missing" : m["delivery"].get<std::string>();
}

// An operator's reply (in comments with reply_to "comment"); its message id.
inline long long reply(ChannelServer& s, long long dialog, const std::string& text,
                       const std::string& reply_to = "") {
  core::Json body = {{"text", text}};
  if (!reply_to.empty()) body["reply_to"] = reply_to;
  auto r = s.call("POST", "/api/dialogs/" + std::to_string(dialog) + "/messages", body);
  REQUIRE(r.status == 201);
  return s.json(r)["message"]["id"];
}

}  // namespace channels_test
