// Visible rows only (ImGuiListClipper), ids from dialog ids, as in the table.
#include "ui/compact_list.hpp"

#include <algorithm>
#include <string>

#include <imgui.h>
#include <imgui_internal.h>

#include "app/list_window.hpp"
#include "app/phone.hpp"
#include "ui/avatar.hpp"
#include "ui/icons.hpp"
#include "ui/theme.hpp"
#include "ui/widget_registry.hpp"

namespace ui {
namespace {

constexpr float kRowHeight = 62.0f;
constexpr float kAvatar = 36.0f;
constexpr float kPadX = 12.0f;

void draw_compact_row(const TableContext& ctx, const core::DialogRow& row, float width,
                      app::Intents& intents) {
  const core::Dialog& d = row.dialog;
  const Palette& p = palette();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImGui::PushID(static_cast<int>(d.id));
  const ImVec2 min = ImGui::GetCursorScreenPos();
  const bool selected = ctx.list.selection.contains(d.id);
  if (ImGui::Selectable("##row", selected, 0, ImVec2(width, kRowHeight))) {
    intents.click_row = d.id;
    intents.toggle = ImGui::GetIO().KeyCtrl;
    intents.extend = ImGui::GetIO().KeyShift;
  }
  const std::string name = client_name(row.client);
  widgets().publish_item("row:" + std::to_string(d.id), name, selectable(selected));

  draw_avatar(dl, ImVec2(min.x + kPadX + kAvatar / 2, min.y + kRowHeight / 2), kAvatar, row,
              ctx.pictures, "avatar:" + std::to_string(d.id));
  const float x = min.x + kPadX + kAvatar + 10;
  const float right = min.x + width - kPadX;
  ImFont* small = fonts().small;
  const std::string when =
      app::format_message_time(d.last_message_at, ctx.now, ctx.utc_offset_ms, ctx.locale);
  const float when_w = text_size(small, when).x;
  const bool unread = d.unread > 0;
  draw_text(dl, small, ImVec2(right - when_w, min.y + 12), unread ? p.accent : p.text_muted,
            when.c_str());
  draw_text_fit(dl, unread ? fonts().bold : fonts().regular, ImVec2(x, min.y + 9),
                right - when_w - 8 - x, p.text, name);

  float preview_right = right;
  if (unread) {
    const std::string n = d.unread > 99 ? "99+" : std::to_string(d.unread);
    const ImVec2 ns = text_size(small, n);
    const float bw = std::max(ns.x + 10, 20.0f);
    const ImVec2 b0(right - bw, min.y + 33);
    dl->AddRectFilled(b0, ImVec2(right, b0.y + 20), p.accent, 10);
    draw_text(dl, small, ImVec2(b0.x + (bw - ns.x) / 2, b0.y + 2), p.accent_text, n.c_str());
    preview_right = b0.x - 8;
  }
  std::string preview = d.last_message;
  if (!d.answered && d.last_outbound_at > d.last_inbound_at) {
    preview = (ctx.locale == app::Locale::Ru ? "Вы: " : "You: ") + preview;
  }
  // Found by the phone: the number leads the second line.
  const std::string phone = app::phone_match(row.client, ctx.list.query.filter.search);
  if (!phone.empty() && phone != name) preview = phone + "  \xc2\xb7  " + preview;
  const RowPresence present = row_presence(ctx, d.id);
  float px = x;
  if (present.state != core::PresenceState::Left) {
    widgets().publish("row:" + std::to_string(d.id) + ":presence", present.text, x, min.y + 33,
                      preview_right - x, 20);
  }
  if (present.state == core::PresenceState::Typing) {
    draw_text_fit(dl, small, ImVec2(x, min.y + 35), preview_right - x, p.accent, present.text);
  } else {
    if (present.state == core::PresenceState::Viewing) {
      draw_text(dl, small, ImVec2(x, min.y + 35), p.accent, icon::kEye);
      px += 18;
    }
    draw_text_fit(dl, small, ImVec2(px, min.y + 35), preview_right - px,
                  unread ? p.text : p.text_muted, preview);
  }
  dl->AddLine(ImVec2(x, min.y + kRowHeight - 0.5f),
              ImVec2(min.x + width, min.y + kRowHeight - 0.5f), p.border);
  ImGui::PopID();
}

// A row not loaded yet: the avatar and two bars, or why its window failed.
void draw_placeholder(int index, const std::string& error, float width) {
  const ImVec2 min = ImGui::GetCursorScreenPos();
  ImGui::Dummy(ImVec2(width, kRowHeight));
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImU32 fill = palette().row_hover;
  dl->AddCircleFilled(ImVec2(min.x + kPadX + kAvatar / 2, min.y + kRowHeight / 2), kAvatar / 2,
                      fill);
  const float x = min.x + kPadX + kAvatar + 12;
  const float w = min.x + width - kPadX - x;
  if (!error.empty()) {
    draw_text_fit(dl, fonts().small, ImVec2(x, min.y + (kRowHeight - 16) / 2), w, palette().overdue,
                  error);
    return;
  }
  const float bar = 0.35f + 0.2f * static_cast<float>(index % 3) / 2;
  dl->AddRectFilled(ImVec2(x, min.y + 14), ImVec2(x + w * bar, min.y + 25), fill, 6);
  dl->AddRectFilled(ImVec2(x, min.y + 37), ImVec2(x + w * (bar + 0.3f), min.y + 47), fill, 5);
}

}  // namespace

bool draw_compact_list(const TableContext& ctx, app::ScrollSettle& scroll, app::Intents& intents) {
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(0, 0));
  ImGui::BeginChild("compact", ImGui::GetContentRegionAvail(), false);
  const float width = ImGui::GetContentRegionAvail().x;
  const auto& rows = ctx.list.page.rows;
  const int loaded = static_cast<int>(rows.size());
  // The scrollbar spans the whole view; rows past the loaded ones come in
  // windows as the list nears them, as in the table (list_window.hpp).
  ImGuiListClipper clipper;
  clipper.Begin(std::max(loaded, ctx.list.page.total), kRowHeight);
  int last_visible = -1;
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      if (i < loaded) {
        draw_compact_row(ctx, rows[static_cast<std::size_t>(i)], width, intents);
      } else {
        draw_placeholder(i, i == loaded ? ctx.list.window_error : std::string(), width);
      }
    }
    last_visible = std::max(last_visible, clipper.DisplayEnd - 1);
  }
  const bool dragging =
      ImGui::GetActiveID() == ImGui::GetWindowScrollbarID(ImGui::GetCurrentWindow(), ImGuiAxis_Y);
  scroll.observe(ImGui::GetScrollY(), dragging, ctx.now);
  const app::WindowWant want = app::want_window(ctx.list, last_visible, scroll, ctx.now);
  if (want == app::WindowWant::Fetch) {
    intents.list.more_rows = true;
    intents.list.more_rows_size = app::window_size(ctx.list, last_visible);
  }
  if (rows.empty() && !ctx.list.loading) {
    const char* empty = ctx.locale == app::Locale::Ru ? "Здесь пока пусто" : "Nothing here yet";
    const ImVec2 ts = text_size(fonts().regular, empty);
    const ImVec2 at = ImGui::GetWindowPos();
    draw_text(ImGui::GetWindowDrawList(), fonts().regular,
              ImVec2(at.x + (width - ts.x) / 2, at.y + 40), palette().text_muted, empty);
  }
  ImGui::EndChild();
  ImGui::PopStyleVar();
  return want == app::WindowWant::Settling;
}

}  // namespace ui
