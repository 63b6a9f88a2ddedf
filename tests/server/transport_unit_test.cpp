// Socket-free pieces of the transport: URL decoding, query parsing, path
// safety, header tokens, MIME types, gzip, body limits, API answers given
// later and log formatting.
#include <doctest/doctest.h>

#include <future>
#include <thread>

#include "core/codec.hpp"
#include "core/text.hpp"
#include "server/transport/dispatch.hpp"
#include "server/transport/http_util.hpp"
#include "server/transport/log.hpp"
#include "server/transport/static_files.hpp"
#include "server/transport_client.hpp"

using namespace server::transport;

TEST_CASE("percent_decode handles escapes, plus and broken input") {
  CHECK(core::percent_decode("a%20b", false) == std::optional<std::string>("a b"));
  CHECK(core::percent_decode("a+b", false) == std::optional<std::string>("a+b"));
  CHECK(core::percent_decode("a+b", true) == std::optional<std::string>("a b"));
  CHECK(core::percent_decode("%E2%9C%93", true) == std::optional<std::string>("\xE2\x9C\x93"));
  CHECK_FALSE(core::percent_decode("%4", true));
  CHECK_FALSE(core::percent_decode("%zz", true));
  CHECK_FALSE(core::percent_decode("a%00b", true));
}

TEST_CASE("json_error quotes code and message as JSON strings") {
  const std::string body = json_error("bad_request", "a \"quoted\" \\ path\nline\ttab\x01 ёж");
  CHECK(body ==
        "{\"error\":{\"code\":\"bad_request\",\"message\":"
        "\"a \\\"quoted\\\" \\\\ path\\nline\\ttab\\u0001 ёж\"}}");
  const auto parsed = core::parse_json(body);
  CHECK(parsed["error"]["message"] == "a \"quoted\" \\ path\nline\ttab\x01 ёж");
}

TEST_CASE("parse_query decodes names and values; the last repeat wins") {
  auto q = parse_query("a=1&b=x+y&c&a=2&&d=%3D&bad=%g1");
  CHECK(q.at("a") == "2");
  CHECK(q.at("b") == "x y");
  CHECK(q.at("c") == "");
  CHECK(q.at("d") == "=");
  CHECK(q.count("bad") == 0);
  std::string path, query;
  split_target("/api/x?token=abc#frag", path, query);
  CHECK(path == "/api/x");
  CHECK(query == "token=abc");
}

TEST_CASE("is_safe_path refuses parent segments, backslashes and relative paths") {
  CHECK(is_safe_path("/"));
  CHECK(is_safe_path("/a/b.js"));
  CHECK(is_safe_path("/a/..b/c"));
  CHECK(is_safe_path("/./a"));
  CHECK_FALSE(is_safe_path("/../a"));
  CHECK_FALSE(is_safe_path("/a/.."));
  CHECK_FALSE(is_safe_path("/a\\..\\b"));
  CHECK_FALSE(is_safe_path("a/b"));
  CHECK_FALSE(is_safe_path(""));
}

TEST_CASE("header_has_token ignores case and parameters, and honours q=0") {
  CHECK(header_has_token("gzip, deflate, br", "gzip"));
  CHECK(header_has_token("GZIP;q=0.5", "gzip"));
  CHECK_FALSE(header_has_token("gzip;q=0", "gzip"));
  CHECK_FALSE(header_has_token("x-gzip", "gzip"));
  CHECK_FALSE(header_has_token("", "gzip"));
}

TEST_CASE("mime types and compressibility") {
  CHECK(mime_type("a/app.wasm") == "application/wasm");
  CHECK(mime_type("x.JS") == "text/javascript; charset=utf-8");
  CHECK(mime_type("favicon.ico") == "image/x-icon");
  CHECK(mime_type("data.json") == "application/json");
  CHECK(mime_type("i.svg") == "image/svg+xml");
  CHECK(mime_type("dir.v2/noext") == "application/octet-stream");
  CHECK(is_compressible("application/wasm"));
  CHECK(is_compressible("font/ttf"));
  CHECK_FALSE(is_compressible("image/png"));
  CHECK_FALSE(is_compressible("font/woff2"));
  const std::string text(10000, 'q');
  CHECK(testclient::gunzip(gzip_compress(text)) == text);
}

TEST_CASE("body limits pick the longest matching prefix") {
  server::ServerConfig config;
  config.limits.max_body_bytes = 100;
  config.limits.body_limits = {{"/api/uploads", 1000}, {"/api/uploads/avatars", 50}};
  server::Logger log(server::LogLevel::Error);
  Dispatcher dispatcher(config, {}, log);
  CHECK(dispatcher.body_limit("/api/dialogs") == 100);
  CHECK(dispatcher.body_limit("/api/uploads?x=1") == 1000);
  CHECK(dispatcher.body_limit("/api/uploads/avatars/1") == 50);
}

TEST_CASE("an API answer given later from another thread reaches done once, with CORS") {
  server::ServerConfig config;
  config.allowed_origins = {"https://crm.example"};
  server::Logger log(server::LogLevel::Error);
  std::thread writer;
  server::AsyncApiHandler later{[&writer](server::HttpRequest, server::Respond respond) {
    writer = std::thread([respond] {
      server::HttpResponse response;
      response.status = 201;
      response.body = "{}";
      respond(response);
    });
  }};
  Dispatcher dispatcher(config, later, log);
  RawRequest raw;
  raw.method = "POST";
  raw.target = "/api/ingest";
  raw.headers = {{"origin", "https://crm.example"}};
  std::promise<Reply> answered;
  int calls = 0;
  dispatcher.handle(raw, [&](Reply reply) {
    ++calls;
    answered.set_value(std::move(reply));
  });
  const Reply reply = answered.get_future().get();
  writer.join();
  CHECK(calls == 1);
  CHECK(reply.status == 201);
  CHECK(*reply.find_header("access-control-allow-origin") == "https://crm.example");
  CHECK(*reply.find_header("cache-control") == "no-store");
}

TEST_CASE("an API that throws before answering is answered 500 once") {
  server::ServerConfig config;
  server::Logger log(server::LogLevel::Error);
  server::AsyncApiHandler broken{
      [](server::HttpRequest, server::Respond) { throw std::runtime_error("broken"); }};
  Dispatcher dispatcher(config, broken, log);
  RawRequest raw;
  raw.method = "GET";
  raw.target = "/api/me";
  int calls = 0;
  int status = 0;
  dispatcher.handle(raw, [&](Reply reply) {
    ++calls;
    status = reply.status;
  });
  CHECK(calls == 1);
  CHECK(status == 500);
}

TEST_CASE("log lines are key=value with quoting that keeps one record per line") {
  auto line = server::format_log_line("T", server::LogLevel::Warn, "request",
                                      {{"path", "/api/x"}, {"what", "a \"b\"\nc"}, {"e", ""}});
  CHECK(line == "time=T level=warn event=request path=/api/x what=\"a \\\"b\\\" c\" e=\"\"");
  CHECK(server::parse_log_level("debug") == server::LogLevel::Debug);
  CHECK(server::parse_log_level("loud", server::LogLevel::Warn) == server::LogLevel::Warn);
  server::Logger info(server::LogLevel::Info);
  CHECK(info.enabled(server::LogLevel::Error));
  CHECK_FALSE(info.enabled(server::LogLevel::Debug));
}
