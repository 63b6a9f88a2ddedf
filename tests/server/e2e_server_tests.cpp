// The whole server over loopback: real HTTP and WebSocket clients against the
// API, the live hub and SQLite on a temporary file.
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

namespace {

using testclient::WsClient;
using namespace std::chrono_literals;

core::TimeMs wall_clock() {
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

  LiveServer() {
    server::ServerConfig config;
    config.port = 0;
    config.log_level = server::LogLevel::Error;
    http = std::make_unique<server::HttpServer>(
        config, [this](const server::HttpRequest& r) { return api.handle(r); }, live.handlers());
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

core::Json next_event(WsClient& ws, std::chrono::milliseconds timeout = 5000ms) {
  std::optional<std::string> text = ws.read(timeout);
  return text ? core::Json::parse(*text) : core::Json();
}

}  // namespace

TEST_CASE("over HTTP: log in, list dialogs, and get JSON errors for bad input") {
  LiveServer s;
  const std::string token = s.login("owner@romashka.ru");
  auto list = s.call("GET", "/api/dialogs?mode=accepted&limit=5", token);
  REQUIRE(list.status == 200);
  CHECK(core::Json::parse(list.body)["rows"].size() <= 5);
  auto malformed = testclient::fetch(s.port(), "POST", "/api/bulk",
                                     {{"authorization", "Bearer " + token}}, "{\"command\":");
  CHECK(malformed.status == 400);
  CHECK(core::Json::parse(malformed.body)["error"]["code"] == "bad_request");
  auto oversize =
      testclient::fetch(s.port(), "POST", "/api/bulk", {{"authorization", "Bearer " + token}},
                        std::string(2 << 20, ' '));
  CHECK(oversize.status == 413);
  CHECK(s.call("GET", "/api/dialogs", "forged").status == 401);
}

TEST_CASE("a message ingested over HTTP reaches a subscriber live, with the next seq") {
  LiveServer s;
  const std::string token = s.login("owner@romashka.ru");
  WsClient ws(s.port(), "/api/events?token=" + token);
  REQUIRE(ws.open());
  const core::Json hello = next_event(ws);
  REQUIRE(hello["kind"] == "hello");
  REQUIRE(s.ingest(token, s.source(token, "telegram"), "m1", "Есть в наличии?").status == 201);
  const core::Json event = next_event(ws);
  CHECK(event["kind"] == "message_added");
  CHECK(event["message"]["text"] == "Есть в наличии?");
  CHECK(event["row"]["dialog"]["mode"] == "new");
  CHECK(event["seq"].get<long long>() == hello["seq"].get<long long>() + 1);
}

TEST_CASE("a subscriber that reconnects with its last seq gets exactly what it missed") {
  LiveServer s;
  const std::string token = s.login("owner@romashka.ru");
  long long last = 0;
  {
    WsClient ws(s.port(), "/api/events?token=" + token);
    REQUIRE(ws.open());
    last = next_event(ws)["seq"];
  }
  const long long tg = s.source(token, "telegram");
  REQUIRE(s.ingest(token, tg, "a", "первое").status == 201);
  REQUIRE(s.ingest(token, tg, "b", "второе").status == 201);
  WsClient again(s.port(), "/api/events?token=" + token + "&after=" + std::to_string(last));
  REQUIRE(again.open());
  const core::Json first = next_event(again);
  const core::Json second = next_event(again);
  const core::Json hello = next_event(again);
  CHECK(first["message"]["text"] == "первое");
  CHECK(first["seq"] == last + 1);
  CHECK(second["message"]["text"] == "второе");
  CHECK(second["seq"] == last + 2);
  CHECK(hello["kind"] == "hello");
  CHECK(hello["seq"] == last + 2);

  WsClient future(s.port(), "/api/events?token=" + token + "&after=" + std::to_string(last + 50));
  REQUIRE(future.open());
  CHECK(next_event(future)["kind"] == "resync");
}

TEST_CASE("a manager's stream carries only the dialogs they may see") {
  LiveServer s;
  const std::string owner = s.login("owner@romashka.ru");
  const std::string maria = s.login("maria@romashka.ru");  // not granted VK
  WsClient mine(s.port(), "/api/events?token=" + maria);
  WsClient all(s.port(), "/api/events?token=" + owner);
  REQUIRE(mine.open());
  REQUIRE(all.open());
  next_event(mine);
  next_event(all);
  REQUIRE(s.ingest(owner, s.source(owner, "vk"), "vk1", "из ВК").status == 201);
  REQUIRE(s.ingest(owner, s.source(owner, "whatsapp"), "wa1", "из WhatsApp").status == 201);
  CHECK(next_event(all)["message"]["text"] == "из ВК");
  CHECK(next_event(all)["message"]["text"] == "из WhatsApp");
  CHECK(next_event(mine)["message"]["text"] == "из WhatsApp");  // the VK one never came
}

TEST_CASE("the event stream refuses a connection without a valid session") {
  LiveServer s;
  WsClient anonymous(s.port(), "/api/events");
  CHECK_FALSE(anonymous.open());
  CHECK(anonymous.refused_status() == 401);
  WsClient forged(s.port(), "/api/events?token=deadbeef");
  CHECK_FALSE(forged.open());
}

TEST_CASE("presence: who is typing reaches the others who see the dialog, not oneself") {
  LiveServer s;
  const std::string owner = s.login("owner@romashka.ru");
  const std::string admin = s.login("admin@romashka.ru");
  const core::Json list =
      core::Json::parse(s.call("GET", "/api/dialogs?mode=accepted&limit=1", owner).body);
  const long long dialog = list["rows"][0]["dialog"]["id"];
  WsClient typing(s.port(), "/api/events?token=" + owner);
  WsClient watching(s.port(), "/api/events?token=" + admin);
  REQUIRE(typing.open());
  REQUIRE(watching.open());
  next_event(typing);
  next_event(watching);
  typing.send(core::Json{{"type", "presence"}, {"dialog_id", dialog}, {"state", "typing"}}.dump());
  const core::Json seen = next_event(watching);
  CHECK(seen["kind"] == "presence");
  CHECK(seen["presence"]["dialog_id"] == dialog);
  CHECK(seen["presence"]["state"] == "typing");
  CHECK_FALSE(seen.contains("row"));
  typing.send("{\"type\": \"presence\", \"dialog_id\": \"x\"}");
  CHECK(next_event(typing)["kind"] == "error");  // bad input is answered, the stream stays
  typing.send("{\"type\": \"ping\"}");
  CHECK(next_event(typing)["kind"] == "pong");
}

TEST_CASE("presence: a subscriber that connects later is told who is in a dialog now") {
  LiveServer s;
  const std::string owner = s.login("owner@romashka.ru");
  const std::string admin = s.login("admin@romashka.ru");
  const core::Json list =
      core::Json::parse(s.call("GET", "/api/dialogs?mode=accepted&limit=1", owner).body);
  const long long dialog = list["rows"][0]["dialog"]["id"];
  WsClient typing(s.port(), "/api/events?token=" + owner);
  REQUIRE(typing.open());
  CHECK(next_event(typing)["kind"] == "hello");
  typing.send(core::Json{{"type", "presence"}, {"dialog_id", dialog}, {"state", "typing"}}.dump());
  typing.send("{\"type\": \"ping\"}");
  CHECK(next_event(typing)["kind"] == "pong");  // the report was taken before the ping

  WsClient late(s.port(), "/api/events?token=" + admin);
  REQUIRE(late.open());
  CHECK(next_event(late)["kind"] == "hello");
  const core::Json seen = next_event(late);
  CHECK(seen["kind"] == "presence");
  CHECK(seen["presence"]["dialog_id"] == dialog);
  CHECK(seen["presence"]["state"] == "typing");
  CHECK_FALSE(seen.contains("row"));

  WsClient again(s.port(), "/api/events?token=" + owner);  // another tab of the typist
  REQUIRE(again.open());
  CHECK(next_event(again)["kind"] == "hello");
  again.send("{\"type\": \"ping\"}");
  CHECK(next_event(again)["kind"] == "pong");  // not told about itself
}
