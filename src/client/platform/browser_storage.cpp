#include "platform/browser_storage.hpp"

#include <emscripten.h>

#include <cstdlib>

namespace platform {
namespace {

// clang-format off
EM_JS(char*, js_storage_load, (const char* key), {
  try {
    const text = window.localStorage.getItem(UTF8ToString(key));
    if (text === null) return 0;
    const size = lengthBytesUTF8(text) + 1;
    const ptr = _malloc(size);
    stringToUTF8(text, ptr, size);
    return ptr;
  } catch (e) {
    return 0;
  }
});
EM_JS(void, js_storage_save, (const char* key, const char* text), {
  try {
    window.localStorage.setItem(UTF8ToString(key), UTF8ToString(text));
  } catch (e) {
  }
});
EM_JS(void, js_storage_remove, (const char* key), {
  try {
    window.localStorage.removeItem(UTF8ToString(key));
  } catch (e) {
  }
});
// clang-format on

}  // namespace

std::optional<std::string> storage_load(const std::string& key) {
  char* text = js_storage_load(key.c_str());
  if (!text) return std::nullopt;
  std::string out(text);
  std::free(text);
  return out;
}

void storage_save(const std::string& key, const std::string& text) {
  js_storage_save(key.c_str(), text.c_str());
}

void storage_remove(const std::string& key) {
  js_storage_remove(key.c_str());
}

}  // namespace platform
