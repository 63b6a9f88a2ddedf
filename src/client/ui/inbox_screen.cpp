// Lays out the screen and draws the header: mode tabs with counts, search,
// the settings gear; narrow screens get a two-row header and the compact list.
#include "ui/inbox_screen.hpp"

#include <algorithm>
#include <cmath>
#include <optional>

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
constexpr float kSearchBoxHeight = 31.0f;  // the search field: 15 px of text, 8 above and below
constexpr float kDialogShare = 0.45f;      // of the width, when a dialog is open
constexpr float kDialogShareBesideSidebar = 0.38f;
constexpr float kNarrowWidth = 720.0f;     // below it: the narrow header
constexpr float kTabsLeft = 110.0f;        // the wide header's tabs, after the title
constexpr float kSearchMinWidth = 140.0f;  // the wide header's search box, at its smallest
constexpr core::DialogMode kModes[] = {core::DialogMode::New, core::DialogMode::Accepted,
                                       core::DialogMode::Archived};
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
// A tab's parts and their widths.
struct ModeTab {
  ImFont* font;
  std::string text, total, unread;
  float tw, cw, uw, pad, width;
};

ModeTab mode_tab(core::DialogMode mode, const app::ModeCount& count, bool current, app::Locale l,
                 bool compact) {
  ModeTab t;
  t.font = compact ? (current ? fonts().bold : fonts().small)
                   : (current ? fonts().bold : fonts().regular);
  ImFont* small = fonts().small;
  t.text = mode_label(mode, l, compact);
  t.total = compact ? "" : std::to_string(count.total);
  t.unread = count.unread > 0 ? (count.unread > 999 ? "999+" : std::to_string(count.unread)) : "";
  t.tw = text_size(t.font, t.text).x;
  t.cw = compact ? -8 : text_size(small, t.total).x;
  t.uw = t.unread.empty() ? 0 : std::max(20.0f, text_size(small, t.unread).x + 10);
  t.pad = compact ? 12 : 20;
  t.width = t.tw + 8 + t.cw + (t.uw > 0 ? t.uw + (compact ? 4 : 8) : 0) + t.pad;
  return t;
}

