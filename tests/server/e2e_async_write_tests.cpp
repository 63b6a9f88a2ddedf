// Writes answered asynchronously: the I/O thread hands a write to the writer
// and serves other requests; the answer leaves only after the commit holding
// the write. The tests hold the commit back by taking the commit-order lock
// the writer takes for every batch.
#include <future>
#include <thread>

#include "server/e2e_fixture.hpp"

using e2e::LiveServer;
using e2e::next_event;
using testclient::WsClient;
using namespace std::chrono_literals;

namespace {

std::string ingest_body(long long source, const std::string& external_id) {
  return core::Json{{"source_id", source},
                    {"external_id", external_id},
                    {"client", {{"identity", "async-" + external_id}, {"name", "Клиент"}}},
                    {"text", "ждёт коммита"}}
      .dump();
}

bool is_duplicate(const testclient::Response& r) {
  return r.status == 200 && core::Json::parse(r.body).value("duplicate", false);
}

}  // namespace

TEST_CASE("a write waiting for its commit holds no I/O thread and is answered after the commit") {
  LiveServer s(1);  // one I/O thread: a blocked handler would stall every connection
  const std::string token = s.login("owner@romashka.ru");
  const long long tg = s.source(token, "telegram");
  std::unique_lock<std::mutex> hold(s.commit_order);
  auto pending = std::async(std::launch::async, [&] {
    return s.call("POST", "/api/ingest", token, core::Json::parse(ingest_body(tg, "held-1")));
  });
  std::this_thread::sleep_for(100ms);  // the write reaches the writer and waits there

  const auto list = s.call("GET", "/api/dialogs?mode=new&limit=5", token);
  CHECK(list.status == 200);
  CHECK(pending.wait_for(200ms) == std::future_status::timeout);  // not committed: no answer

  hold.unlock();
  const testclient::Response answered = pending.get();
  CHECK(answered.status == 201);
  CHECK(is_duplicate(
      s.call("POST", "/api/ingest", token, core::Json::parse(ingest_body(tg, "held-1")))));
}

TEST_CASE("a client that hangs up while its write waits loses nothing and the server carries on") {
  LiveServer s(1);
  const std::string token = s.login("owner@romashka.ru");
  const long long tg = s.source(token, "telegram");
  WsClient ws(s.port(), "/api/events?token=" + token);
  REQUIRE(ws.open());
  REQUIRE(next_event(ws)["kind"] == "hello");

  std::unique_lock<std::mutex> hold(s.commit_order);
  const std::string body = ingest_body(tg, "dropped-1");
  const std::string request =
      "POST /api/ingest HTTP/1.1\r\nHost: 127.0.0.1\r\n"
      "Authorization: Bearer " +
      token +
      "\r\nContent-Type: application/json\r\n"
      "Content-Length: " +
      std::to_string(body.size()) + "\r\n\r\n" + body;
  // Gives up before the commit and closes the connection.
  CHECK(testclient::raw_exchange(s.port(), request, 200ms).empty());
  hold.unlock();

  const core::Json event = next_event(ws);
  CHECK(event["kind"] == "message_added");
  CHECK(event["message"]["external_id"] == "dropped-1");
  CHECK(is_duplicate(
      s.call("POST", "/api/ingest", token, core::Json::parse(ingest_body(tg, "dropped-1")))));
  CHECK(s.call("GET", "/api/dialogs?mode=new&limit=5", token).status == 200);
}

TEST_CASE("stopping the server waits for a write in flight and answers it") {
  LiveServer s(1);
  const std::string token = s.login("owner@romashka.ru");
  const long long tg = s.source(token, "telegram");
  std::unique_lock<std::mutex> hold(s.commit_order);
  auto pending = std::async(std::launch::async, [&] {
    return s.call("POST", "/api/ingest", token, core::Json::parse(ingest_body(tg, "at-stop")));
  });
  std::this_thread::sleep_for(100ms);
  auto stopped = std::async(std::launch::async, [&] { s.http->stop(); });
  CHECK(stopped.wait_for(100ms) == std::future_status::timeout);  // waiting for the answer
  hold.unlock();
  stopped.get();
  CHECK(pending.get().status == 201);
}
