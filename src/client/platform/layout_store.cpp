// localStorage under "chats.layout.<operator id>".
#include "platform/layout_store.hpp"

#include <string>

#include <imgui.h>

#include "core/codec.hpp"
#include "platform/browser_storage.hpp"

namespace platform {
namespace {

core::Id g_operator = core::kNoId;

std::string key_of(core::Id op) {
  return "chats.layout." + std::to_string(op);
}

constexpr const char* kSortKey = "chats.layout.sort";
std::optional<RememberedSort> g_kept_sort;  // what the storage holds, once read or written

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

std::optional<RememberedSort> remembered_sort() {
  const std::optional<std::string> text = storage_load(kSortKey);
  if (!text) return std::nullopt;
  try {
    const core::Json j = core::parse_json(*text);
    RememberedSort kept{j.at("operator").get<core::Id>(), core::decode<core::Sort>(j)};
    g_kept_sort = kept;
    return kept;
  } catch (const std::exception&) {
    return std::nullopt;  // written by another version, or by hand: no guess
  }
}

void remember_sort(core::Id operator_id, const core::Sort& sort) {
  if (g_kept_sort && g_kept_sort->operator_id == operator_id && g_kept_sort->sort.key == sort.key &&
      g_kept_sort->sort.descending == sort.descending) {
    return;
  }
  g_kept_sort = RememberedSort{operator_id, sort};
  core::Json j = core::encode(sort);
  j["operator"] = operator_id;
  storage_save(kSortKey, j.dump());
}

void save_layout_if_changed() {
  ImGuiIO& io = ImGui::GetIO();
  if (!io.WantSaveIniSettings) return;
  io.WantSaveIniSettings = false;
  if (g_operator == core::kNoId) return;
  storage_save(key_of(g_operator), ImGui::SaveIniSettingsToMemory());
}

}  // namespace platform
