// The quick-reply templates section: the list on the left, the form on the
// right with the variables as insert buttons. Ids: "settings:template:new",
// "settings:template:<id>", "settings:template:title", "settings:template:text",
// "settings:template:var:<variable>", "settings:template:save",
// "settings:template:delete".
#include <cstdio>
#include <cstring>
#include <string>

#include "app/settings_change.hpp"
#include "core/template_fill.hpp"
#include "ui/controls.hpp"
#include "ui/settings_parts.hpp"
#include "ui/theme.hpp"
#include "ui/widget_registry.hpp"

namespace ui {
namespace {

constexpr float kListWidth = 250;

void edit(AccountSettingsState& s, const core::Template* t) {
  s.template_id = t ? t->id : core::kNoId;
  std::snprintf(s.template_title, sizeof s.template_title, "%s", t ? t->title.c_str() : "");
  std::snprintf(s.template_text, sizeof s.template_text, "%s", t ? t->text.c_str() : "");
}

const char* variable_label(std::string_view v, app::Locale l) {
  if (v == "client.name") return tr(l, "Имя клиента", "Client's name");
  if (v == "operator.name") return tr(l, "Имя оператора", "Operator's name");
  return tr(l, "Цена сделки", "Deal price");
}

void template_list(const SettingsContext& ctx, AccountSettingsState& s) {
  const app::Locale l = ctx.locale;
  const Palette& p = palette();
  ImGui::BeginChild("template-list", ImVec2(kListWidth, 0), false);
  if (pill("settings:template:new", tr(l, "+ Новый шаблон", "+ New template"), PillLook::Plain,
           32)) {
    edit(s, nullptr);
  }
  ImDrawList* dl = ImGui::GetWindowDrawList();
  for (const core::Template& t : ctx.app.directory().templates) {
    ImGui::PushID(static_cast<int>(t.id));
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const float w = ImGui::GetContentRegionAvail().x;
    if (ImGui::Selectable("##t", s.template_id == t.id, 0, ImVec2(w, 44))) edit(s, &t);
    widgets().publish_item("settings:template:" + std::to_string(t.id), t.title);
    dl->PushClipRect(at, ImVec2(at.x + w - 4, at.y + 48), true);
    draw_text(dl, fonts().bold, ImVec2(at.x + 6, at.y + 2), p.text, t.title);
    std::string preview = t.text.substr(0, 80);
    for (char& c : preview) {
      if (c == '\n') c = ' ';
    }
    draw_text(dl, fonts().small, ImVec2(at.x + 6, at.y + 24), p.text_muted, preview);
    dl->PopClipRect();
    ImGui::PopID();
  }
  ImGui::EndChild();
}

}  // namespace

void draw_templates_section(const SettingsContext& ctx, AccountSettingsState& s,
                            app::Intents& intents) {
  const app::Locale l = ctx.locale;
  section_title(
      tr(l, "Шаблоны ответов", "Reply templates"),
      tr(l,
         "Быстрые ответы в окне диалога (кнопка «Шаблоны» или «/»). Переменные подставляются "
         "при выборе шаблона.",
         "Quick answers in the dialog window (the Templates button or \"/\"). Variables "
         "are filled in when a template is chosen."));
  // A template deleted by someone else: the form becomes a new one.
  if (s.template_id != core::kNoId) {
    bool found = false;
    for (const core::Template& t : ctx.app.directory().templates) found |= t.id == s.template_id;
    if (!found) s.template_id = core::kNoId;
  }
  template_list(ctx, s);
  ImGui::SameLine(0, 20);
  ImGui::BeginChild("template-form", ImVec2(0, 0), false);
  ImGui::TextUnformatted(s.template_id == core::kNoId ? tr(l, "Новый шаблон", "New template")
                                                      : tr(l, "Шаблон", "Template"));
  ImGui::SetNextItemWidth(-1);
  ImGui::InputTextWithHint("##title", tr(l, "Название", "Title"), s.template_title,
                           sizeof s.template_title);
  widgets().publish_item("settings:template:title", s.template_title);
  // The variables: each button puts its placeholder at the end of the text.
  muted_text(tr(l, "Вставить переменную:", "Insert a variable:"));
  if (!s.template_insert.empty() && !ImGui::IsAnyItemActive()) {
    const std::size_t len = std::strlen(s.template_text);
    if (len + s.template_insert.size() + 1 < sizeof s.template_text) {
      std::snprintf(s.template_text + len, sizeof s.template_text - len, "%s",
                    s.template_insert.c_str());
    }
    s.template_insert.clear();
  }
  const float right = ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x;
  bool first = true;
  for (std::string_view v : core::kTemplateVariables) {
    const std::string id = "settings:template:var:" + std::string(v);
    const std::string label = core::template_placeholder(v) + "  " + variable_label(v, l);
    const float w = text_size(fonts().regular, label).x + 30;
    if (!first) {
      ImGui::SameLine();
      if (ImGui::GetCursorScreenPos().x + w > right) ImGui::NewLine();  // wraps onto a new row
    }
    first = false;
    if (pill(id.c_str(), label, PillLook::Plain, 28))
      s.template_insert += core::template_placeholder(v);
  }
  ImGui::InputTextMultiline("##text", s.template_text, sizeof s.template_text, ImVec2(-1, 220));
  widgets().publish_item("settings:template:text", s.template_text);
  if (s.template_text[0] == '\0' && !ImGui::IsItemActive()) {
    const ImVec2 m = ImGui::GetItemRectMin();
    draw_text(ImGui::GetWindowDrawList(), fonts().regular, ImVec2(m.x + 10, m.y + 8),
              palette().text_muted,
              tr(l, "Здравствуйте, {{client.name}}! Меня зовут {{operator.name}}…",
                 "Hello, {{client.name}}! My name is {{operator.name}}…"));
  }
  if (pill("settings:template:save", tr(l, "Сохранить", "Save"), PillLook::Primary, 34)) {
    app::SettingsChange c;
    c.item = app::SettingsItem::Template;
    c.tmpl.id = s.template_id;
    c.tmpl.title = s.template_title;
    c.tmpl.text = s.template_text;
    if (app::check_settings(c, ctx.app.directory(), ctx.app.operator_id(), l).empty() &&
        s.template_id == core::kNoId) {
      edit(s, nullptr);
    }
    intents.settings.push_back(c);
  }
  if (s.template_id != core::kNoId) {
    ImGui::SameLine();
    if (pill("settings:template:delete", tr(l, "Удалить", "Delete"), PillLook::Plain, 34)) {
      app::SettingsChange c;
      c.item = app::SettingsItem::Template;
      c.remove = true;
      c.tmpl.id = s.template_id;
      intents.settings.push_back(c);
      edit(s, nullptr);
    }
  }
  ImGui::EndChild();
}

}  // namespace ui
