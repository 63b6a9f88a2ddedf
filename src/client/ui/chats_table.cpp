// Draws the visible rows only (ImGuiListClipper); ids come from dialog ids so
// sorting and live updates keep selection and hover where they were.
#include "ui/chats_table.hpp"

#include <algorithm>
#include <string>

#include <imgui.h>
#include <imgui_internal.h>

#include "app/list_window.hpp"
#include "app/phone.hpp"
#include "app/presence_text.hpp"
#include "app/task_form.hpp"
#include "ui/avatar.hpp"
#include "ui/controls.hpp"
#include "ui/icons.hpp"
#include "ui/status_picker.hpp"
#include "ui/theme.hpp"
#include "ui/widget_registry.hpp"

namespace ui {
namespace {

constexpr float kRowHeight = 58.0f;
constexpr float kAvatar = 38.0f;
constexpr float kNarrowWidth = 900.0f;

enum Column { kSelect, kClient, kStatus, kResponse, kPrice, kTasks, kResponsible, kTags, kSource };

// A rounded chip with coloured text; returns its width.
float draw_chip(ImDrawList* dl, ImVec2 pos, std::uint32_t color, const std::string& text,
                float max_width) {
  ImFont* font = fonts().small;
  const ImVec2 size = text_size(font, text);
  const float w = std::min(size.x + 14, max_width);
  const float h = font_px(font) + 8;
  dl->AddRectFilled(pos, ImVec2(pos.x + w, pos.y + h), tint(color, 0.16f), h / 2);
  draw_text_fit(dl, font, ImVec2(pos.x + 7, pos.y + 4), w - 14, rgb(color), text);
  return w;
}

void draw_client_cell(const TableContext& ctx, const core::DialogRow& row, ImVec2 min,
                      float width) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const Palette& p = palette();
  draw_avatar(dl, ImVec2(min.x + kAvatar / 2 + 2, min.y + kRowHeight / 2), kAvatar, row,
              ctx.pictures, "avatar:" + std::to_string(row.dialog.id));

  const float x = min.x + kAvatar + 14;
  const float right = min.x + width;
  const std::string when =
      app::format_message_time(row.dialog.last_message_at, ctx.now, ctx.utc_offset_ms, ctx.locale);
  ImFont* small = fonts().small;
  const float when_w = text_size(small, when).x;
  draw_text(dl, small, ImVec2(right - when_w, min.y + 11), p.text_muted, when.c_str());

  const std::string name = client_name(row.client);
  const bool unread = row.dialog.unread > 0;
  ImFont* name_font = unread ? fonts().bold : fonts().regular;
  draw_text_fit(dl, name_font, ImVec2(x, min.y + 8), right - x - when_w - 8, p.text, name);
  // Found by the phone: the number beside the name, as the operator typed it in.
  const std::string phone = app::phone_match(row.client, ctx.list.query.filter.search);
  if (!phone.empty() && phone != name) {
    const float after = x + text_size(name_font, name).x + 8;
    if (after < right - when_w - 8) {
      draw_text_fit(dl, small, ImVec2(after, min.y + 10), right - when_w - 8 - after, p.text_muted,
                    phone);
    }
  }

  float preview_right = right;
  if (unread) {
    const std::string n = row.dialog.unread > 99 ? "99+" : std::to_string(row.dialog.unread);
    const ImVec2 ns = text_size(small, n);
    const float bw = std::max(ns.x + 10, 20.0f);
    const ImVec2 b0(right - bw, min.y + 31);
    dl->AddRectFilled(b0, ImVec2(right, b0.y + 20), p.accent, 10);
    draw_text(dl, small, ImVec2(b0.x + (bw - ns.x) / 2, b0.y + 2), p.accent_text, n.c_str());
    preview_right = b0.x - 8;
  }
  std::string preview = row.dialog.last_message;
  if (!row.dialog.answered && row.dialog.last_outbound_at > row.dialog.last_inbound_at) {
    preview = (ctx.locale == app::Locale::Ru ? "Вы: " : "You: ") + preview;
  }
  const RowPresence present = row_presence(ctx, row.dialog.id);
  float px = x;
  if (present.state == core::PresenceState::Typing) {
    draw_text_fit(dl, fonts().regular, ImVec2(x, min.y + 31), preview_right - x, p.accent,
                  present.text);
    widgets().publish("row:" + std::to_string(row.dialog.id) + ":presence", present.text, x,
                      min.y + 31, preview_right - x, 20);
    return;
  }
  if (present.state == core::PresenceState::Viewing) {
    draw_text(dl, small, ImVec2(x, min.y + 33), p.accent, icon::kEye);
    widgets().publish("row:" + std::to_string(row.dialog.id) + ":presence", present.text, x,
                      min.y + 31, 18, 20);
    px += 20;
  }
  draw_text_fit(dl, fonts().regular, ImVec2(px, min.y + 31), preview_right - px,
                unread ? p.text : p.text_muted, preview);
}

}  // namespace

