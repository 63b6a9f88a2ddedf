// The two palettes and the ImGui style built from them.
#include "ui/theme.hpp"

#include <cfloat>
#include <string>

namespace ui {
namespace {

Palette g_palette;
Fonts g_fonts;
ThemeKind g_kind = ThemeKind::Light;

ImVec4 v4(std::uint32_t c, float a = 1.0f) {
  return ImVec4(((c >> 16) & 0xff) / 255.0f, ((c >> 8) & 0xff) / 255.0f, (c & 0xff) / 255.0f, a);
}

}  // namespace

ImU32 rgb(std::uint32_t c, float alpha) {
  return ImGui::GetColorU32(v4(c, alpha));
}

ImU32 tint(std::uint32_t c, float amount) {
  const std::uint32_t bg = g_kind == ThemeKind::Light ? 0xFFFFFF : 0x1E2128;
  auto mix = [amount](std::uint32_t a, std::uint32_t b, int shift) {
    const float x = ((a >> shift) & 0xff) * amount + ((b >> shift) & 0xff) * (1.0f - amount);
    return static_cast<std::uint32_t>(x) << shift;
  };
  return rgb(mix(c, bg, 16) | mix(c, bg, 8) | mix(c, bg, 0));
}

void apply_theme(ThemeKind kind) {
  g_kind = kind;
  const bool light = kind == ThemeKind::Light;
  const std::uint32_t window = light ? 0xFFFFFF : 0x1E2128;
  const std::uint32_t panel = light ? 0xF5F7FA : 0x252932;
  const std::uint32_t text = light ? 0x1F2937 : 0xE5E7EB;
  const std::uint32_t muted = light ? 0x6B7280 : 0x9CA3AF;
  const std::uint32_t border = light ? 0xE5E7EB : 0x374151;
  const std::uint32_t accent = 0x2563EB;

  // The last four: a note's paper, dimmed in the dark rather than a light block.
  g_palette = Palette{rgb(window),
                      rgb(panel),
                      rgb(text),
                      rgb(muted),
                      rgb(border),
                      rgb(accent),
                      rgb(0xFFFFFF),
                      rgb(light ? 0xF3F6FB : 0x2A2F3A),
                      rgb(light ? 0xE8F0FE : 0x1E3A5F),
                      rgb(light ? accent : 0x93C5FD),
                      rgb(0xEF4444),
                      rgb(0xDC2626),
                      rgb(light ? 0xFEF7D6 : 0x3A3322),
                      rgb(light ? 0xF5D565 : 0x7A6430),
                      rgb(light ? 0x92400E : 0xF4C45A),
                      rgb(light ? 0x1F2937 : 0xEDE8DC)};

  ImGuiStyle& s = ImGui::GetStyle();
  s = ImGuiStyle();
  s.WindowPadding = ImVec2(0, 0);
  s.WindowBorderSize = 0;
  s.FramePadding = ImVec2(10, 6);
  s.ItemSpacing = ImVec2(8, 6);
  s.CellPadding = ImVec2(8, 4);
  s.FrameRounding = 6;
  s.PopupRounding = 6;
  s.GrabRounding = 6;
  s.TabRounding = 6;
  s.ScrollbarSize = 12;
  s.ScrollbarRounding = 6;
  s.FrameBorderSize = 1;
  s.PopupBorderSize = 1;

  ImVec4* c = s.Colors;
  c[ImGuiCol_Text] = v4(text);
  c[ImGuiCol_TextDisabled] = v4(muted);
  c[ImGuiCol_WindowBg] = v4(window);
  c[ImGuiCol_ChildBg] = v4(window, 0);
  c[ImGuiCol_PopupBg] = v4(window);
  c[ImGuiCol_Border] = v4(border);
  c[ImGuiCol_FrameBg] = v4(window);
  c[ImGuiCol_FrameBgHovered] = v4(light ? 0xF9FAFB : 0x2A2F3A);
  c[ImGuiCol_FrameBgActive] = v4(light ? 0xF3F4F6 : 0x303644);
  c[ImGuiCol_Button] = v4(panel);
  c[ImGuiCol_ButtonHovered] = v4(light ? 0xE5E7EB : 0x343A46);
  c[ImGuiCol_ButtonActive] = v4(light ? 0xD1D5DB : 0x3F4654);
  c[ImGuiCol_Header] = v4(light ? 0xE8F0FE : 0x1E3A5F);
  c[ImGuiCol_HeaderHovered] = v4(light ? 0xF3F6FB : 0x2A2F3A);
  c[ImGuiCol_HeaderActive] = v4(light ? 0xDCE7FD : 0x234876);
  c[ImGuiCol_TableHeaderBg] = v4(panel);
  c[ImGuiCol_TableBorderStrong] = v4(border);
  c[ImGuiCol_TableBorderLight] = v4(border);
  c[ImGuiCol_TableRowBg] = v4(window, 0);
  c[ImGuiCol_TableRowBgAlt] = v4(window, 0);
  c[ImGuiCol_ScrollbarBg] = v4(window, 0);
  c[ImGuiCol_ScrollbarGrab] = v4(light ? 0xD1D5DB : 0x4B5563);
  c[ImGuiCol_ScrollbarGrabHovered] = v4(light ? 0x9CA3AF : 0x6B7280);
  c[ImGuiCol_ScrollbarGrabActive] = v4(light ? 0x6B7280 : 0x9CA3AF);
  c[ImGuiCol_CheckMark] = v4(accent);
  c[ImGuiCol_SliderGrab] = v4(accent);
  c[ImGuiCol_TextSelectedBg] = v4(accent, 0.25f);
  c[ImGuiCol_NavHighlight] = v4(accent, 0.6f);
  c[ImGuiCol_Separator] = v4(border);
  c[ImGuiCol_ResizeGrip] = v4(border, 0);
  c[ImGuiCol_ModalWindowDimBg] = v4(light ? 0x0F172A : 0x000000, light ? 0.35f : 0.55f);
}

float font_px(const ImFont* font) {
  return font->FontSize * ImGui::GetIO().FontGlobalScale;
}

ImVec2 text_size(const ImFont* font, std::string_view text) {
  return font->CalcTextSizeA(font_px(font), FLT_MAX, 0, text.data(), text.data() + text.size());
}

void draw_text(ImDrawList* dl, const ImFont* font, ImVec2 pos, ImU32 color, std::string_view text) {
  dl->AddText(font, font_px(font), pos, color, text.data(), text.data() + text.size());
}

void draw_text_fit(ImDrawList* dl, const ImFont* font, ImVec2 pos, float width, ImU32 color,
                   std::string_view text) {
  if (width <= 0) return;
  const float size = font_px(font);
  const char* begin = text.data();
  const char* end = begin + text.size();
  if (font->CalcTextSizeA(size, FLT_MAX, 0, begin, end).x <= width) {
    dl->AddText(font, size, pos, color, begin, end);
    return;
  }
  const float ellipsis = font->CalcTextSizeA(size, FLT_MAX, 0, "…").x;
  const char* cut = end;
  font->CalcTextSizeA(size, width - ellipsis, 0, begin, end, &cut);
  std::string shown(begin, cut);
  shown += "…";
  dl->AddText(font, size, pos, color, shown.data(), shown.data() + shown.size());
}

const Palette& palette() {
  return g_palette;
}
Fonts& fonts() {
  return g_fonts;
}

}  // namespace ui
