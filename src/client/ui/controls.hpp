// Small controls shared by the list's bars: rounded buttons, removable chips,
// a checkbox row for the filter popups, a two-way choice.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <imgui.h>

#include "app/format.hpp"

namespace ui {

inline const char* tr(app::Locale l, const char* ru, const char* en) {
  return l == app::Locale::Ru ? ru : en;
}

enum class PillLook { Plain, Primary, Active };

// A rounded button of the given height; published under `id`.
bool pill(const char* id, const std::string& label, PillLook look, float height);

// A chip with coloured text (or plain when color is 0) and a × that removes it;
// true when the × was clicked. Published as `id` and `id`'s "remove" twin.
bool removable_chip(const std::string& id, const std::string& remove_id, const std::string& label,
                    std::uint32_t color, float height);

// A rounded button `width` wide (the sidebar's actions, the task form);
// `primary` fills it with the accent. Published as `id`.
bool block_button(const char* label, const char* id, bool primary, float width);

// A select box (ImGui's combo) as the rest of the UI draws one: the framed
// preview with a muted chevron at its right instead of the arrow button.
// True while open: then add the options and call ImGui::EndCombo().
bool begin_select(const char* id, const char* preview);

// One line of a multi-select popup: a checkbox, an optional coloured glyph or
// dot, the label. True when toggled.
bool option_row(const std::string& id, const std::string& label, bool checked, const char* glyph,
                std::uint32_t glyph_color, bool dot);

// Two options side by side, each `size`, the current one filled (the settings
// menu's theme and language, the login card's language): true when `second`
// was picked, false when `first` was, nothing otherwise. Published as first_id
// and second_id.
std::optional<bool> segmented(const char* id, const char* first, const char* second, bool second_on,
                              const char* first_id, const char* second_id, ImVec2 size);

}  // namespace ui
