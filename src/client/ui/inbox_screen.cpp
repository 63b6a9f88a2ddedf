// Lays out the screen and draws the header: mode tabs with counts, search,
// the settings gear; narrow screens get a two-row header and the compact list.
#include "ui/inbox_screen.hpp"

#include <cmath>

#include <imgui.h>
#include <imgui_internal.h>  // ImGuiButtonFlags_PressedOnClick

#include "app/presence_text.hpp"

#include "app/problem_text.hpp"
#include "ui/chats_table.hpp"
#include "ui/compact_list.hpp"
#include "ui/icons.hpp"
#include "ui/sidebar.hpp"
#include "ui/status_picker.hpp"
#include "ui/theme.hpp"
#include "ui/widget_registry.hpp"

namespace ui {
namespace {

constexpr float kHeaderHeight = 60.0f;
constexpr float kSearchRowHeight = 48.0f;  // narrow screens put the search on its own row
constexpr float kDialogShare = 0.45f;      // of the width, when a dialog is open
constexpr float kDialogShareBesideSidebar = 0.38f;
constexpr float kNarrowWidth = 720.0f;       // below it: the narrow header
constexpr float kCompactListWidth = 820.0f;  // below it: the compact list, not the table
constexpr float kFullDialogWidth = 900.0f;   // below it an open dialog takes the whole width

const char* mode_label(core::DialogMode mode, app::Locale l, bool compact) {
  const bool ru = l == app::Locale::Ru;
  switch (mode) {
    case core::DialogMode::New:
      return ru ? (compact ? "Новые" : "Новые чаты") : "New";
    case core::DialogMode::Accepted:
      return ru ? "Принятые" : "Accepted";
    case core::DialogMode::Archived:
      return ru ? "Архив" : "Archive";
  }
  return "";
}

const char* mode_key(core::DialogMode mode) {
  switch (mode) {
    case core::DialogMode::New:
      return "new";
    case core::DialogMode::Accepted:
      return "accepted";
    case core::DialogMode::Archived:
      return "archived";
  }
  return "";
}

// One mode tab: label, total, and an unread badge; underlined when current.
// Compact tabs (narrow screens) have short labels, no totals and smaller type.
void draw_mode_tab(core::DialogMode mode, const app::ModeCount& count, bool current, app::Locale l,
                   bool compact, app::Intents& intents) {
  const Palette& p = palette();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImFont* font = compact ? (current ? fonts().bold : fonts().small)
                         : (current ? fonts().bold : fonts().regular);
  ImFont* small = fonts().small;
  const std::string text = mode_label(mode, l, compact);
  const std::string total = compact ? "" : std::to_string(count.total);
  const std::string unread =
      count.unread > 0 ? (count.unread > 999 ? "999+" : std::to_string(count.unread)) : "";
  const float tw = text_size(font, text).x;
  const float cw = compact ? -8 : text_size(small, total).x;
  const float uw = unread.empty() ? 0 : std::max(20.0f, text_size(small, unread).x + 10);
  const float pad = compact ? 12 : 20;
  const float width = tw + 8 + cw + (uw > 0 ? uw + (compact ? 4 : 8) : 0) + pad;
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  ImGui::PushID(mode_key(mode));
  // A tab switches on the press, as a browser's tabs do: the list is asked for
  // a frame sooner.
  if (ImGui::InvisibleButton("tab", ImVec2(width, kHeaderHeight),
                             ImGuiButtonFlags_PressedOnClick)) {
    intents.mode = mode;
  }
  const bool hovered = ImGui::IsItemHovered();
  widgets().publish_item(std::string("tab:") + mode_key(mode), text);
  ImGui::PopID();

  const float cy = pos.y + kHeaderHeight / 2;
  float x = pos.x + pad / 2;
  draw_text(dl, font, ImVec2(x, cy - font_px(font) / 2), current || hovered ? p.text : p.text_muted,
            text.c_str());
  x += tw + 8;
  draw_text(dl, small, ImVec2(x, cy - font_px(small) / 2), p.text_muted, total.c_str());
  x += cw + 8;
  if (!unread.empty()) {
    const float uwt = text_size(small, unread).x;
    dl->AddRectFilled(ImVec2(x, cy - 10), ImVec2(x + uw, cy + 10), p.unread_badge, 10);
    draw_text(dl, small, ImVec2(x + (uw - uwt) / 2, cy - font_px(small) / 2), p.accent_text,
              unread.c_str());
  }
  if (current) {
    dl->AddRectFilled(ImVec2(pos.x + 6, pos.y + kHeaderHeight - 3),
                      ImVec2(pos.x + width - 6, pos.y + kHeaderHeight), p.accent, 2);
  }
  ImGui::SameLine(0, 4);
}

void draw_search(ScreenState& state, app::Locale l, float width, app::Intents& intents) {
  const Palette& p = palette();
  ImGui::SetNextItemWidth(width);
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  if (state.shortcuts.focus_search) {
    ImGui::SetKeyboardFocusHere();
    state.shortcuts.focus_search = false;
  }
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(32, 8));
  ImGui::PushStyleVar(ImGuiStyleVar_FrameRounding, 18);
  const char* hint = l == app::Locale::Ru ? "Поиск по клиентам" : "Search clients";
  if (ImGui::InputTextWithHint("##search", hint, state.search, sizeof state.search)) {
    intents.search = state.search;
  }
  widgets().publish_item("search", hint);
  ImGui::PopStyleVar(2);
  ImGui::GetWindowDrawList()->AddText(ImVec2(pos.x + 12, pos.y + 8), p.text_muted, icon::kSearch);
  if (state.search[0] != '\0') {
    ImGui::SameLine(0, 0);
    ImGui::SetCursorScreenPos(ImVec2(pos.x + width - 30, pos.y + 2));
    ImGui::PushStyleColor(ImGuiCol_Button, 0);
    ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, 0);
    if (ImGui::Button(icon::kClose)) {
      state.search[0] = '\0';
      intents.search = std::string();
    }
    widgets().publish_item("search:clear", "×");
    ImGui::PopStyleVar();
    ImGui::PopStyleColor();
  }
}

