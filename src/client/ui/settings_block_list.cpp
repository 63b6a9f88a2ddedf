// The block list section: clients (by id), posts and stop words whose
// messages are dropped, a search over them, adding and removing. Ids:
// "settings:block:kind:<0..2>", "settings:block:value", "settings:block:add",
// "settings:block:search", "settings:block:<id>", "settings:block:<id>:delete".
#include <string>

#include "app/settings_change.hpp"
#include "core/text.hpp"
#include "ui/controls.hpp"
#include "ui/icons.hpp"
#include "ui/settings_parts.hpp"
#include "ui/theme.hpp"
#include "ui/widget_registry.hpp"

namespace ui {

void draw_block_list_section(const SettingsContext& ctx, AccountSettingsState& s,
                             app::Intents& intents) {
  const app::Locale l = ctx.locale;
  const Palette& p = palette();
  const app::SettingsView& view = ctx.app.settings();
  section_title(tr(l, "Чёрный список", "Block list"),
                tr(l,
                   "Сообщения заблокированных клиентов, комментарии к заблокированным постам и "
                   "сообщения со стоп-словами не попадают в «Чаты».",
                   "Messages of blocked clients, comments under blocked posts and messages with "
                   "a stop word never reach the inbox."));
  constexpr app::BlockKind kKinds[] = {app::BlockKind::Client, app::BlockKind::Post,
                                       app::BlockKind::StopWord};
  for (int i = 0; i < 3; ++i) {
    if (i > 0) ImGui::SameLine(0, 4);
    const std::string id = "settings:block:kind:" + std::to_string(i);
    if (pill(id.c_str(), app::block_kind_name(kKinds[i], l),
             s.block_kind == i ? PillLook::Active : PillLook::Plain, 30)) {
      s.block_kind = i;
    }
  }
  const char* hint = s.block_kind == 0 ? tr(l, "Номер клиента (id)", "Client id")
                     : s.block_kind == 1 ? tr(l, "Ссылка или id поста", "Post link or id")
                                         : tr(l, "Слово или фраза", "A word or phrase");
  ImGui::SetNextItemWidth(360);
  const bool enter = ImGui::InputTextWithHint("##value", hint, s.block_value, sizeof s.block_value,
                                              ImGuiInputTextFlags_EnterReturnsTrue);
  widgets().publish_item("settings:block:value", s.block_value);
  ImGui::SameLine();
  if (pill("settings:block:add", tr(l, "Добавить", "Add"), PillLook::Primary, 32) || enter) {
    app::SettingsChange c;
    c.item = app::SettingsItem::Block;
    c.block.kind = kKinds[s.block_kind];
    c.block.value = s.block_value;
    if (app::check_settings(c, ctx.app.directory(), ctx.app.operator_id(), l).empty()) {
      s.block_value[0] = '\0';
    }
    intents.settings.push_back(c);
  }
  ImGui::Spacing();
  ImGui::SetNextItemWidth(-1);
  ImGui::InputTextWithHint("##search", tr(l, "Поиск по списку", "Search the list"), s.block_search,
                           sizeof s.block_search);
  widgets().publish_item("settings:block:search", s.block_search);
  ImGui::BeginChild("block-list", ImVec2(0, 0), false);
  if (view.loading && view.block_list.empty()) muted_text(tr(l, "Загрузка…", "Loading…"));
  const std::string needle = core::fold_case(s.block_search);
  int shown = 0;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  for (const app::BlockEntry& e : view.block_list) {
    if (!needle.empty() && core::fold_case(e.value).find(needle) == std::string::npos) continue;
    ++shown;
    const std::string id = "settings:block:" + std::to_string(e.id);
    ImGui::PushID(static_cast<int>(e.id));
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const float w = ImGui::GetContentRegionAvail().x;
    dl->AddRectFilled(at, ImVec2(at.x + w, at.y + 38), p.panel_bg, 8);
    draw_text(dl, fonts().small, ImVec2(at.x + 12, at.y + 10), p.text_muted,
              app::block_kind_name(e.kind, l));
    draw_text_fit(dl, fonts().regular, ImVec2(at.x + 120, at.y + 8), w - 170, p.text, e.value);
    widgets().publish(id, e.value, at.x, at.y, w, 38);
    ImGui::SetCursorScreenPos(ImVec2(at.x + w - 36, at.y + 5));
    if (icon_button(id + ":delete", icon::kClose, tr(l, "Убрать", "Remove"))) {
      app::SettingsChange c;
      c.item = app::SettingsItem::Block;
      c.remove = true;
      c.block = e;
      intents.settings.push_back(c);
    }
    end_row(at, w, 44);
    ImGui::PopID();
  }
  if (shown == 0 && !view.loading) {
    muted_text(view.block_list.empty() ? tr(l, "Список пуст", "The list is empty")
                                       : tr(l, "Ничего не найдено", "Nothing found"));
  }
  ImGui::EndChild();
}

}  // namespace ui
