// The failure path of IM_ASSERT (see imgui_config.hpp): one console.error line
// with a fixed prefix the browser tests watch for, then abort().
#include "platform/imgui_config.hpp"

#include <emscripten.h>

#include <cstdlib>

namespace {

// clang-format off
EM_JS(void, js_report_assert, (const char* expression, const char* file, int line), {
  console.error('ImGui assertion failed: ' + UTF8ToString(expression) + ' at ' +
                UTF8ToString(file) + ':' + line);
});
// clang-format on

}  // namespace

void chats_imgui_assert_failed(const char* expression, const char* file, int line) {
  js_report_assert(expression, file, line);
  std::abort();
}
