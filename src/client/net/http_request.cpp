// emscripten_fetch with the answer copied out, the request freed, and the page
// woken; URLs resolved against the API base, the bearer token on every call.
#include "net/http_request.hpp"

#include <emscripten.h>
#include <emscripten/fetch.h>

#include <cctype>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <vector>

#include "core/text.hpp"

namespace net {
namespace {

// clang-format off
EM_JS(void, js_wake_page, (), {
  if (Module.wake) Module.wake();
});
// A path resolved against the API base (or the page), as an absolute URL;
// `socket` turns http(s) into ws(s).
EM_JS(char*, js_resolve, (const char* base, const char* path, int socket), {
  var b = UTF8ToString(base);
  var u = new URL(UTF8ToString(path), b ? b : document.baseURI);
  if (socket) u.protocol = u.protocol === 'https:' ? 'wss:' : 'ws:';
  var n = lengthBytesUTF8(u.href) + 1;
  var p = _malloc(n);
  stringToUTF8(u.href, p, n);
  return p;
});
// clang-format on

std::string g_base;
std::string g_token;

std::string resolve(const std::string& path, bool socket) {
  char* url = js_resolve(g_base.c_str(), path.c_str(), socket ? 1 : 0);
  std::string out(url);
  std::free(url);
  return out;
}

struct Pending {
  HttpDone done;
  std::string body;
  std::string authorization;
  std::string idempotency_key;
  std::vector<const char*> headers;  // name, value, ..., nullptr; pointing into this
};

void finish(emscripten_fetch_t* fetch) {
  std::unique_ptr<Pending> pending(static_cast<Pending*>(fetch->userData));
  HttpAnswer answer;
  answer.status = fetch->status;
  if (fetch->data && fetch->numBytes > 0) {
    answer.body.assign(fetch->data, static_cast<std::size_t>(fetch->numBytes));
  }
  emscripten_fetch_close(fetch);
  pending->done(std::move(answer));
  wake_page();
}

}  // namespace

void wake_page() {
  js_wake_page();
}

void set_api(std::string base, std::string token) {
  g_base = std::move(base);
  g_token = std::move(token);
}

void set_api_token(std::string token) {
  g_token = std::move(token);
}

std::string api_url(const std::string& path) {
  return resolve(path, false);
}

std::string websocket_url(const std::string& path) {
  std::string url = resolve(path, true);
  if (!g_token.empty()) {
    url += (url.find('?') == std::string::npos ? "?token=" : "&token=") +
           core::percent_encode(g_token);
  }
  return url;
}

void http_send(const char* method, const std::string& url, std::string body, HttpDone done,
               const std::string& idempotency_key) {
  auto* pending = new Pending{std::move(done), std::move(body), {}, idempotency_key, {}};
  pending->headers = {"Accept", "application/json"};
  if (!pending->body.empty()) {
    pending->headers.push_back("Content-Type");
    pending->headers.push_back("application/json");
  }
  if (!g_token.empty()) {
    pending->authorization = "Bearer " + g_token;
    pending->headers.push_back("Authorization");
    pending->headers.push_back(pending->authorization.c_str());
  }
  if (!pending->idempotency_key.empty()) {
    pending->headers.push_back("Idempotency-Key");
    pending->headers.push_back(pending->idempotency_key.c_str());
  }
  pending->headers.push_back(nullptr);
  emscripten_fetch_attr_t attr;
  emscripten_fetch_attr_init(&attr);
  std::strncpy(attr.requestMethod, method, sizeof attr.requestMethod - 1);
  attr.attributes = EMSCRIPTEN_FETCH_LOAD_TO_MEMORY;
  attr.userData = pending;
  attr.onsuccess = finish;
  attr.onerror = finish;
  // Same origin: the session cookie goes anyway; another origin gets the token only.
  attr.withCredentials = EM_FALSE;
  attr.requestHeaders = pending->headers.data();
  if (!pending->body.empty()) {
    attr.requestData = pending->body.data();
    attr.requestDataSize = pending->body.size();
  }
  emscripten_fetch(&attr, api_url(url).c_str());
}

}  // namespace net
