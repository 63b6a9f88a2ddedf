// Pieces the account settings sections (and the profile window) share: their
// titles, muted notes, form fields, colour swatches, and the section functions
// the window dispatches to.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include <imgui.h>

#include "ui/account_settings.hpp"

namespace ui {

void section_title(const char* title, const char* note);
void muted_text(const std::string& text);
// A colour dot that opens the palette; the colour picked, or 0 when none.
std::uint32_t color_swatch(const std::string& id, std::uint32_t color);
// A muted label over a full-width text field published as `id` (a secret one
// is masked and publishes no text).
void form_field(const char* label, const char* id, char* buffer, std::size_t size, bool secret);
// Moves the cursor below a row drawn by hand from `at`, `height` tall, `w` wide.
void end_row(ImVec2 at, float w, float height);
// A small square icon button published under `id`.
bool icon_button(const std::string& id, const char* glyph, const char* label);

void draw_operators_section(const SettingsContext& ctx, AccountSettingsState& s,
                            app::Intents& intents);
void draw_statuses_section(const SettingsContext& ctx, AccountSettingsState& s,
                           app::Intents& intents);
void draw_tags_section(const SettingsContext& ctx, AccountSettingsState& s, app::Intents& intents);
void draw_templates_section(const SettingsContext& ctx, AccountSettingsState& s,
                            app::Intents& intents);
void draw_block_list_section(const SettingsContext& ctx, AccountSettingsState& s,
                             app::Intents& intents);
void draw_sources_section(const SettingsContext& ctx, AccountSettingsState& s,
                          app::Intents& intents);

}  // namespace ui