RowPresence row_presence(const TableContext& ctx, core::Id dialog) {
  RowPresence out;
  if (!ctx.presence || ctx.presence->empty()) return out;
  const std::vector<core::Presence> present = ctx.presence->in_dialog(dialog, ctx.now);
  if (present.empty()) return out;
  out.state = present.front().state;
  out.text = app::presence_line(present, ctx.directory, ctx.locale);
  return out;
}

namespace {

std::string operator_name(const core::Directory& dir, core::Id id) {
  const core::Operator* op = dir.find_operator(id);
  return op ? op->name : std::string();
}

void draw_row(const TableContext& ctx, const core::DialogRow& row, app::Intents& intents) {
  const core::Dialog& d = row.dialog;
  const Palette& p = palette();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImGui::PushID(static_cast<int>(d.id));
  ImGui::TableNextRow(ImGuiTableRowFlags_None, kRowHeight);

  // Selection column: the row-wide selectable sits under the checkbox.
  ImGui::TableSetColumnIndex(kSelect);
  const bool selected = ctx.list.selection.contains(d.id);
  const ImVec2 row_min = ImGui::GetCursorScreenPos();
  if (ImGui::Selectable("##row", selected,
                        ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap,
                        ImVec2(0, kRowHeight))) {
    intents.click_row = d.id;
    intents.toggle = ImGui::GetIO().KeyCtrl;
    intents.extend = ImGui::GetIO().KeyShift;
  }
  widgets().publish_item("row:" + std::to_string(d.id), client_name(row.client),
                         selectable(selected));
  ImGui::SetCursorScreenPos(ImVec2(row_min.x + 8, row_min.y + (kRowHeight - 20) / 2));
  bool check = selected;
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(2, 2));
  if (ImGui::Checkbox("##sel", &check)) {
    intents.click_row = d.id;
    intents.toggle = true;
  }
  ImGui::PopStyleVar();

  if (ImGui::TableSetColumnIndex(kClient)) {
    draw_client_cell(ctx, row, ImVec2(ImGui::GetCursorScreenPos().x, row_min.y),
                     ImGui::GetContentRegionAvail().x);
  }
  const float text_y = row_min.y + (kRowHeight - ImGui::GetTextLineHeight()) / 2;
  auto cell_pos = [text_y]() { return ImVec2(ImGui::GetCursorScreenPos().x, text_y); };
  auto cell_width = []() { return ImGui::GetContentRegionAvail().x; };

