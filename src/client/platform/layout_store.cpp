// localStorage under "chats.layout.<operator id>"; a browser without storage
// (private mode, a sandboxed frame) just keeps the defaults.
#include "platform/layout_store.hpp"

#include <emscripten.h>

#include <cstdlib>
#include <string>

#include <imgui.h>

namespace platform {
namespace {

core::Id g_operator = core::kNoId;

// clang-format off
EM_JS(char*, js_layout_load, (const char* key), {
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
EM_JS(void, js_layout_save, (const char* key, const char* text), {
  try {
    window.localStorage.setItem(UTF8ToString(key), UTF8ToString(text));
  } catch (e) {
  }
});
// clang-format on

std::string key_of(core::Id op) {
  return "chats.layout." + std::to_string(op);
}

}  // namespace

void restore_layout(core::Id operator_id) {
  if (operator_id == g_operator) return;
  g_operator = operator_id;
  ImGui::GetIO().IniSavingRate = 0.05f;  // frames are sparse: save soon after a change
  if (operator_id == core::kNoId) return;
  if (char* text = js_layout_load(key_of(operator_id).c_str())) {
    ImGui::LoadIniSettingsFromMemory(text);
    std::free(text);
  }
}

void save_layout_if_changed() {
  ImGuiIO& io = ImGui::GetIO();
  if (!io.WantSaveIniSettings) return;
  io.WantSaveIniSettings = false;
  if (g_operator == core::kNoId) return;
  js_layout_save(key_of(g_operator).c_str(), ImGui::SaveIniSettingsToMemory());
}

}  // namespace platform
