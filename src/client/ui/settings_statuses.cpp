// The funnel statuses section: add, rename in place, recolour, choose the
// group, reorder by dragging the handle (or the arrows), delete — a status in
// use first asks where its dialogs go. Ids: "settings:status:new:name",
// "settings:status:add", "settings:status:<id>:{handle,name,color,group,up,down,delete}",
// "settings:status:delete:{move_to,confirm,cancel}".
#include <cstdio>
#include <cstring>
#include <string>

#include "app/settings_change.hpp"
#include "ui/controls.hpp"
#include "ui/icons.hpp"
#include "ui/settings_parts.hpp"
#include "ui/theme.hpp"
#include "ui/widget_registry.hpp"

namespace ui {
namespace {

constexpr const char* kDragType = "settings-status";
constexpr const char* kHandle = "\xef\x83\x89";  // U+F0C9 bars
constexpr const char* kUp = "\xef\x81\xb7";      // U+F077 chevron up
constexpr const char* kDown = "\xef\x81\xb8";    // U+F078 chevron down
constexpr core::StatusGroup kGroups[] = {core::StatusGroup::Active, core::StatusGroup::Success,
                                         core::StatusGroup::Failure, core::StatusGroup::NotALead};

app::SettingsChange save(const core::FunnelStatus& status) {
  app::SettingsChange c;
  c.item = app::SettingsItem::Status;
  c.status = status;
  return c;
}

void reorder(const std::vector<core::FunnelStatus>& all, std::size_t from, std::size_t to,
             app::Intents& intents) {
  const std::vector<core::FunnelStatus> moved = app::reorder_statuses(all, from, to);
  for (const core::FunnelStatus& s : moved) {
    const core::FunnelStatus* before = nullptr;
    for (const core::FunnelStatus& b : all) {
      if (b.id == s.id) before = &b;
    }
    if (!before || before->order != s.order) intents.settings.push_back(save(s));
  }
}

// Where the dialogs of the status being deleted go, under its row.
void delete_prompt(const SettingsContext& ctx, const core::FunnelStatus& status, int used,
                   AccountSettingsState& s, app::Intents& intents) {
  const app::Locale l = ctx.locale;
  const Palette& p = palette();
  const ImVec2 at = ImGui::GetCursorScreenPos();
  const float w = ImGui::GetContentRegionAvail().x;
  ImGui::GetWindowDrawList()->AddRectFilled(at, ImVec2(at.x + w, at.y + 88), p.row_hover, 8);
  ImGui::SetCursorScreenPos(ImVec2(at.x + 12, at.y + 8));
  const std::string line =
      std::to_string(used) + tr(l, " диалог(ов) в этом статусе. Куда их перенести?",
                                " dialog(s) have this status. Where should they go?");
  ImGui::TextUnformatted(line.c_str());
  ImGui::SetCursorScreenPos(ImVec2(at.x + 12, ImGui::GetCursorScreenPos().y));
  const core::FunnelStatus* target = ctx.app.directory().find_status(s.move_to);
  ImGui::SetNextItemWidth(240);
  if (begin_select("##move-to",
                   target ? target->name.c_str() : tr(l, "Без статуса", "No status"))) {
    if (ImGui::Selectable(tr(l, "Без статуса", "No status"), s.move_to == core::kNoId)) {
      s.move_to = core::kNoId;
    }
    for (const core::FunnelStatus& o : ctx.app.directory().statuses) {
      if (o.id == status.id) continue;
      ImGui::PushID(static_cast<int>(o.id));
      if (ImGui::Selectable(o.name.c_str(), s.move_to == o.id)) s.move_to = o.id;
      widgets().publish_item("settings:status:delete:move_to:" + std::to_string(o.id), o.name);
      ImGui::PopID();
    }
    ImGui::EndCombo();
  }
  widgets().publish_item("settings:status:delete:move_to", target ? target->name : "");
  ImGui::SameLine();
  if (pill("settings:status:delete:confirm", tr(l, "Удалить и перенести", "Delete and move"),
           PillLook::Primary, 32)) {
    app::SettingsChange c;
    c.item = app::SettingsItem::Status;
    c.remove = true;
    c.status.id = status.id;
    c.move_to = s.move_to;
    intents.settings.push_back(c);
    s.deleting_status = core::kNoId;
  }
  ImGui::SameLine();
  if (pill("settings:status:delete:cancel", tr(l, "Отмена", "Cancel"), PillLook::Plain, 32)) {
    s.deleting_status = core::kNoId;
  }
  end_row(at, w, 96);
}

void status_row(const SettingsContext& ctx, const std::vector<core::FunnelStatus>& all,
                std::size_t index, AccountSettingsState& s, app::Intents& intents) {
  const app::Locale l = ctx.locale;
  const Palette& p = palette();
  const core::FunnelStatus& status = all[index];
  const std::string id = "settings:status:" + std::to_string(status.id);
  const int used = ctx.app.settings().usage(status.id);
  ImGui::PushID(static_cast<int>(status.id));
  const ImVec2 at = ImGui::GetCursorScreenPos();
  const float w = ImGui::GetContentRegionAvail().x;
  const float h = 40;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(at, ImVec2(at.x + w, at.y + h), p.panel_bg, 8);

  // The handle: dragged onto another row, the status takes that place.
  ImGui::SetCursorScreenPos(ImVec2(at.x + 4, at.y + 6));
  ImGui::InvisibleButton("##handle", ImVec2(24, 28));
  widgets().publish_item(id + ":handle", status.name);
  if (ImGui::IsItemHovered()) ImGui::SetMouseCursor(ImGuiMouseCursor_ResizeAll);
  draw_text(dl, fonts().regular, ImVec2(at.x + 9, at.y + 10), p.text_muted, kHandle);
  if (ImGui::BeginDragDropSource(ImGuiDragDropFlags_SourceNoPreviewTooltip)) {
    ImGui::SetDragDropPayload(kDragType, &index, sizeof index);
    ImGui::EndDragDropSource();
  }

  ImGui::SetCursorScreenPos(ImVec2(at.x + 30, at.y + 7));
  if (std::uint32_t c = color_swatch(id + ":color", status.color)) {
    core::FunnelStatus changed = status;
    changed.color = c;
    intents.settings.push_back(save(changed));
  }

  const float name_w = w - 30 - 34 - 160 - 110 - 100;
  ImGui::SetCursorScreenPos(ImVec2(at.x + 66, at.y + 5));
  if (s.renaming == status.id) {
    ImGui::SetNextItemWidth(name_w);
    if (ImGui::IsWindowAppearing() || !ImGui::IsAnyItemActive()) ImGui::SetKeyboardFocusHere();
    const bool enter = ImGui::InputText("##rename", s.rename, sizeof s.rename,
                                        ImGuiInputTextFlags_EnterReturnsTrue);
    widgets().publish_item(id + ":name", s.rename, WidgetState{"textbox"});
    if (enter || ImGui::IsItemDeactivated()) {
      core::FunnelStatus changed = status;
      changed.name = s.rename;
      if (changed.name != status.name) intents.settings.push_back(save(changed));
      s.renaming = core::kNoId;
    }
  } else {
    if (ImGui::InvisibleButton("##name", ImVec2(name_w, 30))) {
      s.renaming = status.id;
      std::snprintf(s.rename, sizeof s.rename, "%s", status.name.c_str());
    }
    widgets().publish_item(id + ":name", status.name);
    const bool hovered = ImGui::IsItemHovered();
    if (hovered) ImGui::SetTooltip("%s", tr(l, "Переименовать", "Rename"));
    draw_text_fit(dl, fonts().regular, ImVec2(at.x + 76, at.y + 10), name_w - 20,
                  hovered ? p.accent : p.text, status.name);
  }

  // The group: active, or one of the closing ones that archive a dialog.
  ImGui::SetCursorScreenPos(ImVec2(at.x + 66 + name_w + 8, at.y + 5));
  ImGui::SetNextItemWidth(150);
  if (begin_select("##group", app::status_group_name(status.group, l))) {
    for (core::StatusGroup g : kGroups) {
      ImGui::PushID(static_cast<int>(g));
      if (ImGui::Selectable(app::status_group_name(g, l), g == status.group) && g != status.group) {
        core::FunnelStatus changed = status;
        changed.group = g;
        intents.settings.push_back(save(changed));
      }
      widgets().publish_item(id + ":group:" + std::to_string(static_cast<int>(g)),
                             app::status_group_name(g, l));
      ImGui::PopID();
    }
    ImGui::EndCombo();
  }
  widgets().publish_item(id + ":group", app::status_group_name(status.group, l));

  // How many dialogs have it.
  const std::string count = std::to_string(used) + tr(l, " диал.", " dialogs");
  draw_text(dl, fonts().small, ImVec2(at.x + w - 200, at.y + 12), p.text_muted, count);

  ImGui::SetCursorScreenPos(ImVec2(at.x + w - 100, at.y + 6));
  if (index > 0 && icon_button(id + ":up", kUp, tr(l, "Выше", "Up"))) {
    reorder(all, index, index - 1, intents);
  }
  ImGui::SetCursorScreenPos(ImVec2(at.x + w - 68, at.y + 6));
  if (index + 1 < all.size() && icon_button(id + ":down", kDown, tr(l, "Ниже", "Down"))) {
    reorder(all, index, index + 1, intents);
  }
  ImGui::SetCursorScreenPos(ImVec2(at.x + w - 36, at.y + 6));
  if (icon_button(id + ":delete", icon::kClose, tr(l, "Удалить", "Delete"))) {
    if (used > 0) {
      s.deleting_status = status.id;
      s.move_to = core::kNoId;
    } else {
      app::SettingsChange c;
      c.item = app::SettingsItem::Status;
      c.remove = true;
      c.status.id = status.id;
      intents.settings.push_back(c);
    }
  }

  // The whole row takes a dragged status.
  ImGui::SetCursorScreenPos(at);
  ImGui::Dummy(ImVec2(w, h));
  if (ImGui::BeginDragDropTarget()) {
    if (const ImGuiPayload* payload = ImGui::AcceptDragDropPayload(kDragType)) {
      std::size_t from = 0;
      std::memcpy(&from, payload->Data, sizeof from);
      reorder(all, from, index, intents);
    }
    ImGui::EndDragDropTarget();
  }
  ImGui::PopID();
  ImGui::SetCursorScreenPos(ImVec2(at.x, at.y + h + 6));
  if (s.deleting_status == status.id) delete_prompt(ctx, status, used, s, intents);
}

}  // namespace

void draw_statuses_section(const SettingsContext& ctx, AccountSettingsState& s,
                           app::Intents& intents) {
  const app::Locale l = ctx.locale;
  section_title(tr(l, "Статусы воронки", "Funnel statuses"),
                tr(l,
                   "Этапы сделки по порядку. Статус из группы «Успешно», «Неуспешно» или «Не лид» "
                   "переносит диалог в архив. Порядок меняется перетаскиванием за ручку.",
                   "The stages of a deal, in order. A status of the Success, Failure or Not a "
                   "lead group moves the dialog to the archive. Drag a row by its handle to "
                   "reorder."));
  ImGui::SetNextItemWidth(320);
  const bool enter =
      ImGui::InputTextWithHint("##new-status", tr(l, "Новый статус", "New status"), s.new_status,
                               sizeof s.new_status, ImGuiInputTextFlags_EnterReturnsTrue);
  widgets().publish_item("settings:status:new:name", s.new_status);
  ImGui::SameLine();
  if (pill("settings:status:add", tr(l, "Добавить", "Add"), PillLook::Primary, 32) || enter) {
    core::FunnelStatus status;
    status.name = s.new_status;
    const auto& all = ctx.app.directory().statuses;
    status.order = all.empty() ? 0 : all.back().order + 1;
    status.color = app::kSettingsPalette[all.size() % std::size(app::kSettingsPalette)];
    const app::SettingsChange c = save(status);
    if (app::check_settings(c, ctx.app.directory(), ctx.app.operator_id(), l).empty()) {
      s.new_status[0] = '\0';
    }
    intents.settings.push_back(c);
  }
  ImGui::Spacing();
  ImGui::BeginChild("statuses", ImVec2(0, 0), false);
  const std::vector<core::FunnelStatus>& all = ctx.app.directory().statuses;
  if (all.empty()) muted_text(tr(l, "Статусов пока нет", "No statuses yet"));
  for (std::size_t i = 0; i < all.size(); ++i) status_row(ctx, all, i, s, intents);
  ImGui::EndChild();
}

}  // namespace ui