// The live connection (a dot and a word) or the last failure, right-aligned at `right`.
void draw_connection(const net::Status& status, app::Locale locale, ImVec2 right, float height) {
  const Palette& p = palette();
  const bool ru = locale == app::Locale::Ru;
  std::string text;
  ImU32 dot = rgb(0x22C55E);
  ImU32 color = p.text_muted;
  if (!status.error.empty() || !status.code.empty()) {
    text = app::problem_text(status.code, status.error, locale);
    dot = color = p.overdue;
  } else if (status.live == net::Live::Online) {
    text = ru ? "Онлайн" : "Online";
  } else if (status.live == net::Live::Reconnecting) {
    text = ru ? "Переподключение…" : "Reconnecting…";
    dot = rgb(0xF59E0B);
  } else {
    return;
  }
  ImFont* small = fonts().small;
  const float tw = text_size(small, text).x;
  const float cy = right.y + height / 2;
  const float x = right.x - tw;
  ImGui::GetWindowDrawList()->AddCircleFilled(ImVec2(x - 10, cy), 4, dot);
  draw_text(ImGui::GetWindowDrawList(), small, ImVec2(x, cy - font_px(small) / 2), color,
            text.c_str());
  widgets().publish("connection", text, x - 16, right.y, tw + 16, height);
}

}  // namespace

