// Colours, spacing and fonts of the inbox, in a light and a dark variant.
#pragma once

#include <cstdint>
#include <string_view>

#include <imgui.h>

namespace ui {

enum class ThemeKind { Light, Dark };

struct Palette {
  ImU32 window_bg;
  ImU32 panel_bg;  // header and toolbar
  ImU32 text;
  ImU32 text_muted;
  ImU32 border;
  ImU32 accent;
  ImU32 accent_text;  // text on an accent background
  ImU32 row_hover;
  ImU32 row_selected;
  ImU32 selected_text;  // accent-coloured text on row_selected (an active pill)
  ImU32 unread_badge;
  ImU32 overdue;
  // A note (seen by the team only): paper apart from both kinds of bubble.
  ImU32 note_bg;
  ImU32 note_border;
  ImU32 note_label;  // the «Заметка» line
  ImU32 note_text;
};

struct Fonts {
  ImFont* regular = nullptr;  // body text, with the icon glyphs merged in
  ImFont* bold = nullptr;
  ImFont* small = nullptr;
  ImFont* title = nullptr;
};

void apply_theme(ThemeKind kind);
const Palette& palette();
Fonts& fonts();

// Pixel size of a font as drawn (fonts are rasterised at the pixel ratio).
float font_px(const ImFont* font);
ImVec2 text_size(const ImFont* font, std::string_view text);
void draw_text(ImDrawList* dl, const ImFont* font, ImVec2 pos, ImU32 color, std::string_view text);
// The text cut to `width` with "…" when longer; nothing when width <= 0.
void draw_text_fit(ImDrawList* dl, const ImFont* font, ImVec2 pos, float width, ImU32 color,
                   std::string_view text);

// 0xRRGGBB to ImGui's packed colour.
ImU32 rgb(std::uint32_t color, float alpha = 1.0f);
// A colour mixed toward the background, for soft chips behind coloured text.
ImU32 tint(std::uint32_t color, float amount);

}  // namespace ui
