// The toolbar's selection part: how many dialogs are selected, the bulk
// actions menu, "select all N matching", and the last bulk result.
#include <algorithm>
#include <cfloat>
#include <string>

#include "app/bulk_summary.hpp"
#include "ui/controls.hpp"
#include "ui/icons.hpp"
#include "ui/list_bars.hpp"
#include "ui/theme.hpp"
#include "ui/widget_registry.hpp"

namespace ui {
namespace {

constexpr const char* kCaret = "\xef\x83\x97";  // U+F0D7 caret-down
constexpr float kPillHeight = 34.0f;

core::BulkCommand of(core::BulkAction action) {
  core::BulkCommand c;
  c.action = action;
  return c;
}

void command(core::BulkCommand c, app::Intents& intents) {
  intents.list.bulk = std::move(c);
}

// A menu item with a coloured dot before its label; true when chosen.
bool dot_item(const std::string& id, const std::string& label, std::uint32_t color) {
  const bool chosen = ImGui::MenuItem(("      " + label + "##" + id).c_str());
  widgets().publish_item(id, label);
  const ImVec2 min = ImGui::GetItemRectMin();
  const ImVec2 max = ImGui::GetItemRectMax();
  ImGui::GetWindowDrawList()->AddCircleFilled(ImVec2(min.x + 8, (min.y + max.y) / 2), 5,
                                              rgb(color));
  return chosen;
}

bool item(const std::string& id, const std::string& label) {
  const bool chosen = ImGui::MenuItem((label + "##" + id).c_str());
  widgets().publish_item(id, label);
  return chosen;
}

bool submenu(const std::string& id, const std::string& label) {
  const bool open = ImGui::BeginMenu((label + "##" + id).c_str());
  widgets().publish_item(id, label);
  return open;
}

void bulk_menu(const ListBarsContext& ctx, app::Intents& intents) {
  const app::Locale l = ctx.locale;
  const core::Directory& dir = ctx.app.directory();
  using core::BulkAction;
  if (item("bulk:mark_read", app::bulk_action_label(BulkAction::MarkRead, l))) {
    command(of(BulkAction::MarkRead), intents);
  }
  if (item("bulk:mark_unread", app::bulk_action_label(BulkAction::MarkUnread, l))) {
    command(of(BulkAction::MarkUnread), intents);
  }
  if (submenu("bulk:set_status", app::bulk_action_label(BulkAction::SetStatus, l))) {
    for (const core::FunnelStatus& s : dir.statuses) {
      if (dot_item("bulk:status:" + std::to_string(s.id), s.name, s.color)) {
        core::BulkCommand c = of(BulkAction::SetStatus);
        c.status_id = s.id;
        command(c, intents);
      }
    }
    ImGui::EndMenu();
  }
  if (submenu("bulk:add_tags", app::bulk_action_label(BulkAction::AddTags, l))) {
    for (const core::Tag& t : dir.tags) {
      if (dot_item("bulk:tag:" + std::to_string(t.id), t.name, t.color)) {
        core::BulkCommand c = of(BulkAction::AddTags);
        c.tag_ids = {t.id};
        command(c, intents);
      }
    }
    ImGui::EndMenu();
  }
  if (submenu("bulk:assign", app::bulk_action_label(BulkAction::Assign, l))) {
    if (item("bulk:assign:0", tr(l, "Без ответственного", "Nobody"))) {
      command(of(BulkAction::Assign), intents);
    }
    for (const core::Operator& o : dir.operators) {
      if (!o.active) continue;  // cannot be given dialogs
      if (item("bulk:assign:" + std::to_string(o.id), o.name)) {
        core::BulkCommand c = of(BulkAction::Assign);
        c.operator_id = o.id;
        command(c, intents);
      }
    }
    ImGui::EndMenu();
  }
  if (ctx.app.list().query.mode == core::DialogMode::New) {
    ImGui::Separator();
    if (item("bulk:accept", app::bulk_action_label(BulkAction::Accept, l))) {
      command(of(BulkAction::Accept), intents);
    }
  }
}

// Text beside the pills, cut at `max_width` when it is longer.
void text_at_pill(const std::string& id, const std::string& text, ImU32 color,
                  float max_width = FLT_MAX) {
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  ImFont* font = fonts().regular;
  const ImVec2 size = text_size(font, text);
  const float w = std::max(1.0f, std::min(size.x, max_width));
  ImGui::Dummy(ImVec2(w, kPillHeight));
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->PushClipRect(pos, ImVec2(pos.x + w, pos.y + kPillHeight), true);
  draw_text(dl, font, ImVec2(pos.x, pos.y + (kPillHeight - font_px(font)) / 2), color, text);
  dl->PopClipRect();
  widgets().publish(id, text, pos.x, pos.y, w, kPillHeight);
}

}  // namespace

bool bulk_controls_shown(const ListBarsContext& ctx) {
  const app::BulkView& bulk = ctx.app.bulk();
  return bulk.busy || !ctx.app.list().selection.empty() || !bulk.summary.empty();
}

void draw_bulk_controls(const ListBarsContext& ctx, bool compact, float right,
                        app::Intents& intents) {
  const app::Locale l = ctx.locale;
  const Palette& p = palette();
  const app::ListView& list = ctx.app.list();
  const app::Selection& sel = list.selection;
  const app::BulkView& bulk = ctx.app.bulk();
  if (bulk.busy) {
    text_at_pill("bulk:busy", tr(l, "Выполняется…", "Working…"), p.text_muted);
    return;
  }
  if (sel.empty()) {
    if (bulk.summary.empty()) return;
    // A check or a warning sign before the result line.
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const char* mark = bulk.failed ? "\xef\x81\xb1" : icon::kCheck;  // U+F071 warning
    draw_text(ImGui::GetWindowDrawList(), fonts().regular,
              ImVec2(at.x, at.y + (kPillHeight - font_px(fonts().regular)) / 2),
              bulk.failed ? p.overdue : rgb(0x16A34A), mark);
    ImGui::SetCursorScreenPos(ImVec2(at.x + 22, at.y));
    text_at_pill("bulk:summary", bulk.summary, bulk.failed ? p.overdue : p.text,
                 right - at.x - 22 - 8 - kPillHeight - 8);
    ImGui::SameLine(0, 8);
    if (pill("bulk:dismiss", icon::kClose, PillLook::Plain, kPillHeight)) {
      intents.list.dismiss_bulk_summary = true;
    }
    return;
  }
  const int count = sel.all_matching() ? list.page.total : static_cast<int>(sel.size());
  text_at_pill("toolbar:selected",
               std::string(tr(l, "Выбрано: ", "Selected: ")) + std::to_string(count), p.text);
  ImGui::SameLine(0, 10);
  const std::string label = std::string(compact ? tr(l, "Действия", "Actions")
                                                : tr(l, "Массовые действия", "Bulk actions")) +
                            "  " + kCaret;
  const ImVec2 at = ImGui::GetCursorScreenPos();
  if (pill("toolbar:bulk", label, PillLook::Active, kPillHeight)) ImGui::OpenPopup("bulk-menu");
  const float bottom = ImGui::GetItemRectMax().y;
  ImGui::SetNextWindowPos(ImVec2(at.x, bottom + 6));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(8, 8));
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(8, 10));
  if (ImGui::BeginPopup("bulk-menu")) {
    bulk_menu(ctx, intents);
    ImGui::EndPopup();
  }
  ImGui::PopStyleVar(2);
  const bool all_loaded = sel.size() >= list.page.rows.size();
  if (!sel.all_matching() && all_loaded && list.page.total > static_cast<int>(sel.size())) {
    ImGui::SameLine(0, 10);
    const std::string all =
        compact ? std::string(tr(l, "Все ", "All ")) + std::to_string(list.page.total)
                : std::string(tr(l, "Выбрать все ", "Select all ")) +
                      std::to_string(list.page.total) + tr(l, " подходящих", " matching");
    if (pill("toolbar:select-all-matching", all, PillLook::Plain, kPillHeight)) {
      intents.list.select_all_matching = true;
    }
  }
  ImGui::SameLine(0, 10);
  if (pill("toolbar:clear-selection",
           compact ? std::string(icon::kClose) : tr(l, "Снять выделение", "Clear selection"),
           PillLook::Plain, kPillHeight)) {
    intents.list.clear_selection = true;
  }
}

}  // namespace ui
