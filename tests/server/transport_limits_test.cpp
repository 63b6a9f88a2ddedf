// The transport's limits against slow and greedy peers over real sockets: a
// header trickled a byte at a time meets a total deadline, a body must keep
// a minimum rate, and one address cannot take every connection.
#include <doctest/doctest.h>

#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "server/transport/server.hpp"
#include "server/transport_fixture.hpp"
#include "server/transport_slow_peer.hpp"

using namespace std::chrono_literals;
using testclient::SlowPeer;
using testfixture::test_config;

namespace {

server::HttpResponse echo_size(const server::HttpRequest& req) {
  server::HttpResponse r;
  r.body = "{\"size\":" + std::to_string(req.body.size()) + "}";
  return r;
}

bool starts_with(const std::string& s, const std::string& prefix) {
  return s.rfind(prefix, 0) == 0;
}

std::string post_head(std::size_t length) {
  return "POST /api/x HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: " +
         std::to_string(length) + "\r\n\r\n";
}

double seconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

}  // namespace

TEST_CASE("a header sent a byte at a time is cut at its total deadline, not per byte") {
  auto config = test_config();
  config.limits.header_timeout = 1s;
  server::HttpServer srv(config, echo_size);
  srv.start();
  SlowPeer peer(srv.port());
  REQUIRE(peer.connected());
  const auto started = std::chrono::steady_clock::now();
  // 200 ms a byte: a per-byte idle timer of 1 s would never fire.
  peer.send_slowly("GET /api/x HTTP/1.1\r\nHost: x\r\nX-Slow: " + std::string(100, 'a'), 1, 200ms);
  CHECK(peer.wait_closed(3s));
  const double waited = seconds_since(started);
  CHECK(waited >= 0.9);
  CHECK(waited < 3.0);
  CHECK(peer.received().empty());
}

TEST_CASE("a body under the minimum rate is cut; a slower-than-the-deadline steady one is served") {
  auto config = test_config();
  config.limits.body_timeout = 1s;
  config.limits.body_min_bytes_per_second = 1000;
  server::HttpServer srv(config, echo_size);
  srv.start();

  SUBCASE("steady: 3000 bytes at about 2000 bytes a second, past the 1 s body_timeout") {
    SlowPeer peer(srv.port());
    peer.send(post_head(3000));
    const auto started = std::chrono::steady_clock::now();
    peer.send_slowly(std::string(3000, 'b'), 100, 50ms);
    CHECK(seconds_since(started) > 1.2);
    CHECK(peer.wait_closed(3s));
    CHECK(starts_with(peer.received(), "HTTP/1.1 200"));
    CHECK(peer.received().find("{\"size\":3000}") != std::string::npos);
  }
  SUBCASE("trickle: 10 bytes a second is cut soon after body_timeout") {
    SlowPeer peer(srv.port());
    peer.send(post_head(3000));
    const auto started = std::chrono::steady_clock::now();
    peer.send_slowly(std::string(3000, 'b'), 1, 100ms);  // returns when the server hangs up
    CHECK(peer.wait_closed(1s));
    const double waited = seconds_since(started);
    CHECK(waited >= 0.9);
    CHECK(waited < 2.5);
    CHECK(peer.received().find("200 OK") == std::string::npos);
  }
}

TEST_CASE("one address is capped in connections while another is still served") {
  auto config = test_config();
  config.limits.max_connections_per_address = 3;
  server::HttpServer srv(config, echo_size);
  srv.start();
  std::vector<std::unique_ptr<SlowPeer>> crowd;
  for (int i = 0; i < 3; ++i) {
    crowd.push_back(std::make_unique<SlowPeer>(srv.port(), "127.0.0.2"));
    crowd.back()->send("GET /api/x HTTP/1.1\r\n");  // half a header: holds its place
  }
  CHECK_FALSE(crowd.back()->wait_closed(200ms));

  SlowPeer fourth(srv.port(), "127.0.0.2");
  CHECK(fourth.wait_closed(2s));  // closed on accept, unanswered
  CHECK(fourth.received().empty());

  SlowPeer other(srv.port(), "127.0.0.1");
  other.send("GET /api/x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  CHECK(other.wait_closed(2s));
  CHECK(starts_with(other.received(), "HTTP/1.1 200"));

  crowd.pop_back();  // one place freed for 127.0.0.2
  bool served = false;
  for (int attempt = 0; attempt < 50 && !served; ++attempt) {
    SlowPeer again(srv.port(), "127.0.0.2");
    again.send("GET /api/x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    again.wait_closed(2s);
    served = starts_with(again.received(), "HTTP/1.1 200");
    if (!served) std::this_thread::sleep_for(20ms);
  }
  CHECK(served);
}

TEST_CASE("the total connection cap closes new connections on accept until one ends") {
  auto config = test_config();
  config.limits.max_connections = 2;
  server::HttpServer srv(config, echo_size);
  srv.start();
  auto first = std::make_unique<SlowPeer>(srv.port(), "127.0.0.3");
  SlowPeer second(srv.port(), "127.0.0.4");
  first->send("GET /api/x HTTP/1.1\r\n");
  second.send("GET /api/x HTTP/1.1\r\n");
  CHECK_FALSE(second.wait_closed(200ms));
  SlowPeer third(srv.port(), "127.0.0.5");
  CHECK(third.wait_closed(2s));
  CHECK(third.received().empty());
}
