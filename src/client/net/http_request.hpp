// One HTTP request over Emscripten Fetch to the API: relative to the page
// (with its cookie) or to another origin's API base with a bearer token; the
// answer arrives as a status and a body, never an exception.
#pragma once

#include <functional>
#include <string>

namespace net {

struct HttpAnswer {
  int status = 0;  // 0: no answer at all (network error)
  std::string body;
};

using HttpDone = std::function<void(HttpAnswer)>;

// Where the API is ("" : the page's folder; else an absolute prefix ending in
// '/') and the bearer token every call and the live stream carry ("": none).
void set_api(std::string base, std::string token);
void set_api_token(std::string token);  // after a sign-in
// `path` relative to the API base ("api/me") as an absolute URL (the page's folder by default).
std::string api_url(const std::string& path);
// The live stream's ws:// or wss:// URL for `path`, with the token as `?token=`.
std::string websocket_url(const std::string& path);

// `url` is relative to the API base ("api/me"); a non-empty body is sent as JSON;
// a non-empty `idempotency_key` goes as the Idempotency-Key header.
void http_send(const char* method, const std::string& url, std::string body, HttpDone done,
               const std::string& idempotency_key = "");

// Asks the page for a frame: data arrived outside a frame.
void wake_page();

}  // namespace net