  if (ImGui::TableSetColumnIndex(kStatus)) {
    // The status is edited in place: a click on the cell opens the picker.
    const ImVec2 chip(cell_pos().x, text_y - 4);
    const float w = cell_width();
    const core::FunnelStatus* s = ctx.directory.find_status(d.status_id);
    float hit_w = 28;  // the chip, or the dash: the rest of the cell opens the dialog
    if (s) {
      hit_w = draw_status_chip(dl, chip, *s, w);
    } else {
      dl->AddText(cell_pos(), p.text_muted, "—");
    }
    ImGui::SetCursorScreenPos(ImVec2(chip.x - 4, chip.y - 2));
    if (ImGui::InvisibleButton("status", ImVec2(std::max(std::min(hit_w, w) + 8, 1.0f),
                                                font_px(fonts().small) + 12))) {
      request_status_picker(d.id, d.status_id, ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    }
    if (ImGui::IsItemHovered()) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    widgets().publish_item("status-cell:" + std::to_string(d.id), s ? s->name : "");
  }
  if (ImGui::TableSetColumnIndex(kResponse)) {
    const std::string text =
        d.response_time_ms >= 0 ? app::format_duration(d.response_time_ms, ctx.locale) : "—";
    dl->AddText(cell_pos(), d.response_time_ms >= 0 ? p.text : p.text_muted, text.c_str());
  }
  if (ImGui::TableSetColumnIndex(kPrice)) {
    const std::string text = d.price ? app::format_price(d.price, ctx.locale) : "—";
    dl->AddText(cell_pos(), d.price ? p.text : p.text_muted, text.c_str());
  }
  if (ImGui::TableSetColumnIndex(kTasks)) {
    if (const core::Task* open = app::next_task(d)) {
      const ImVec2 pos = cell_pos();
      const bool late = app::overdue(*open, ctx.now);
      draw_text_fit(dl, fonts().regular, ImVec2(pos.x, row_min.y + 10), cell_width(),
                    late ? p.overdue : p.text, open->text);
      const std::string left = open->due > 0 ? app::format_time_left(open->due, ctx.now, ctx.locale)
                                             : tr(ctx.locale, "без срока", "no due date");
      draw_text_fit(dl, fonts().small, ImVec2(pos.x, row_min.y + 32), cell_width(),
                    late ? p.overdue : p.text_muted, left);
    } else {
      dl->AddText(cell_pos(), p.text_muted, "—");
    }
  }
  if (ImGui::TableSetColumnIndex(kResponsible)) {
    const std::string who = operator_name(ctx.directory, d.responsible_id);
    draw_text_fit(dl, fonts().regular, cell_pos(), cell_width(),
                  who.empty() ? p.text_muted : p.text, who.empty() ? "—" : who);
  }
  if (ImGui::TableSetColumnIndex(kTags)) {
    float x = cell_pos().x;
    const float right = x + cell_width();
    for (core::Id tag_id : d.tag_ids) {
      const core::Tag* tag = ctx.directory.find_tag(tag_id);
      if (!tag || x + 24 > right) continue;
      x += draw_chip(dl, ImVec2(x, text_y - 4), tag->color, tag->name, right - x) + 4;
    }
    if (d.tag_ids.empty()) dl->AddText(cell_pos(), p.text_muted, "—");
  }
  if (ImGui::TableSetColumnIndex(kSource)) {
    if (const core::Source* s = ctx.directory.find_source(d.source_id)) {
      const icon::ChannelLook look = icon::channel_look(s->channel);
      const ImVec2 pos = cell_pos();
      draw_text(dl, fonts().regular, pos, rgb(look.color), look.glyph);
      draw_text_fit(dl, fonts().regular, ImVec2(pos.x + 22, pos.y), cell_width() - 22, p.text,
                    s->name);
    }
  }
  ImGui::PopID();
}

// A row whose window has not arrived: soft bars where the client's name and text go.
void draw_placeholder_row(int index, const std::string& error) {
  ImGui::TableNextRow(ImGuiTableRowFlags_None, kRowHeight);
  ImGui::TableSetColumnIndex(kSelect);
  const ImVec2 min = ImGui::GetCursorScreenPos();
  if (!ImGui::TableSetColumnIndex(kClient)) return;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImU32 fill = palette().row_hover;
  const float x = ImGui::GetCursorScreenPos().x;
  const float w = ImGui::GetContentRegionAvail().x;
  dl->AddCircleFilled(ImVec2(x + kAvatar / 2 + 2, min.y + kRowHeight / 2), kAvatar / 2, fill);
  if (!error.empty()) {  // the window failed: say why where its rows would be
    draw_text_fit(dl, fonts().regular, ImVec2(x, min.y + (kRowHeight - 18) / 2), w,
                  palette().overdue, error);
    return;
  }
  const float bar = 0.35f + 0.2f * static_cast<float>(index % 3) / 2;  // a little variety
  dl->AddRectFilled(ImVec2(x + kAvatar + 14, min.y + 13),
                    ImVec2(x + kAvatar + 14 + w * bar, min.y + 25), fill, 6);
  dl->AddRectFilled(ImVec2(x + kAvatar + 14, min.y + 35),
                    ImVec2(x + kAvatar + 14 + w * (bar + 0.25f), min.y + 45), fill, 5);
}

// Said in the middle of an empty view, so that it does not look broken.
void draw_empty(app::Locale l) {
  const ImVec2 min = ImGui::GetWindowPos();
  const ImVec2 size = ImGui::GetWindowSize();
  const std::string text = tr(l, "Нет диалогов по этим условиям", "No dialogs match");
  const ImVec2 ts = text_size(fonts().regular, text);
  const ImVec2 pos(min.x + (size.x - ts.x) / 2, min.y + size.y * 0.3f);
  // Above the table's own window (its column lines), but never over a popup.
  if (ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId | ImGuiPopupFlags_AnyPopupLevel)) return;
  draw_text(ImGui::GetForegroundDrawList(), fonts().regular, pos, palette().text_muted, text);
  widgets().publish("list:empty", text, pos.x, pos.y, ts.x, ts.y);
}

