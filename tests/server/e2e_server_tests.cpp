// The whole server over loopback: real HTTP and WebSocket clients against the
// API, the live hub and SQLite on a temporary file.
#include "server/e2e_fixture.hpp"

using e2e::LiveServer;
using e2e::next_event;
using testclient::WsClient;

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
