// One request off the wire, as the server reads it: Beast's parser with the
// server's header limit and per-path body limits, the request as the HTTP
// session hands it over, then the socket-free dispatcher (CORS, preflight,
// path decoding, static files) and, for /api/, the router and the argument
// readers a handler starts with. Checks that every answer is a real status,
// that JSON answers are valid JSON, and that no file outside the static
// folder is ever served.
#include <unistd.h>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include <boost/beast/http.hpp>

#include "core/codec.hpp"
#include "fuzz_check.hpp"
#include "server/api/api_error.hpp"
#include "server/api/json_args.hpp"
#include "server/api/router.hpp"
#include "server/api/upload_name.hpp"
#include "server/transport/dispatch.hpp"
#include "server/transport/http_util.hpp"
#include "server/transport/server.hpp"

namespace {

namespace http = boost::beast::http;
namespace fs = std::filesystem;

constexpr const char* kSecret = "a file beside the static folder, never to be served";

// Small limits, so that short inputs reach the refusals (the server's are 1 and 25 MiB).
constexpr std::size_t kFuzzMaxBody = 256;
constexpr std::size_t kFuzzMaxUpload = 1024;

// A static folder with one page, and a file beside it that a path must never reach.
fs::path make_site() {
  const fs::path root = fs::temp_directory_path() / ("chats_http_fuzz_" + std::to_string(getpid()));
  fs::create_directories(root / "site" / "fonts");
  std::ofstream(root / "site" / "index.html") << "<!doctype html><title>inbox</title>";
  std::ofstream(root / "site" / "fonts" / "a.ttf") << "font";
  std::ofstream(root / "secret.txt") << kSecret;
  static const fs::path removed_at_exit = root;
  std::atexit([] { fs::remove_all(removed_at_exit); });
  return root / "site";
}

// Routes of each shape the API has: fixed, numeric {} and a name {}, one path
// for several methods, and a fixed part beside a parameter.
server::Router make_router() {
  server::Router router;
  auto ok = [](server::Call&) { return server::HttpResponse{}; };
  for (const char* pattern :
       {"GET /api/me", "PUT /api/me", "POST /api/login", "GET /api/dialogs", "GET /api/dialogs/{}",
        "POST /api/dialogs/{}/accept", "DELETE /api/dialogs/{}/tags/{}",
        "PATCH /api/dialogs/{}/tasks/{}", "POST /api/bulk", "POST /api/hooks/{}",
        "POST /api/webchat/{}/messages", "POST /api/uploads", "GET /api/uploads/{}",
        "GET /api/statuses/usage", "PUT /api/statuses/{}", "DELETE /api/statuses/{}"}) {
    const std::string text = pattern;
    const std::size_t space = text.find(' ');
    router.add(text.substr(0, space), text.substr(space + 1), true, ok);
  }
  router.allow_text_params("GET", "/api/uploads/{}");
  return router;
}

server::HttpResponse json_answer(int status, const core::Json& body) {
  server::HttpResponse r;
  r.status = status;
  r.body = body.dump(-1, ' ', false, core::Json::error_handler_t::replace);  // as the API does
  return r;
}

// What the API does with a request before a handler's own work: the route,
// its ids, then the body, the list's query or the upload's name.
server::HttpResponse answer(const server::Router& router, const server::HttpRequest& request) {
  try {
    std::vector<std::string> params;
    bool path_known = false;
    const server::Route* route = router.match(request.method, request.path, params, path_known);
    if (!route) {
      if (path_known) throw server::ApiError(405, "method_not_allowed", "not allowed here");
      throw server::not_found("no such endpoint: " + request.path.substr(0, 200));
    }
    std::size_t wanted = 0;
    for (const std::string& part : route->parts) wanted += part == "{}";
    FUZZ_CHECK(params.size() == wanted);
    server::Call call(request, params, 0);
    if (route->numeric_params) {
      for (std::size_t i = 0; i < params.size(); ++i) FUZZ_CHECK(call.id(i) > 0);
    }
    if (request.path == "/api/dialogs") {
      server::view_query_from(request.query);
    } else if (request.path == "/api/uploads" && request.method == "POST") {
      if (!server::upload_file_name(request.header("x-file-name"))) {
        throw server::bad_request("x-file-name: not a plain file name");
      }
    } else if (!request.body.empty()) {
      FUZZ_CHECK(call.body().is_object());
    }
    return json_answer(200, {{"ok", true}});
  } catch (const server::ApiError& e) {
    FUZZ_CHECK(e.status() >= 400 && e.status() < 500);
    return json_answer(e.status(), {{"error", {{"code", e.code()}, {"message", e.what()}}}});
  }
}

struct World {
  server::ServerConfig config;
  server::Logger log{server::LogLevel::Error};
  server::Router router = make_router();
  server::transport::Dispatcher dispatcher;

