// The WebSocket side of the transport over loopback: authentication on open,
// both directions of text, bounded queues for slow consumers, limits, graceful
// close, and a broadcast to many clients.
#include <doctest/doctest.h>

#include <atomic>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "server/transport/server.hpp"
#include "server/transport_client.hpp"
#include "server/transport_fixture.hpp"

using testclient::WsClient;
using testfixture::eventually;
using testfixture::test_config;

namespace {

// The API side of the tests: accepts when the token query or a bearer header
// says "good", records subscribers, messages and closes.
struct Recorder {
  std::mutex mutex;
  std::vector<std::shared_ptr<server::Subscriber>> subscribers;
  std::vector<std::string> messages;
  std::vector<server::HttpRequest> opens;
  std::atomic<int> closes{0};

  server::WebSocketHandlers handlers() {
    server::WebSocketHandlers h;
    h.on_open = [this](const server::HttpRequest& req,
                       const std::shared_ptr<server::Subscriber>& sub) {
      std::lock_guard<std::mutex> lock(mutex);
      opens.push_back(req);
      auto token = req.query.count("token") ? req.query.at("token") : "";
      if (token != "good" && req.header("authorization") != "Bearer good") return false;
      subscribers.push_back(sub);
      // The API may send (e.g. missed events) before the handshake is done.
      if (req.query.count("greet")) sub->send("welcome");
      // Or many (a resume's missed events), more than the queue's bound.
      if (req.query.count("backlog")) {
        for (int i = 0; i < std::stoi(req.query.at("backlog")); ++i) sub->send(std::to_string(i));
      }
      return true;
    };
    h.on_message = [this](const std::shared_ptr<server::Subscriber>& sub, const std::string& m) {
      std::lock_guard<std::mutex> lock(mutex);
      messages.push_back(m);
      if (m == "echo") sub->send("echoed");
    };
    h.on_close = [this](const std::shared_ptr<server::Subscriber>&) { ++closes; };
    return h;
  }
  std::size_t subscriber_count() {
    std::lock_guard<std::mutex> lock(mutex);
    return subscribers.size();
  }
  std::shared_ptr<server::Subscriber> subscriber(std::size_t i) {
    std::lock_guard<std::mutex> lock(mutex);
    return subscribers.at(i);
  }
};

server::HttpResponse no_api(const server::HttpRequest&) {
  return {};
}

}  // namespace

TEST_CASE("websocket: a refused on_open answers 401 before upgrading") {
  Recorder rec;
  server::HttpServer srv(test_config(), no_api, rec.handlers());
  srv.start();
  WsClient client(srv.port(), "/api/events?token=bad");
  CHECK_FALSE(client.open());
  CHECK(client.refused_status() == 401);
  CHECK(rec.subscriber_count() == 0);
  CHECK(rec.closes == 0);  // never opened, so never closed

  WsClient other_path(srv.port(), "/api/other?token=good");
  CHECK_FALSE(other_path.open());
}

TEST_CASE("websocket: on_open sees the upgrade request; sent text reaches the client") {
  Recorder rec;
  server::HttpServer srv(test_config(), no_api, rec.handlers());
  srv.start();
  WsClient client(srv.port(), "/api/events?token=good&since=42&greet=1", {{"X-Trace", "t1"}});
  REQUIRE(client.open());
  CHECK(client.read() == std::optional<std::string>("welcome"));
  {
    std::lock_guard<std::mutex> lock(rec.mutex);
    REQUIRE(rec.opens.size() == 1);
    CHECK(rec.opens[0].path == "/api/events");
    CHECK(rec.opens[0].query.at("since") == "42");
    CHECK(rec.opens[0].header("x-trace") == "t1");
    CHECK(rec.opens[0].remote == "127.0.0.1");
  }
  CHECK(rec.subscriber(0)->send("{\"kind\":\"heartbeat\"}"));
  CHECK(client.read() == std::optional<std::string>("{\"kind\":\"heartbeat\"}"));

  WsClient bearer(srv.port(), "/api/events", {{"Authorization", "Bearer good"}});
  CHECK(bearer.open());
}

TEST_CASE("websocket: incoming messages reach on_message; on_close runs once at the end") {
  Recorder rec;
  server::HttpServer srv(test_config(), no_api, rec.handlers());
  srv.start();
  {
    WsClient client(srv.port(), "/api/events?token=good");
    REQUIRE(client.open());
    client.send("hello");
    client.send("echo");
    CHECK(client.read() == std::optional<std::string>("echoed"));
    std::lock_guard<std::mutex> lock(rec.mutex);
    CHECK(rec.messages == std::vector<std::string>{"hello", "echo"});
    client.close();
  }
  CHECK(eventually([&] { return rec.closes == 1; }));
  // A subscriber outliving its connection just reports false.
  CHECK_FALSE(rec.subscriber(0)->send("late"));
}

