// Draws the file chip of a bubble (see file_chip.hpp).
#include "ui/file_chip.hpp"

#include <algorithm>

#include "app/attachments.hpp"
#include "ui/controls.hpp"
#include "ui/theme.hpp"
#include "ui/widget_registry.hpp"

namespace ui {
namespace {

constexpr float kIconBox = 34.0f;
constexpr float kPad = 7.0f;
constexpr float kMinWidth = 180.0f;
constexpr const char* kDownload = "\xef\x80\x99";  // U+F019

struct KindLook {
  const char* glyph;
  std::uint32_t color;
};

KindLook kind_look(app::FileKind kind) {
  switch (kind) {
    case app::FileKind::Image:
      return {"\xef\x87\x85", 0x8B5CF6};  // U+F1C5 file-image-o
    case app::FileKind::Pdf:
      return {"\xef\x87\x81", 0xEF4444};  // U+F1C1 file-pdf-o
    case app::FileKind::Document:
      return {"\xef\x87\x82", 0x3B82F6};  // U+F1C2 file-word-o
    case app::FileKind::Spreadsheet:
      return {"\xef\x87\x83", 0x10B981};  // U+F1C3 file-excel-o
    case app::FileKind::Archive:
      return {"\xef\x87\x86", 0xF59E0B};  // U+F1C6 file-archive-o
    case app::FileKind::Audio:
      return {"\xef\x87\x87", 0xEC4899};  // U+F1C7 file-audio-o
    case app::FileKind::Video:
      return {"\xef\x87\x88", 0x06B6D4};  // U+F1C8 file-video-o
    case app::FileKind::Other:
      break;
  }
  return {"\xef\x80\x96", 0x6B7280};  // U+F016 file-o
}

// The line under the name: the size, or why the file cannot be opened.
std::string detail(const core::Attachment& a, app::Locale locale) {
  if (!app::can_open(a)) return tr(locale, "файл не сохранён", "no copy kept");
  return app::format_size(a.size, locale);
}

}  // namespace

float file_chip_width(const core::Attachment& a, app::Locale locale, float max_width) {
  const float text =
      std::max(text_size(fonts().regular, a.name).x, text_size(fonts().small, detail(a, locale)).x);
  return std::clamp(kPad + kIconBox + 10 + text + 36, std::min(kMinWidth, max_width), max_width);
}

bool draw_file_chip(const std::string& id, const core::Attachment& a, ImVec2 pos, float width,
                    bool on_accent, app::Locale locale) {
  const Palette& p = palette();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const bool openable = app::can_open(a);
  const ImVec2 end(pos.x + width, pos.y + kFileChipHeight);
  ImGui::SetCursorScreenPos(pos);
  const bool clicked =
      ImGui::InvisibleButton(id.c_str(), ImVec2(width, kFileChipHeight)) && openable;
  const bool hovered = openable && ImGui::IsItemHovered();
  if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
  widgets().publish_item(id, a.name);

  // A veil over the bubble's colour: white on the accent, the panel on the light bubble.
  const ImU32 fill =
      on_accent ? rgb(0xFFFFFF, hovered ? 0.26f : 0.16f) : (hovered ? p.row_hover : p.panel_bg);
  dl->AddRectFilled(pos, end, fill, 10);
  const KindLook look = kind_look(app::file_kind(a));
  const ImVec2 box(pos.x + kPad, pos.y + (kFileChipHeight - kIconBox) / 2);
  // On the accent bubble the kind's colour would drown: a white tile, the glyph coloured.
  const ImU32 kind_color = openable ? rgb(look.color) : rgb(0x9CA3AF);
  dl->AddRectFilled(box, ImVec2(box.x + kIconBox, box.y + kIconBox),
                    on_accent ? rgb(0xFFFFFF) : kind_color, 8);
  const ImVec2 gs = text_size(fonts().regular, look.glyph);
  draw_text(dl, fonts().regular,
            ImVec2(box.x + (kIconBox - gs.x) / 2, box.y + (kIconBox - gs.y) / 2),
            on_accent ? kind_color : rgb(0xFFFFFF), look.glyph);

  const ImU32 text = on_accent ? p.accent_text : p.text;
  const ImU32 muted = on_accent ? rgb(0xFFFFFF, 0.75f) : p.text_muted;
  const float x = box.x + kIconBox + 10;
  const float right = end.x - (openable ? 30 : 8);
  dl->PushClipRect(ImVec2(x, pos.y), ImVec2(right, end.y), true);
  draw_text(dl, fonts().regular, ImVec2(x, pos.y + 6), text, a.name);
  draw_text(dl, fonts().small, ImVec2(x, pos.y + 8 + font_px(fonts().regular)), muted,
            detail(a, locale));
  dl->PopClipRect();
  if (openable) {
    const ImVec2 ds = text_size(fonts().regular, kDownload);
    draw_text(dl, fonts().regular, ImVec2(end.x - 10 - ds.x, pos.y + (kFileChipHeight - ds.y) / 2),
              hovered ? text : muted, kDownload);
  }
  if (hovered) {
    ImGui::SetTooltip("%s", tr(locale, "Открыть файл", "Open the file"));
  }
  return clicked;
}

}  // namespace ui