  World()
      : config(make_config()),
        dispatcher(config, server::transport::answer_at_once([this](const server::HttpRequest& r) {
                     return answer(router, r);
                   }),
                   log) {}

  static server::ServerConfig make_config() {
    server::ServerConfig c;
    c.static_dir = make_site().string();
    c.allowed_origins = {"https://crm.example.ru"};
    c.limits.max_body_bytes = kFuzzMaxBody;
    c.limits.body_limits = {{"/api/uploads", kFuzzMaxUpload}};
    return c;
  }
};

void check_reply(const server::transport::Reply& reply) {
  FUZZ_CHECK(reply.status >= 100 && reply.status <= 599);
  if (!reply.body) return;
  FUZZ_CHECK(reply.body->find(kSecret) == std::string::npos);
  const std::string* type = reply.find_header("content-type");
  if (type && type->rfind("application/json", 0) == 0) core::parse_json(*reply.body);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static World world;
  http::request_parser<http::string_body> parser;
  parser.header_limit(world.config.limits.max_header_bytes);
  boost::beast::error_code ec;
  std::string_view rest(reinterpret_cast<const char*>(data), size);
  // The header first (the parser stops after it), then the limit for its path, then the body.
  while (!ec && !parser.is_header_done() && !rest.empty()) {
    rest.remove_prefix(parser.put(boost::asio::buffer(rest.data(), rest.size()), ec));
    if (ec == http::error::need_more) break;
  }
  if (ec || !parser.is_header_done()) return 0;
  const std::string target(parser.get().target());
  const std::size_t limit = world.dispatcher.body_limit(target);
  FUZZ_CHECK(limit == kFuzzMaxBody || limit == kFuzzMaxUpload);
  parser.body_limit(limit);
  const std::string origin(parser.get()[http::field::origin]);
  if (parser.content_length() && *parser.content_length() > limit) {
    check_reply(world.dispatcher.error(413, "too_large", "request body too large", origin));
    return 0;
  }
  parser.eager(true);
  while (!ec && !parser.is_done() && !rest.empty()) {
    const std::size_t used = parser.put(boost::asio::buffer(rest.data(), rest.size()), ec);
    rest.remove_prefix(used);
    if (ec == http::error::need_more || used == 0) break;
  }
  if (!parser.is_done()) {
    ec = {};
    parser.put_eof(ec);
  }
  if (ec || !parser.is_done()) return 0;
  http::request<http::string_body> request = parser.release();
  FUZZ_CHECK(request.body().size() <= limit);

  // As the HTTP session builds it: lower-case names, repeated fields joined.
  server::transport::RawRequest raw;
  raw.method = std::string(request.method_string());
  raw.target = std::string(request.target());
  for (const auto& field : request) {
    std::string name = server::transport::to_lower(std::string(field.name_string()));
    auto [it, inserted] = raw.headers.emplace(name, std::string(field.value()));
    if (!inserted) it->second += ", " + std::string(field.value());
  }
  raw.body = std::move(request.body());
  raw.remote = "127.0.0.1";
  int answers = 0;
  world.dispatcher.handle(std::move(raw), [&answers](server::transport::Reply reply) {
    ++answers;
    check_reply(reply);
  });
  FUZZ_CHECK(answers == 1);
  return 0;
}