// The header's checkbox: selects every loaded row, or clears any selection.
void draw_select_all(const app::ListView& list, app::Intents& intents) {
  const app::Selection& sel = list.selection;
  bool all = !sel.empty() && (sel.all_matching() || sel.size() >= list.page.rows.size());
  const ImVec2 at = ImGui::GetCursorScreenPos();
  ImGui::SetCursorScreenPos(ImVec2(at.x + 8, at.y + 7));
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(2, 2));
  if (ImGui::Checkbox("##select-all", &all)) {
    if (sel.empty()) {
      intents.list.select_loaded = true;
    } else {
      intents.list.clear_selection = true;
    }
  }
  ImGui::PopStyleVar();
  widgets().publish_item("select:all", "select all", checkable(all));
}

core::SortKey sort_key_of(ImGuiID column) {
  switch (column) {
    case kResponse:
      return core::SortKey::ResponseTime;
    case kPrice:
      return core::SortKey::Price;
    default:
      return core::SortKey::LastMessage;
  }
}

int column_of(core::SortKey key) {
  switch (key) {
    case core::SortKey::ResponseTime:
      return kResponse;
    case core::SortKey::Price:
      return kPrice;
    default:
      return kClient;
  }
}

bool same_sort(const core::Sort& a, const core::Sort& b) {
  return a.key == b.key && a.descending == b.descending;
}

// The list is sorted as its query says: by a link, the host, or the operator's
// click on a header. The table shows that sort. A sort the table brings by
// itself (when it is made, or with the operator's saved layout) is taken only
// while the query has the default sort: that is how the saved sort comes back.
void follow_sort(const core::Sort& query, bool header_clicked, app::Intents& intents) {
  ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs();
  if (!specs || specs->SpecsCount == 0) return;
  const ImGuiTableColumnSortSpecs& first = specs->Specs[0];
  const core::Sort shown{sort_key_of(first.ColumnUserID),
                         first.SortDirection == ImGuiSortDirection_Descending};
  if (specs->SpecsDirty) {
    specs->SpecsDirty = false;
    if (header_clicked || same_sort(query, core::Sort{})) {
      if (!same_sort(shown, query)) intents.sort = shown;
      return;
    }
  }
  if (!same_sort(shown, query)) {
    ImGui::TableSetColumnSortDirection(
        column_of(query.key),
        query.descending ? ImGuiSortDirection_Descending : ImGuiSortDirection_Ascending, false);
  }
}

}  // namespace

