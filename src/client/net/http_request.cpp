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
#include "platform/fonts.hpp"

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
// An answer the page asked for before the module started (shell/inbox.js
// fetchEarly: the session, the directory and the first window, fetched while
// the WebAssembly compiles): 1 when the page has one for this URL, which is
// then handed to http_early_answer with `pending` once it is in.
EM_JS(int, js_take_early_answer, (const char* url, void* pending), {
  var answers = Module.earlyAnswers;
  var key = UTF8ToString(url);
  var answer = answers && answers.get(key);
  if (!answer) return 0;
  answers.delete(key);
  answer.then(function(a) {
    var ptr = _malloc(a.body.length + 1);
    HEAPU8.set(a.body, ptr);
    Module._http_early_answer(pending, a.status, ptr, a.body.length);
    _free(ptr);
  });
  return 1;
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

void deliver(Pending* request, HttpAnswer answer) {
  std::unique_ptr<Pending> pending(request);
  platform::note_text(answer.body);  // its emoji are fetched for the atlas
  pending->done(std::move(answer));
  wake_page();
}

void finish(emscripten_fetch_t* fetch) {
  HttpAnswer answer;
  answer.status = fetch->status;
  if (fetch->data && fetch->numBytes > 0) {
    answer.body.assign(fetch->data, static_cast<std::size_t>(fetch->numBytes));
  }
  auto* pending = static_cast<Pending*>(fetch->userData);
  emscripten_fetch_close(fetch);
  deliver(pending, std::move(answer));
}

}  // namespace

extern "C" EMSCRIPTEN_KEEPALIVE void http_early_answer(void* pending, int status, const char* data,
                                                       int size) {
  HttpAnswer answer;
  answer.status = status;
  answer.body.assign(data, static_cast<std::size_t>(size));
  deliver(static_cast<Pending*>(pending), std::move(answer));
}

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
  const std::string absolute = api_url(url);
  if (pending->body.empty() && std::strcmp(method, "GET") == 0 &&
      js_take_early_answer(absolute.c_str(), pending)) {
    return;
  }
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
  emscripten_fetch(&attr, absolute.c_str());
}

}  // namespace net
