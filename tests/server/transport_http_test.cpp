// The HTTP side of the transport over real loopback sockets: static files,
// API routing, limits, malformed input, CORS and graceful stop.
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "server/transport/server.hpp"
#include "server/transport_client.hpp"
#include "server/transport_fixture.hpp"

using testclient::fetch;
using testclient::HttpClient;
using testclient::raw_exchange;
using testfixture::StaticDir;
using testfixture::test_config;

namespace {

server::HttpResponse ok_json(const std::string& body) {
  server::HttpResponse r;
  r.body = body;
  return r;
}

bool starts_with(const std::string& s, const std::string& prefix) {
  return s.rfind(prefix, 0) == 0;
}

}  // namespace

TEST_CASE("static files are served with their MIME type, index.html for /") {
  StaticDir dir;
  server::HttpServer srv(test_config(dir.root()), nullptr);
  srv.start();
  HttpClient client(srv.port());

  auto index = client.request("GET", "/");
  CHECK(index.status == 200);
  CHECK(index.header("content-type") == "text/html; charset=utf-8");
  CHECK(index.body == "<!doctype html><title>inbox</title>");
  CHECK(index.header("cache-control") == "no-cache");

  CHECK(client.request("GET", "/app.wasm").header("content-type") == "application/wasm");
  auto js = client.request("GET", "/app.js");
  CHECK(js.header("content-type") == "text/javascript; charset=utf-8");
  CHECK(js.header("cache-control") == "public, max-age=300");
  CHECK(client.request("GET", "/style.css").header("content-type") == "text/css; charset=utf-8");
  CHECK(client.request("GET", "/font.ttf").header("content-type") == "font/ttf");
  CHECK(client.request("GET", "/logo.png").header("content-type") == "image/png");
  CHECK(client.request("GET", "/sub/").body == "<p>sub</p>");

  auto missing = client.request("GET", "/nope.js");
  CHECK(missing.status == 404);
  CHECK(missing.header("content-type") == "application/json");
  CHECK(missing.body.find("not_found") != std::string::npos);
  CHECK(client.request("POST", "/app.js").status == 405);
}

TEST_CASE("static files are gzipped when accepted, and the result inflates to the file") {
  StaticDir dir;
  server::HttpServer srv(test_config(dir.root()), nullptr);
  srv.start();
  HttpClient client(srv.port());
  auto plain = client.request("GET", "/app.js");
  auto packed = client.request("GET", "/app.js", {{"Accept-Encoding", "br, gzip;q=0.8"}});
  CHECK(packed.status == 200);
  CHECK(packed.header("content-encoding") == "gzip");
  CHECK(packed.header("vary").find("Accept-Encoding") != std::string::npos);
  CHECK(packed.body.size() < plain.body.size() / 4);
  CHECK(testclient::gunzip(packed.body) == plain.body);
  // Served again from the in-memory cache: same bytes.
  CHECK(client.request("GET", "/app.js", {{"Accept-Encoding", "gzip"}}).body == packed.body);

  // After the file changes, the new version is compressed and served.
  dir.write("app.js", testfixture::repetitive_text("changed()", 300));
  std::filesystem::last_write_time(
      dir.root() + "/app.js",
      std::filesystem::file_time_type::clock::now() + std::chrono::seconds(5));
  auto changed = client.request("GET", "/app.js", {{"Accept-Encoding", "gzip"}});
  CHECK(testclient::gunzip(changed.body) == testfixture::repetitive_text("changed()", 300));

  auto png = client.request("GET", "/logo.png", {{"Accept-Encoding", "gzip"}});
  CHECK(png.header("content-encoding").empty());
  CHECK(client.request("GET", "/app.js", {{"Accept-Encoding", "gzip;q=0"}})
            .header("content-encoding")
            .empty());
}

