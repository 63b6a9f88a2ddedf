// The tags section: add with a colour, rename in place, recolour, delete.
// Ids: "settings:tag:new:name", "settings:tag:new:color", "settings:tag:add",
// "settings:tag:<id>:{name,color,delete}".
#include <cstdio>
#include <string>

#include "app/settings_change.hpp"
#include "ui/controls.hpp"
#include "ui/icons.hpp"
#include "ui/settings_parts.hpp"
#include "ui/theme.hpp"
#include "ui/widget_registry.hpp"

namespace ui {
namespace {

app::SettingsChange save(const core::Tag& tag) {
  app::SettingsChange c;
  c.item = app::SettingsItem::Tag;
  c.tag = tag;
  return c;
}

void tag_row(const SettingsContext& ctx, const core::Tag& tag, AccountSettingsState& s,
             app::Intents& intents) {
  const app::Locale l = ctx.locale;
  const Palette& p = palette();
  const std::string id = "settings:tag:" + std::to_string(tag.id);
  ImGui::PushID(static_cast<int>(tag.id));
  const ImVec2 at = ImGui::GetCursorScreenPos();
  const float w = ImGui::GetContentRegionAvail().x;
  const float h = 40;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(at, ImVec2(at.x + w, at.y + h), p.panel_bg, 8);
  ImGui::SetCursorScreenPos(ImVec2(at.x + 8, at.y + 7));
  if (std::uint32_t c = color_swatch(id + ":color", tag.color)) {
    core::Tag changed = tag;
    changed.color = c;
    intents.settings.push_back(save(changed));
  }
  const float name_w = w - 44 - 48;
  ImGui::SetCursorScreenPos(ImVec2(at.x + 44, at.y + 5));
  if (s.renaming == tag.id) {
    ImGui::SetNextItemWidth(name_w);
    if (!ImGui::IsAnyItemActive()) ImGui::SetKeyboardFocusHere();
    const bool enter = ImGui::InputText("##rename", s.rename, sizeof s.rename,
                                        ImGuiInputTextFlags_EnterReturnsTrue);
    widgets().publish_item(id + ":name", s.rename, WidgetState{"textbox"});
    if (enter || ImGui::IsItemDeactivated()) {
      core::Tag changed = tag;
      changed.name = s.rename;
      if (changed.name != tag.name) intents.settings.push_back(save(changed));
      s.renaming = core::kNoId;
    }
  } else {
    if (ImGui::InvisibleButton("##name", ImVec2(name_w, 30))) {
      s.renaming = tag.id;
      std::snprintf(s.rename, sizeof s.rename, "%s", tag.name.c_str());
    }
    widgets().publish_item(id + ":name", tag.name);
    const bool hovered = ImGui::IsItemHovered();
    if (hovered) ImGui::SetTooltip("%s", tr(l, "Переименовать", "Rename"));
    // Drawn as the list draws a tag: its colour on a tint of it.
    const ImVec2 ts = text_size(fonts().small, tag.name);
    const ImVec2 chip(at.x + 52, at.y + 9);
    dl->AddRectFilled(chip, ImVec2(chip.x + ts.x + 20, chip.y + 22), rgb(tag.color, 0.16f), 11);
    draw_text(dl, fonts().small, ImVec2(chip.x + 10, chip.y + 3), rgb(tag.color), tag.name);
  }
  ImGui::SetCursorScreenPos(ImVec2(at.x + w - 36, at.y + 6));
  if (icon_button(id + ":delete", icon::kClose, tr(l, "Удалить", "Delete"))) {
    app::SettingsChange c = save(tag);
    c.remove = true;
    intents.settings.push_back(c);
  }
  ImGui::PopID();
  end_row(at, w, h + 6);
}

}  // namespace

void draw_tags_section(const SettingsContext& ctx, AccountSettingsState& s, app::Intents& intents) {
  const app::Locale l = ctx.locale;
  section_title(tr(l, "Теги", "Tags"),
                tr(l, "Метки диалогов: по ним фильтруют список и выполняют массовые действия.",
                   "Labels on dialogs: the list filters by them and bulk actions add them."));
  if (std::uint32_t c = color_swatch("settings:tag:new:color", s.new_tag_color)) {
    s.new_tag_color = c;
  }
  ImGui::SameLine();
  ImGui::SetNextItemWidth(280);
  const bool enter =
      ImGui::InputTextWithHint("##new-tag", tr(l, "Новый тег", "New tag"), s.new_tag,
                               sizeof s.new_tag, ImGuiInputTextFlags_EnterReturnsTrue);
  widgets().publish_item("settings:tag:new:name", s.new_tag);
  ImGui::SameLine();
  if (pill("settings:tag:add", tr(l, "Добавить", "Add"), PillLook::Primary, 32) || enter) {
    core::Tag tag;
    tag.name = s.new_tag;
    tag.color = s.new_tag_color;
    const app::SettingsChange c = save(tag);
    if (app::check_settings(c, ctx.app.directory(), ctx.app.operator_id(), l).empty()) {
      s.new_tag[0] = '\0';
    }
    intents.settings.push_back(c);
  }
  ImGui::Spacing();
  ImGui::BeginChild("tags", ImVec2(0, 0), false);
  if (ctx.app.directory().tags.empty()) muted_text(tr(l, "Тегов пока нет", "No tags yet"));
  for (const core::Tag& tag : ctx.app.directory().tags) tag_row(ctx, tag, s, intents);
  ImGui::EndChild();
}

}  // namespace ui