bool draw_inbox_screen(const ScreenContext& ctx, ScreenState& state, app::Intents& intents) {
  const Palette& p = palette();
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->Pos);
  ImGui::SetNextWindowSize(vp->Size);
  // Settings are saved for the table's columns (platform/layout_store); a table
  // inherits NoSavedSettings from its window, so the window may not have it.
  ImGui::Begin("inbox", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                   ImGuiWindowFlags_NoBringToFrontOnFocus);
  handle_shortcuts(ctx.app, state.shortcuts, state.dialog.composer, intents);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float width = ImGui::GetContentRegionAvail().x;
  const float height = ImGui::GetContentRegionAvail().y;

  // Header: title, mode tabs, search on the right; narrow: tabs, then the search below.
  const bool narrow = width < kNarrowWidth;
  const float header_h = kHeaderHeight + (narrow ? kSearchRowHeight : 0);
  dl->AddRectFilled(origin, ImVec2(origin.x + width, origin.y + header_h), p.panel_bg);
  dl->AddLine(ImVec2(origin.x, origin.y + header_h - 1),
              ImVec2(origin.x + width, origin.y + header_h - 1), p.border);
  float right = origin.x + width;
  if (state.settings) {
    draw_settings_menu(*state.settings, ImVec2(right - 6, origin.y), kHeaderHeight,
                       state.settings_choice);
    right -= kSettingsButtonWidth + 6;
  }
  float tabs_x = origin.x + 4;
  if (!narrow) {
    ImFont* title = fonts().title;
    const char* title_text = ctx.locale == app::Locale::Ru ? "Чаты" : "Chats";
    draw_text(dl, title, ImVec2(origin.x + 20, origin.y + (kHeaderHeight - font_px(title)) / 2),
              p.text, title_text);
    tabs_x = origin.x + 110;
  }
  ImGui::SetCursorScreenPos(ImVec2(tabs_x, origin.y));
  const app::ListView& list = ctx.app.list();
  for (core::DialogMode mode :
       {core::DialogMode::New, core::DialogMode::Accepted, core::DialogMode::Archived}) {
    draw_mode_tab(mode, list.page.counts[static_cast<int>(mode)], list.query.mode == mode,
                  ctx.locale, narrow, intents);
  }
  if (narrow) {
    ImGui::SetCursorScreenPos(ImVec2(origin.x + 12, origin.y + kHeaderHeight));
    draw_search(state, ctx.locale, width - 24, intents);
  } else {
    const float tabs_end = ImGui::GetCursorScreenPos().x;
    ImGui::SetCursorScreenPos(ImVec2(right - 40, origin.y));
    draw_shortcuts_button(state.shortcuts, ctx.locale, kHeaderHeight);
    const float search_x = std::max(tabs_end + 16, right - 360);
    ImGui::SetCursorScreenPos(ImVec2(search_x, origin.y + 12));
    draw_search(state, ctx.locale, 300, intents);
    draw_connection(ctx.app.status(), ctx.locale, ImVec2(search_x - 16, origin.y), kHeaderHeight);
  }

  const float bars_h =
      draw_list_bars({ctx.app, ctx.now, ctx.utc_offset_ms, ctx.locale, state.search[0] != '\0'},
                     ImVec2(origin.x, origin.y + header_h), width, state.bars, intents);
  if (intents.search && intents.search->empty()) state.search[0] = '\0';  // reset all

  // Body: the list (a table, or the compact list when narrow), the open dialog
  // and its sidebar.
  const app::DialogView& dialog = ctx.app.dialog();
  const float body_y = origin.y + header_h + bars_h;
  const float body_h = height - header_h - bars_h;
  const float sidebar_w = dialog.open() ? sidebar_width(width, state.dialog) : 0;
  const float dialog_w =
      !dialog.open() ? 0
      : width < kFullDialogWidth
          ? width - sidebar_w
          : std::floor(width * (sidebar_w > 0 ? kDialogShareBesideSidebar : kDialogShare));
  const float list_w = width - dialog_w - sidebar_w;
  bool settling = false;
  if (list_w > 0) {
    ImGui::SetCursorScreenPos(ImVec2(origin.x, body_y));
    ImGui::BeginChild("table", ImVec2(list_w, body_h), false,
                      ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
    const TableContext table{list,       ctx.app.directory(), ctx.now,     ctx.utc_offset_ms,
                             ctx.locale, &ctx.app.presence(), ctx.pictures};
    if (list_w < kCompactListWidth) {
      settling = draw_compact_list(table, state.table_scroll, intents);
    } else {
      settling = draw_chats_table(table, state.table_scroll, intents);
    }
    ImGui::EndChild();
  }
  if (dialog.open()) {
    const std::vector<core::Presence> present = ctx.app.presence().in_dialog(dialog.id, ctx.now);
    const bool typing = !present.empty() && present.front().state == core::PresenceState::Typing;
    draw_dialog_window(
        {dialog, ctx.app.directory(), ctx.now, ctx.utc_offset_ms, ctx.locale, &ctx.app.outbox(),
         app::presence_line(present, ctx.app.directory(), ctx.locale), typing, ctx.pictures},
        ImVec2(origin.x + width - dialog_w - sidebar_w, body_y), ImVec2(dialog_w, body_h),
        state.dialog, intents);
  }
  if (sidebar_w > 0) {
    draw_sidebar(
        {dialog, ctx.app.directory(), ctx.now, ctx.utc_offset_ms, ctx.locale, ctx.pictures},
        ImVec2(origin.x + width - sidebar_w, body_y), ImVec2(sidebar_w, body_h),
        state.dialog.sidebar, intents);
  }
  draw_status_picker(ctx.app.directory(), ctx.locale, intents);
  draw_shortcuts_overlay(ctx.locale, state.shortcuts);
  ImGui::End();
  const bool toast = draw_toast(ctx.app.notice(), ctx.now, ctx.locale, state.toast);
  return toast || settling;
}

}  // namespace ui