TEST_CASE("an ETag revalidates to 304 and HEAD sends headers only") {
  StaticDir dir;
  server::HttpServer srv(test_config(dir.root()), nullptr);
  srv.start();
  HttpClient client(srv.port());
  auto first = client.request("GET", "/app.js");
  const std::string etag = first.header("etag");
  REQUIRE_FALSE(etag.empty());
  auto again = client.request("GET", "/app.js", {{"If-None-Match", etag}});
  CHECK(again.status == 304);
  CHECK(again.body.empty());
  CHECK(again.header("etag") == etag);
  CHECK(client.request("GET", "/app.js", {{"If-None-Match", "\"other\""}}).status == 200);
  // The gzip variant is another representation, with its own tag.
  auto packed = client.request("GET", "/app.js", {{"Accept-Encoding", "gzip"}});
  CHECK(packed.header("etag") != etag);

  auto head = client.request("HEAD", "/app.js");
  CHECK(head.status == 200);
  CHECK(head.body.empty());
  CHECK(head.header("content-length") == std::to_string(first.body.size()));
  CHECK(head.header("content-type") == "text/javascript; charset=utf-8");
  CHECK(client.request("GET", "/style.css").status == 200);  // the connection survived HEAD
}

TEST_CASE("path traversal is refused, encoded or not") {
  StaticDir dir;
  server::HttpServer srv(test_config(dir.root()), nullptr);
  srv.start();
  HttpClient client(srv.port());
  for (const char* target :
       {"/../secret.txt", "/%2e%2e/secret.txt", "/sub/%2E%2E/%2e%2e/secret.txt", "/..%2fsecret.txt",
        "/sub/..\\..\\secret.txt", "/%00index.html", "/%zz"}) {
    CAPTURE(target);
    auto res = client.request("GET", target);
    CHECK((res.status == 400 || res.status == 404));
    CHECK(res.body.find("top secret") == std::string::npos);
  }
  // "." segments and encoded ordinary characters are fine.
  CHECK(client.request("GET", "/./app%2ejs").status == 200);
}

TEST_CASE("API requests reach the handler with a decoded query and lower-case headers") {
  std::mutex mutex;
  server::HttpRequest seen;
  auto api = [&](const server::HttpRequest& req) {
    std::lock_guard<std::mutex> lock(mutex);
    seen = req;
    server::HttpResponse res;
    res.status = 201;
    res.body = "{\"ok\":true}";
    res.headers["Set-Cookie"] = "sid=1; HttpOnly";
    return res;
  };
  server::HttpServer srv(test_config(), api);
  srv.start();
  auto res = fetch(srv.port(), "POST", "/api/echo?q=hello%20world&x=a+b&flag&e=%26%3D",
                   {{"X-Custom", "Value"}, {"Content-Type", "application/json"}}, "{\"a\":1}");
  CHECK(res.status == 201);
  CHECK(res.body == "{\"ok\":true}");
  CHECK(res.header("content-type") == "application/json");
  CHECK(res.header("set-cookie") == "sid=1; HttpOnly");
  CHECK(res.header("cache-control") == "no-store");

  std::lock_guard<std::mutex> lock(mutex);
  CHECK(seen.method == "POST");
  CHECK(seen.path == "/api/echo");
  CHECK(seen.query.at("q") == "hello world");
  CHECK(seen.query.at("x") == "a b");
  CHECK(seen.query.at("flag") == "");
  CHECK(seen.query.at("e") == "&=");
  CHECK(seen.header("x-custom") == "Value");
  CHECK(seen.header("content-type") == "application/json");
  CHECK(seen.body == "{\"a\":1}");
  CHECK(seen.remote == "127.0.0.1");
}