void draw_mode_tab(core::DialogMode mode, const app::ModeCount& count, bool current, app::Locale l,
                   bool compact, app::Intents& intents) {
  const Palette& p = palette();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImFont* small = fonts().small;
  const ModeTab tab = mode_tab(mode, count, current, l, compact);
  const std::string& text = tab.text;
  const std::string& total = tab.total;
  const std::string& unread = tab.unread;
  ImFont* font = tab.font;
  const float tw = tab.tw, cw = tab.cw, uw = tab.uw, pad = tab.pad, width = tab.width;
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  ImGui::PushID(mode_key(mode));
  // A tab switches on the press, as a browser's tabs do: the list is asked for
  // a frame sooner.
  if (ImGui::InvisibleButton("tab", ImVec2(width, kHeaderHeight),
                             ImGuiButtonFlags_PressedOnClick)) {
    intents.mode = mode;
  }
  const bool hovered = ImGui::IsItemHovered();
  const std::string counts = total + (unread.empty() ? "" : ", " + unread);
  widgets().publish_item(std::string("tab:") + mode_key(mode), text, selectable(current, counts));
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

// The live connection (a dot and a word) or the last failure; none before the
// stream first opens.
struct Connection {
  std::string text;
  ImU32 dot = 0, color = 0;
};

std::optional<Connection> connection_of(const net::Status& status, app::Locale locale) {
  const bool ru = locale == app::Locale::Ru;
  if (!status.error.empty() || !status.code.empty()) {
    const ImU32 red = palette().overdue;
    return Connection{app::problem_text(status.code, status.error, locale), red, red};
  }
  if (status.live == net::Live::Online) {
    return Connection{ru ? "Онлайн" : "Online", rgb(0x22C55E), palette().text_muted};
  }
  if (status.live == net::Live::Reconnecting) {
    return Connection{ru ? "Переподключение…" : "Reconnecting…", rgb(0xF59E0B),
                      palette().text_muted};
  }
  return std::nullopt;
}

// The connection's width in the header: the dot, its gap and the words.
float connection_width(const Connection& c) {
  return 16 + text_size(fonts().small, c.text).x;
}

// Right-aligned at `right`, in at most `width` (a long failure ends in «…»).
void draw_connection(const Connection& c, ImVec2 right, float height, float width) {
  ImFont* small = fonts().small;
  const float tw = std::min(text_size(small, c.text).x, width - 16);
  if (tw <= 0) return;
  const float cy = right.y + height / 2;
  const float x = right.x - tw;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddCircleFilled(ImVec2(x - 10, cy), 4, c.dot);
  draw_text_fit(dl, small, ImVec2(x, cy - font_px(small) / 2), tw, c.color, c.text);
  widgets().publish("connection", c.text, x - 16, right.y, tw + 16, height);
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
  const app::ListView& list = ctx.app.list();
  const std::optional<Connection> connection = connection_of(ctx.app.status(), ctx.locale);
  const float connection_w = connection ? connection_width(*connection) + 16 : 0;
  // Narrow also when the wide header's parts do not fit in one row.
  float wide_header_w = kTabsLeft + 16 + connection_w + kSearchMinWidth + 48 +
                        (state.settings ? kSettingsButtonWidth + 6 : 0);
  for (core::DialogMode mode : kModes) {
    wide_header_w += mode_tab(mode, list.page.counts[static_cast<int>(mode)],
                              list.query.mode == mode, ctx.locale, false)
                         .width;
  }
  const bool narrow = width < kNarrowWidth || width < wide_header_w;
  const float header_h = kHeaderHeight + (narrow ? kSearchRowHeight : 0);
  dl->AddRectFilled(origin, ImVec2(origin.x + width, origin.y + header_h), p.panel_bg);
  dl->AddLine(ImVec2(origin.x, origin.y + header_h - 1),
              ImVec2(origin.x + width, origin.y + header_h - 1), p.border);
  float right = origin.x + width;
  if (state.settings) {
    draw_settings_menu(*state.settings, ImVec2(right - 6, origin.y), kHeaderHeight,
                       state.settings_choice);
    if (state.settings->can_manage_account || state.account.open || state.account.opening) {
      draw_account_settings({ctx.app, ctx.locale, state.settings->can_manage_channels},
                            state.account, intents);
      if (state.account.open_channels) {  // the Sources section's way to the channel screen
        state.account.open_channels = false;
        state.channels.opening = true;
      }
    }
    if (state.settings->has_profile || state.profile.open) {
      draw_profile_window(ctx.app, ctx.locale, state.profile, ctx.pictures, intents);
    }
    if (state.settings->can_manage_channels || state.channels.open) {
      draw_channels_dialog(ctx.app, ctx.locale, state.server_url, state.channels, intents);
    }
    right -= kSettingsButtonWidth + 6;
  }
  float tabs_x = origin.x + 4;
  if (!narrow) {
    ImFont* title = fonts().title;
    const char* title_text = ctx.locale == app::Locale::Ru ? "Чаты" : "Chats";
    draw_text(dl, title, ImVec2(origin.x + 20, origin.y + (kHeaderHeight - font_px(title)) / 2),
              p.text, title_text);
    tabs_x = origin.x + kTabsLeft;
  }
  ImGui::SetCursorScreenPos(ImVec2(tabs_x, origin.y));
  for (core::DialogMode mode : kModes) {
    draw_mode_tab(mode, list.page.counts[static_cast<int>(mode)], list.query.mode == mode,
                  ctx.locale, narrow, intents);
  }
  const float tabs_end = ImGui::GetCursorScreenPos().x;
  if (narrow) {
    if (connection) {
      draw_connection(*connection, ImVec2(right - 12, origin.y), kHeaderHeight,
                      right - 12 - (tabs_end + 8));
    }
    // The search row ends in the shortcuts button, as the wide header does.
    ImGui::SetCursorScreenPos(ImVec2(origin.x + 12, origin.y + kHeaderHeight));
    draw_search(state, ctx.locale, width - 24 - 40, intents);
    ImGui::SetCursorScreenPos(ImVec2(origin.x + width - 12 - 32, origin.y + kHeaderHeight));
    draw_shortcuts_button(state.shortcuts, ctx.locale, kSearchBoxHeight);
  } else {
    ImGui::SetCursorScreenPos(ImVec2(right - 40, origin.y));
    draw_shortcuts_button(state.shortcuts, ctx.locale, kHeaderHeight);
    // The connection keeps its room after the tabs; the search box gives way
    // (300 px down to kSearchMinWidth) where the header is short.
    const float search_right = right - 48;
    const float search_x = std::min(std::max(tabs_end + 16 + connection_w, search_right - 300),
                                    search_right - kSearchMinWidth);
    ImGui::SetCursorScreenPos(ImVec2(search_x, origin.y + 12));
    draw_search(state, ctx.locale, search_right - search_x, intents);
    if (connection) {
      draw_connection(*connection, ImVec2(search_x - 16, origin.y), kHeaderHeight,
                      search_x - 16 - (tabs_end + 16));
    }
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
         app::presence_line(present, ctx.app.directory(), ctx.locale), typing, ctx.pictures,
         ctx.app.operator_id()},
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
