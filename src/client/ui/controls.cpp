// Controls drawn with the theme's palette and published to the widget registry.
#include "ui/controls.hpp"

#include <imgui_internal.h>

#include "ui/icons.hpp"
#include "ui/theme.hpp"
#include "ui/widget_registry.hpp"

namespace ui {

bool pill(const char* id, const std::string& label, PillLook look, float height) {
  const Palette& p = palette();
  const bool primary = look == PillLook::Primary;
  const bool active = look == PillLook::Active;
  ImGui::PushStyleVar(ImGuiStyleVar_FrameRounding, height / 2);
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(14, (height - ImGui::GetFontSize()) / 2));
  ImGui::PushStyleColor(ImGuiCol_Button, primary  ? p.accent
                                         : active ? p.row_selected
                                                  : p.window_bg);
  ImGui::PushStyleColor(ImGuiCol_ButtonHovered, primary ? rgb(0x1D4ED8) : p.row_hover);
  ImGui::PushStyleColor(ImGuiCol_ButtonActive, primary ? rgb(0x1E40AF) : p.row_selected);
  ImGui::PushStyleColor(ImGuiCol_Text, primary ? p.accent_text : active ? p.selected_text : p.text);
  ImGui::PushStyleColor(ImGuiCol_Border, primary || active ? p.accent : p.border);
  ImGui::PushID(id);
  const bool pressed = ImGui::Button(label.c_str());
  ImGui::PopID();
  widgets().publish_item(id, label);
  ImGui::PopStyleColor(5);
  ImGui::PopStyleVar(2);
  return pressed;
}

bool removable_chip(const std::string& id, const std::string& remove_id, const std::string& label,
                    std::uint32_t color, float height) {
  const Palette& p = palette();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImFont* font = fonts().small;
  const float text_w = text_size(font, label).x;
  const float close_w = 22;
  const float dot_w = color ? 14 : 0;
  const float w = 12 + dot_w + text_w + 4 + close_w;
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  ImGui::PushID(id.c_str());
  ImGui::InvisibleButton("chip", ImVec2(w - close_w, height));
  widgets().publish_item(id, label);
  ImGui::SameLine(0, 0);
  const bool removed = ImGui::InvisibleButton("remove", ImVec2(close_w, height));
  const bool close_hovered = ImGui::IsItemHovered();
  widgets().publish_item(remove_id, "×");
  ImGui::PopID();

  dl->AddRectFilled(pos, ImVec2(pos.x + w, pos.y + height), p.row_selected, height / 2);
  float x = pos.x + 12;
  const float cy = pos.y + height / 2;
  if (color) {
    dl->AddCircleFilled(ImVec2(x + 4, cy), 4, rgb(color));
    x += dot_w;
  }
  draw_text(dl, font, ImVec2(x, cy - font_px(font) / 2), p.text, label);
  const ImVec2 c(pos.x + w - close_w / 2 - 3, cy);
  if (close_hovered) dl->AddCircleFilled(c, 9, p.row_hover);
  const float r = 3.5f;
  dl->AddLine(ImVec2(c.x - r, c.y - r), ImVec2(c.x + r, c.y + r), p.text_muted, 1.5f);
  dl->AddLine(ImVec2(c.x - r, c.y + r), ImVec2(c.x + r, c.y - r), p.text_muted, 1.5f);
  return removed;
}

