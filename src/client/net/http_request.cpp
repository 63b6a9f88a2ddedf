// emscripten_fetch with the answer copied out, the request freed, and the page woken.
#include "net/http_request.hpp"

#include <emscripten.h>
#include <emscripten/fetch.h>

#include <cstring>
#include <memory>

namespace net {
namespace {

// clang-format off
EM_JS(void, js_wake_page, (), {
  if (Module.wake) Module.wake();
});
// clang-format on

struct Pending {
  HttpDone done;
  std::string body;
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

void http_send(const char* method, const std::string& url, std::string body, HttpDone done) {
  static const char* const kJsonHeaders[] = {"Content-Type", "application/json", "Accept",
                                             "application/json", nullptr};
  static const char* const kAcceptHeaders[] = {"Accept", "application/json", nullptr};
  auto* pending = new Pending{std::move(done), std::move(body)};
  emscripten_fetch_attr_t attr;
  emscripten_fetch_attr_init(&attr);
  std::strncpy(attr.requestMethod, method, sizeof attr.requestMethod - 1);
  attr.attributes = EMSCRIPTEN_FETCH_LOAD_TO_MEMORY;
  attr.userData = pending;
  attr.onsuccess = finish;
  attr.onerror = finish;
  attr.withCredentials = EM_FALSE;  // same origin: the session cookie goes anyway
  if (!pending->body.empty()) {
    attr.requestHeaders = kJsonHeaders;
    attr.requestData = pending->body.data();
    attr.requestDataSize = pending->body.size();
  } else {
    attr.requestHeaders = kAcceptHeaders;
  }
  emscripten_fetch(&attr, url.c_str());
}

}  // namespace net
