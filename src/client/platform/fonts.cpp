// Text is rasterised at the device pixel ratio and drawn scaled back, so it
// stays crisp on high-DPI screens; icons are merged into each text font.
#include "platform/fonts.hpp"

#include <array>
#include <type_traits>

#include <imgui.h>

#include "platform/font_glyphs.hpp"
#include "ui/theme.hpp"

namespace platform {
namespace {

std::array<std::vector<std::uint8_t>, 3> g_files;

static_assert(std::is_same_v<ImWchar, unsigned short>, "font_glyphs.hpp lists 16-bit ImWchar");

// A text font at `size` CSS pixels, rasterised for `dpr`, with the icons
// merged in when `icons`.
ImFont* add_font(FontFile file, float size, float dpr, const ImWchar* ranges, bool icons) {
  ImGuiIO& io = ImGui::GetIO();
  std::vector<std::uint8_t>& text = g_files[static_cast<int>(file)];
  ImFontConfig config;
  config.FontDataOwnedByAtlas = false;  // the bytes stay here for the next rebuild
  // Glyphs sit at fractions of a pixel; two samples across keep them sharp at a
  // pixel ratio of 1. From 2 on, the pixels are small enough without.
  config.OversampleH = dpr < 2 ? 2 : 1;
  config.OversampleV = 1;
  ImFont* font = io.Fonts->AddFontFromMemoryTTF(text.data(), static_cast<int>(text.size()),
                                                size * dpr, &config, ranges);
  std::vector<std::uint8_t>& icon_file = g_files[static_cast<int>(FontFile::Icons)];
  if (icons && !icon_file.empty()) {
    ImFontConfig merge;
    merge.FontDataOwnedByAtlas = false;
    merge.MergeMode = true;
    merge.OversampleH = config.OversampleH;
    merge.GlyphMinAdvanceX = size * dpr * 1.1f;  // icons line up in a column
    merge.GlyphOffset = ImVec2(0, 1 * dpr);
    io.Fonts->AddFontFromMemoryTTF(icon_file.data(), static_cast<int>(icon_file.size()),
                                   size * 0.92f * dpr, &merge, kIconRanges);
  }
  return font;
}

}  // namespace

void set_font_file(FontFile which, std::vector<std::uint8_t> bytes) {
  g_files[static_cast<int>(which)] = std::move(bytes);
}

bool fonts_ready() {
  return !g_files[static_cast<int>(FontFile::Regular)].empty() &&
         !g_files[static_cast<int>(FontFile::Bold)].empty();
}

void build_fonts(float dpr) {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  ui::Fonts& f = ui::fonts();
  f.regular = add_font(FontFile::Regular, 15, dpr, kTextRanges, true);
  f.bold = add_font(FontFile::Bold, 15, dpr, kTextRanges, true);
  f.small = add_font(FontFile::Regular, 12.5f, dpr, kTextRanges, true);
  f.title = add_font(FontFile::Bold, 20, dpr, kTitleRanges, false);
  io.Fonts->Build();
  io.FontGlobalScale = 1.0f / dpr;
  io.FontDefault = f.regular;
}

}  // namespace platform