TEST_CASE("a body over the limit gets 413, with a larger limit for uploads") {
  auto config = test_config();
  config.limits.max_body_bytes = 1024;
  config.limits.body_limits = {{"/api/uploads", 8192}};
  server::HttpServer srv(config, [](const server::HttpRequest& req) {
    return ok_json(std::to_string(req.body.size()));
  });
  srv.start();
  const std::string big(2048, 'x');
  auto refused = fetch(srv.port(), "POST", "/api/messages", {}, big);
  CHECK(refused.status == 413);
  CHECK(refused.body.find("\"payload_too_large\"") != std::string::npos);
  CHECK(fetch(srv.port(), "POST", "/api/messages", {}, std::string(1024, 'x')).body == "1024");
  CHECK(fetch(srv.port(), "POST", "/api/uploads", {}, big).body == "2048");
  CHECK(fetch(srv.port(), "POST", "/api/uploads", {}, std::string(9000, 'x')).status == 413);

  // Chunked, so the size is only found while reading.
  std::string chunked =
      "POST /api/messages HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
      "800\r\n" +
      big + "\r\n0\r\n\r\n";
  CHECK(starts_with(raw_exchange(srv.port(), chunked), "HTTP/1.1 413"));

  // A large body sent without waiting still lets the client read the 413.
  const std::string huge(4u << 20, 'y');
  std::string eager =
      "POST /api/messages HTTP/1.1\r\nHost: x\r\nContent-Length: " + std::to_string(huge.size()) +
      "\r\n\r\n" + huge;
  CHECK(starts_with(raw_exchange(srv.port(), eager), "HTTP/1.1 413"));
}

TEST_CASE("Expect: 100-continue gets an interim answer before the body is read") {
  server::HttpServer srv(test_config(),
                         [](const server::HttpRequest& req) { return ok_json(req.body); });
  srv.start();
  auto answer = raw_exchange(srv.port(),
                             "POST /api/x HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
                             "Connection: close\r\nContent-Length: 4\r\n\r\nbody");
  CHECK(starts_with(answer, "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK"));
  CHECK(answer.find("\r\n\r\nbody") != std::string::npos);
}

TEST_CASE("malformed requests get 400 and the connection is closed") {
  server::HttpServer srv(test_config(), [](const server::HttpRequest&) { return ok_json("{}"); });
  srv.start();
  // raw_exchange returns once the server closes, so a reply here means it did.
  CHECK(starts_with(raw_exchange(srv.port(), "NOT HTTP AT ALL\r\n\r\n"), "HTTP/1.1 400"));
  CHECK(starts_with(raw_exchange(srv.port(), "GET /api/x HTTP/1.1\r\nBad Header\r\n\r\n"),
                    "HTTP/1.1 400"));
  std::string huge_header =
      "GET /api/x HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(32 * 1024, 'a') + "\r\n\r\n";
  CHECK(starts_with(raw_exchange(srv.port(), huge_header), "HTTP/1.1 431"));
  CHECK(fetch(srv.port(), "GET", "/api/x").status == 200);  // still serving
}

TEST_CASE("a slow client is disconnected after the read timeout") {
  auto config = test_config();
  config.limits.header_timeout = std::chrono::seconds(1);
  server::HttpServer srv(config, [](const server::HttpRequest&) { return ok_json("{}"); });
  srv.start();
  auto started = std::chrono::steady_clock::now();
  auto answer = raw_exchange(srv.port(), "GET /api/x HTTP/1.1\r\nHo", std::chrono::seconds(5));
  auto waited = std::chrono::steady_clock::now() - started;
  CHECK(answer.empty());
  CHECK(waited >= std::chrono::milliseconds(900));
  CHECK(waited < std::chrono::milliseconds(4000));
}

TEST_CASE("a handler that throws gets 500 and the connection keeps serving") {
  server::HttpServer srv(test_config(), [](const server::HttpRequest& req) {
    if (req.path == "/api/boom") throw std::runtime_error("kaboom");
    return ok_json("{\"fine\":true}");
  });
  srv.start();
  HttpClient client(srv.port());
  auto boom = client.request("GET", "/api/boom");
  CHECK(boom.status == 500);
  CHECK(boom.body == "{\"error\":{\"code\":\"internal\",\"message\":\"internal error\"}}");
  CHECK(boom.body.find("kaboom") == std::string::npos);  // internals are not leaked
  auto next = client.request("GET", "/api/fine");
  CHECK(next.status == 200);
  CHECK(next.body == "{\"fine\":true}");
  CHECK(fetch(srv.port(), "GET", "/api/fine").status == 200);
}