TEST_CASE("websocket: a slow consumer's send() turns false while another keeps receiving") {
  Recorder rec;
  auto config = test_config();
  config.limits.ws_max_queued_messages = 8;
  server::HttpServer srv(config, no_api, rec.handlers());
  srv.start();
  WsClient slow(srv.port(), "/api/events?token=good");  // never reads
  WsClient fast(srv.port(), "/api/events?token=good");
  REQUIRE(slow.open());
  REQUIRE(fast.open());
  auto slow_sub = rec.subscriber(0);
  auto fast_sub = rec.subscriber(1);

  const std::string chunk(64 * 1024, 'x');
  bool slow_refused = false;
  int sent = 0;
  // Kernel buffers absorb a few MB before the slow socket stalls; the bound
  // only keeps a broken test from running forever.
  for (; sent < 4000 && !slow_refused; ++sent) {
    slow_refused = !slow_sub->send(chunk);
    REQUIRE(fast_sub->send(chunk));
    auto got = fast.read();
    REQUIRE(got);
    CHECK(got->size() == chunk.size());
  }
  CHECK(slow_refused);
  CHECK(fast_sub->send("still here"));
  CHECK(fast.read() == std::optional<std::string>("still here"));
}

TEST_CASE("websocket: what on_open sends arrives whole even past the queue's bound") {
  Recorder rec;
  auto config = test_config();
  config.limits.ws_max_queued_messages = 8;
  server::HttpServer srv(config, no_api, rec.handlers());
  srv.start();
  WsClient client(srv.port(), "/api/events?token=good&backlog=100");
  REQUIRE(client.open());
  for (int i = 0; i < 100; ++i) {
    auto got = client.read();
    REQUIRE(got);
    CHECK(*got == std::to_string(i));
  }
  CHECK(rec.subscriber(0)->send("live"));  // drained: the bound applies again
  CHECK(client.read() == std::optional<std::string>("live"));
}

TEST_CASE("websocket: an incoming message over the limit closes the connection") {
  Recorder rec;
  auto config = test_config();
  config.limits.ws_max_incoming_bytes = 1024;
  server::HttpServer srv(config, no_api, rec.handlers());
  srv.start();
  WsClient client(srv.port(), "/api/events?token=good");
  REQUIRE(client.open());
  client.send(std::string(512, 'a'));
  client.send(std::string(4096, 'a'));
  CHECK(client.wait_closed());
  std::lock_guard<std::mutex> lock(rec.mutex);
  CHECK(rec.messages.size() == 1);
}

TEST_CASE("websocket: a cross-site Origin is refused, the same origin is fine") {
  Recorder rec;
  auto config = test_config();
  config.allowed_origins = {"https://crm.example"};
  server::HttpServer srv(config, no_api, rec.handlers());
  srv.start();
  WsClient evil(srv.port(), "/api/events?token=good", {{"Origin", "https://evil.example"}});
  CHECK_FALSE(evil.open());
  CHECK(evil.refused_status() == 403);
  WsClient crm(srv.port(), "/api/events?token=good", {{"Origin", "https://crm.example"}});
  CHECK(crm.open());
  WsClient same(srv.port(), "/api/events?token=good", {{"Origin", "http://127.0.0.1"}});
  CHECK(same.open());
}

TEST_CASE("websocket: close() from the API and stop() both send a close frame") {
  Recorder rec;
  server::HttpServer srv(test_config(), no_api, rec.handlers());
  srv.start();
  WsClient a(srv.port(), "/api/events?token=good");
  WsClient b(srv.port(), "/api/events?token=good");
  REQUIRE(a.open());
  REQUIRE(b.open());
  rec.subscriber(0)->close();
  CHECK(a.wait_closed());
  CHECK(a.got_close_frame());

  std::thread stopper([&] { srv.stop(); });
  CHECK(b.wait_closed());
  CHECK(b.got_close_frame());
  stopper.join();
  CHECK(rec.closes == 2);
}

TEST_CASE("websocket: 200 concurrent clients all receive a broadcast") {
  Recorder rec;
  server::HttpServer srv(test_config(), no_api, rec.handlers());
  srv.start();
  constexpr int kClients = 200;
  std::vector<std::unique_ptr<WsClient>> clients;
  for (int i = 0; i < kClients; ++i) {
    clients.push_back(std::make_unique<WsClient>(srv.port(), "/api/events?token=good"));
    REQUIRE(clients.back()->open());
  }
  REQUIRE(rec.subscriber_count() == kClients);
  // Sent from two threads at once: send() must be thread-safe.
  auto send_range = [&](int from, int to) {
    for (int i = from; i < to; ++i) rec.subscriber(i)->send("broadcast");
  };
  std::thread t1(send_range, 0, kClients / 2);
  std::thread t2(send_range, kClients / 2, kClients);
  t1.join();
  t2.join();
  int received = 0;
  for (auto& c : clients) received += c->read() == std::optional<std::string>("broadcast");
  CHECK(received == kClients);
}
