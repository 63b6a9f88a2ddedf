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

ImFont* add_font(FontFile file, float size, float dpr) {
  ImGuiIO& io = ImGui::GetIO();
  std::vector<std::uint8_t>& text = g_files[static_cast<int>(file)];
  ImFontConfig config;
  config.FontDataOwnedByAtlas = false;  // the bytes stay here for the next rebuild
  config.OversampleH = 2;
  config.OversampleV = 1;
  ImFont* font = io.Fonts->AddFontFromMemoryTTF(text.data(), static_cast<int>(text.size()),
                                                size * dpr, &config, kTextRanges);
  std::vector<std::uint8_t>& icons = g_files[static_cast<int>(FontFile::Icons)];
  if (!icons.empty()) {
    ImFontConfig merge;
    merge.FontDataOwnedByAtlas = false;
    merge.MergeMode = true;
    merge.GlyphMinAdvanceX = size * dpr * 1.1f;  // icons line up in a column
    merge.GlyphOffset = ImVec2(0, 1 * dpr);
    io.Fonts->AddFontFromMemoryTTF(icons.data(), static_cast<int>(icons.size()), size * 0.92f * dpr,
                                   &merge, kIconRanges);
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
  f.regular = add_font(FontFile::Regular, 15, dpr);
  f.bold = add_font(FontFile::Bold, 15, dpr);
  f.small = add_font(FontFile::Regular, 12.5f, dpr);
  f.title = add_font(FontFile::Bold, 20, dpr);
  io.Fonts->Build();
  io.FontGlobalScale = 1.0f / dpr;
  io.FontDefault = f.regular;
}

}  // namespace platform