TEST_CASE("CORS: allowed origins are echoed with credentials, others get nothing") {
  auto config = test_config();
  config.allowed_origins = {"https://crm.example"};
  server::HttpServer srv(config, [](const server::HttpRequest&) { return ok_json("{}"); });
  srv.start();
  HttpClient client(srv.port());

  auto allowed = client.request("GET", "/api/me", {{"Origin", "https://crm.example"}});
  CHECK(allowed.header("access-control-allow-origin") == "https://crm.example");
  CHECK(allowed.header("access-control-allow-credentials") == "true");
  CHECK(allowed.header("vary").find("Origin") != std::string::npos);

  auto other = client.request("GET", "/api/me", {{"Origin", "https://evil.example"}});
  CHECK(other.status == 200);
  CHECK(other.header("access-control-allow-origin").empty());
  CHECK(other.header("access-control-allow-credentials").empty());

  auto preflight = client.request("OPTIONS", "/api/dialogs",
                                  {{"Origin", "https://crm.example"},
                                   {"Access-Control-Request-Method", "PATCH"},
                                   {"Access-Control-Request-Headers", "content-type"}});
  CHECK(preflight.status == 204);
  CHECK(preflight.header("access-control-allow-origin") == "https://crm.example");
  CHECK(preflight.header("access-control-allow-methods") == "GET, POST, PUT, PATCH, DELETE");
  CHECK(preflight.header("access-control-allow-headers") ==
        "content-type, authorization, idempotency-key");
  CHECK(preflight.header("access-control-allow-credentials") == "true");

  auto refused = client.request(
      "OPTIONS", "/api/dialogs",
      {{"Origin", "https://evil.example"}, {"Access-Control-Request-Method", "DELETE"}});
  CHECK(refused.status == 403);
  CHECK(refused.header("access-control-allow-origin").empty());
}

TEST_CASE("a wildcard origin is refused because credentials are allowed") {
  auto config = test_config();
  config.allowed_origins = {"*"};
  CHECK_THROWS_AS(server::HttpServer(config, nullptr), std::invalid_argument);
}

TEST_CASE("stop lets a request in flight finish, then refuses new connections") {
  std::atomic<bool> entered{false};
  auto config = test_config();
  server::HttpServer srv(config, [&](const server::HttpRequest&) {
    entered = true;
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    return ok_json("{\"done\":true}");
  });
  srv.start();
  const auto port = srv.port();
  HttpClient idle(port);  // an idle keep-alive connection must not hold stop up
  testclient::Response slow;
  std::thread client([&] { slow = fetch(port, "GET", "/api/slow"); });
  REQUIRE(testfixture::eventually([&] { return entered.load(); }));
  auto started = std::chrono::steady_clock::now();
  srv.stop();
  auto took = std::chrono::steady_clock::now() - started;
  client.join();
  CHECK(slow.status == 200);
  CHECK(slow.body == "{\"done\":true}");
  CHECK(took < std::chrono::milliseconds(2500));  // well inside the grace period
  CHECK_THROWS(fetch(port, "GET", "/api/slow"));  // nothing listens any more
  srv.stop();                                     // idempotent
}

TEST_CASE("on_tick is called on the server's timer until stop") {
  std::atomic<int> ticks{0};
  auto config = test_config();
  config.tick_interval = std::chrono::milliseconds(20);
  config.on_tick = [&] { ++ticks; };
  server::HttpServer srv(config, nullptr);
  srv.start();
  CHECK(testfixture::eventually([&] { return ticks >= 3; }));
  srv.stop();
  const int after_stop = ticks;
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  CHECK(ticks == after_stop);
}
