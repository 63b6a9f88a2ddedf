// localStorage under "chats.layout.<operator id>".
#include "platform/layout_store.hpp"

#include <string>

#include <imgui.h>

#include "platform/browser_storage.hpp"

namespace platform {
namespace {

core::Id g_operator = core::kNoId;

std::string key_of(core::Id op) {
  return "chats.layout." + std::to_string(op);
}

}  // namespace

void restore_layout(core::Id operator_id) {
  if (operator_id == g_operator) return;
  g_operator = operator_id;
  ImGui::GetIO().IniSavingRate = 0.05f;  // frames are sparse: save soon after a change
  if (operator_id == core::kNoId) return;
  if (std::optional<std::string> text = storage_load(key_of(operator_id))) {
    ImGui::LoadIniSettingsFromMemory(text->c_str(), text->size());
  }
}

void save_layout_if_changed() {
  ImGuiIO& io = ImGui::GetIO();
  if (!io.WantSaveIniSettings) return;
  io.WantSaveIniSettings = false;
  if (g_operator == core::kNoId) return;
  storage_save(key_of(g_operator), ImGui::SaveIniSettingsToMemory());
}

}  // namespace platform
