// One HTTP request over Emscripten Fetch, with the page's cookies (same
// origin); the answer arrives as a status and a body, never an exception.
#pragma once

#include <functional>
#include <string>

namespace net {

struct HttpAnswer {
  int status = 0;  // 0: no answer at all (network error)
  std::string body;
};

using HttpDone = std::function<void(HttpAnswer)>;

// `url` is relative to the page ("api/me"); a non-empty body is sent as JSON.
void http_send(const char* method, const std::string& url, std::string body, HttpDone done);

// Asks the page for a frame: data arrived outside a frame.
void wake_page();

}  // namespace net