bool draw_chats_table(const TableContext& ctx, app::ScrollSettle& scroll, app::Intents& intents) {
  const app::Locale l = ctx.locale;
  const ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_Resizable |
                                ImGuiTableFlags_Reorderable | ImGuiTableFlags_Hideable |
                                ImGuiTableFlags_Sortable | ImGuiTableFlags_BordersInnerH |
                                ImGuiTableFlags_SizingStretchProp;
  const float table_width = ImGui::GetContentRegionAvail().x;
  ImGui::PushStyleVar(ImGuiStyleVar_CellPadding, ImVec2(10, 0));
  if (!ImGui::BeginTable("chats", 9, flags, ImGui::GetContentRegionAvail())) {
    ImGui::PopStyleVar();
    return false;
  }
  const ImGuiTableColumnFlags none = ImGuiTableColumnFlags_NoSort;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("##select",
                          none | ImGuiTableColumnFlags_NoResize | ImGuiTableColumnFlags_NoReorder |
                              ImGuiTableColumnFlags_NoHide | ImGuiTableColumnFlags_WidthFixed,
                          30, kSelect);
  ImGui::TableSetupColumn(tr(l, "Клиент", "Client"),
                          ImGuiTableColumnFlags_NoHide | ImGuiTableColumnFlags_DefaultSort |
                              ImGuiTableColumnFlags_PreferSortDescending,
                          4.2f, kClient);
  ImGui::TableSetupColumn(tr(l, "Статус воронки", "Funnel status"), none, 1.6f, kStatus);
  ImGui::TableSetupColumn(tr(l, "Время ответа", "Response time"),
                          ImGuiTableColumnFlags_PreferSortAscending, 1.0f, kResponse);
  ImGui::TableSetupColumn(tr(l, "Цена", "Price"), ImGuiTableColumnFlags_PreferSortDescending, 0.9f,
                          kPrice);
  ImGui::TableSetupColumn(tr(l, "Задачи", "Tasks"), none, 1.6f, kTasks);
  ImGui::TableSetupColumn(tr(l, "Ответственный", "Responsible"), none, 1.4f, kResponsible);
  ImGui::TableSetupColumn(tr(l, "Теги", "Tags"), none, 1.4f, kTags);
  ImGui::TableSetupColumn(tr(l, "Источник", "Source"), none, 1.6f, kSource);
  // Narrowed by an open dialog, the table keeps the client, status and tags;
  // switched only when the width crosses the line, so the operator's own
  // choice of columns (the header's menu) holds otherwise.
  static int narrow_applied = -1;
  const int narrow = table_width < kNarrowWidth ? 1 : 0;
  if (narrow != narrow_applied) {
    for (int c : {kResponse, kPrice, kTasks, kResponsible, kSource}) {
      ImGui::TableSetColumnEnabled(c, narrow == 0);
    }
    narrow_applied = narrow;
  }

  // Header row, taller than ImGui's default, with muted labels.
  ImGui::TableNextRow(ImGuiTableRowFlags_Headers, 34);
  bool header_clicked = false;
  for (int c = 0; c < 9; ++c) {
    if (!ImGui::TableSetColumnIndex(c)) continue;
    if (c == kSelect) {
      draw_select_all(ctx.list, intents);
      continue;
    }
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + 9);
    ImGui::PushStyleColor(ImGuiCol_Text, palette().text_muted);
    ImGui::TableHeader(ImGui::TableGetColumnName(c));
    header_clicked |= ImGui::IsItemHovered() && ImGui::IsMouseReleased(ImGuiMouseButton_Left);
    ImGui::PopStyleColor();
    if (c != kSelect)
      widgets().publish_item(std::string("column:") + ImGui::TableGetColumnName(c),
                             ImGui::TableGetColumnName(c));
  }

  follow_sort(ctx.list.query.sort, header_clicked, intents);

  // A new query (mode, filter, search, sort) starts at the top of its list.
  static bool was_loading = false;
  if (ctx.list.loading && !was_loading) ImGui::SetScrollY(0);
  was_loading = ctx.list.loading;

  // The scrollbar spans the whole view; rows not loaded yet show as placeholders
  // while their window is fetched.
  const auto& rows = ctx.list.page.rows;
  const int loaded = static_cast<int>(rows.size());
  ImGuiListClipper clipper;
  clipper.Begin(std::max(loaded, ctx.list.page.total), kRowHeight);
  int last_visible = -1;
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      if (i < loaded) {
        draw_row(ctx, rows[i], intents);
      } else {
        draw_placeholder_row(i, i == loaded ? ctx.list.window_error : std::string());
      }
    }
    last_visible = std::max(last_visible, clipper.DisplayEnd - 1);
  }
  // The thumb held, or let go far below the loaded rows: placeholders until
  // the view settles, then the rows under it (list_window.hpp).
  // The scrollbar's id is made in Begin, from the window's own id: the table
  // has pushed its own since, so GetWindowScrollbarID would miss it.
  ImGuiWindow* inner = ImGui::GetCurrentWindow();
  const bool dragging = ImGui::GetActiveID() == ImHashStr("#SCROLLY", 0, inner->ID);
  scroll.observe(ImGui::GetScrollY(), dragging, ctx.now);
  const app::WindowWant want = app::want_window(ctx.list, last_visible, scroll, ctx.now);
  if (want == app::WindowWant::Fetch) {
    intents.list.more_rows = true;
    intents.list.more_rows_size = app::window_size(ctx.list, last_visible);
  }
  ImGui::EndTable();
  if (!ctx.list.loading && ctx.list.page.total == 0) draw_empty(ctx.locale);
  ImGui::PopStyleVar();
  return want == app::WindowWant::Settling;
}

}  // namespace ui