bool option_row(const std::string& id, const std::string& label, bool checked, const char* glyph,
                std::uint32_t glyph_color, bool dot) {
  const Palette& p = palette();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float h = 30;
  const float w = ImGui::GetContentRegionAvail().x;
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  ImGui::PushID(id.c_str());
  const bool pressed = ImGui::InvisibleButton("option", ImVec2(w, h));
  const bool hovered = ImGui::IsItemHovered();
  ImGui::PopID();
  widgets().publish_item(id, label);
  if (hovered) dl->AddRectFilled(pos, ImVec2(pos.x + w, pos.y + h), p.row_hover, 6);
  // The checkbox, drawn like ImGui's but at the row's centre line.
  const float box = 16;
  const ImVec2 b0(pos.x + 8, pos.y + (h - box) / 2);
  const ImVec2 b1(b0.x + box, b0.y + box);
  if (checked) {
    dl->AddRectFilled(b0, b1, p.accent, 4);
    ImGui::RenderCheckMark(dl, ImVec2(b0.x + 3, b0.y + 3), p.accent_text, box - 6);
  } else {
    dl->AddRect(b0, b1, p.border, 4, 0, 1.5f);
  }
  float x = b1.x + 10;
  const float cy = pos.y + h / 2;
  if (dot) {
    dl->AddCircleFilled(ImVec2(x + 5, cy), 5, rgb(glyph_color));
    x += 18;
  } else if (glyph) {
    draw_text(dl, fonts().regular, ImVec2(x, cy - font_px(fonts().regular) / 2), rgb(glyph_color),
              glyph);
    x += 22;
  }
  draw_text(dl, fonts().regular, ImVec2(x, cy - font_px(fonts().regular) / 2), p.text, label);
  return pressed;
}

bool block_button(const char* label, const char* id, bool primary, float width) {
  const Palette& p = palette();
  ImGui::PushStyleVar(ImGuiStyleVar_FrameRounding, 8);
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(10, 7));
  ImGui::PushStyleColor(ImGuiCol_Button, primary ? p.accent : p.panel_bg);
  ImGui::PushStyleColor(ImGuiCol_ButtonHovered, primary ? rgb(0x1D4ED8) : p.row_hover);
  ImGui::PushStyleColor(ImGuiCol_Text, primary ? p.accent_text : p.text);
  ImGui::PushStyleColor(ImGuiCol_Border, primary ? p.accent : p.border);
  const bool pressed = ImGui::Button((std::string(label) + "##" + id).c_str(), ImVec2(width, 0));
  ImGui::PopStyleColor(4);
  ImGui::PopStyleVar(2);
  widgets().publish_item(id, label);
  return pressed;
}

bool begin_select(const char* id, const char* preview) {
  // The frame's box and window, taken before the combo: once open, its popup is current.
  const ImVec2 at = ImGui::GetCursorScreenPos();
  const float width = ImGui::CalcItemWidth();
  const float height = ImGui::GetFrameHeight();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const bool open = ImGui::BeginCombo(id, preview, ImGuiComboFlags_NoArrowButton);
  ImFont* font = fonts().small;
  draw_text(dl, font, ImVec2(at.x + width - 20, at.y + (height - font_px(font)) / 2),
            palette().text_muted,
            "\xef\x84\x87");  // U+F107 angle down
  return open;
}

std::optional<bool> segmented(const char* id, const char* first, const char* second, bool second_on,
                              const char* first_id, const char* second_id, ImVec2 size) {
  const Palette& p = palette();
  std::optional<bool> picked;
  ImGui::PushID(id);
  const char* labels[] = {first, second};
  const char* ids[] = {first_id, second_id};
  for (int i = 0; i < 2; ++i) {
    const bool on = (i == 1) == second_on;
    ImGui::PushStyleColor(ImGuiCol_Button, on ? p.accent : p.panel_bg);
    // The current one stays filled under the mouse: its light text is unreadable on a hover grey.
    if (on) ImGui::PushStyleColor(ImGuiCol_ButtonHovered, p.accent);
    if (on) ImGui::PushStyleColor(ImGuiCol_ButtonActive, p.accent);
    ImGui::PushStyleColor(ImGuiCol_Text, on ? p.accent_text : p.text);
    ImGui::PushStyleVar(ImGuiStyleVar_FrameRounding, 6);
    if (ImGui::Button(labels[i], size) && !on) picked = i == 1;
    widgets().publish_item(ids[i], labels[i]);
    ImGui::PopStyleVar();
    ImGui::PopStyleColor(on ? 4 : 2);
    if (i == 0) ImGui::SameLine(0, 6);
  }
  ImGui::PopID();
  return picked;
}

}  // namespace ui
