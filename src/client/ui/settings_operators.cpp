// The operators section: the team with role and state, and the form that
// creates or edits one (name, e-mail, a password or an invitation link, role,
// the sources a manager sees, supervisor), turns their access off or on, or
// makes a fresh link. Nobody deletes or deactivates themself or the owner. Ids:
// "settings:operator:<id>", "settings:operator:<id>:delete", "settings:operator:new",
// "settings:operator:{name,email,password,invite,role:admin,role:manager,supervisor,save}",
// "settings:operator:{active,link}", "settings:operator:source:<id>",
// "settings:invitation", "settings:invitation:{copy,close}".
#include <cstdio>
#include <string>

#include "app/settings_change.hpp"
#include "core/channels.hpp"
#include "ui/controls.hpp"
#include "ui/icons.hpp"
#include "ui/settings_parts.hpp"
#include "ui/theme.hpp"
#include "ui/widget_registry.hpp"

namespace ui {
namespace {

constexpr float kListWidth = 330;

void edit(AccountSettingsState& s, const core::Operator* op) {
  s.operator_id = op ? op->id : core::kNoId;
  std::snprintf(s.op_name, sizeof s.op_name, "%s", op ? op->name.c_str() : "");
  std::snprintf(s.op_email, sizeof s.op_email, "%s", op ? op->email.c_str() : "");
  s.op_password[0] = '\0';
  s.op_admin = op && op->role == core::Role::Admin;
  s.op_supervisor = op && op->supervisor;
  s.op_invite = false;
  s.op_sources.clear();
  if (op) s.op_sources.insert(op->source_ids.begin(), op->source_ids.end());
}

std::string access_line(const core::Operator& op, const core::Directory& dir, app::Locale l) {
  if (op.role != core::Role::Manager) return tr(l, "Все источники", "All sources");
  if (op.supervisor) return tr(l, "Супервайзер: все диалоги", "Supervisor: every dialog");
  if (op.source_ids.empty()) return tr(l, "Нет источников", "No sources");
  std::string line;
  for (core::Id id : op.source_ids) {
    if (const core::Source* src = dir.find_source(id)) {
      line += (line.empty() ? "" : ", ") + src->name;
    }
  }
  return line;
}

void operator_list(const SettingsContext& ctx, AccountSettingsState& s, app::Intents& intents) {
  const app::Locale l = ctx.locale;
  const Palette& p = palette();
  const core::Directory& dir = ctx.app.directory();
  ImGui::BeginChild("operator-list", ImVec2(kListWidth, 0), false);
  if (pill("settings:operator:new", tr(l, "+ Новый сотрудник", "+ New operator"), PillLook::Plain,
           32)) {
    edit(s, nullptr);
  }
  ImDrawList* dl = ImGui::GetWindowDrawList();
  for (const core::Operator& op : dir.operators) {
    const std::string id = "settings:operator:" + std::to_string(op.id);
    ImGui::PushID(static_cast<int>(op.id));
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const float w = ImGui::GetContentRegionAvail().x;
    const bool editable = op.role != core::Role::Owner;
    if (ImGui::Selectable("##op", s.operator_id == op.id, 0, ImVec2(w, 62)) && editable) {
      edit(s, &op);
    }
    widgets().publish_item(id, op.name);
    dl->PushClipRect(at, ImVec2(at.x + w - 40, at.y + 66), true);
    const std::string me = op.id == ctx.app.operator_id() ? tr(l, " (вы)", " (you)") : "";
    draw_text(dl, fonts().bold, ImVec2(at.x + 8, at.y + 2), op.active ? p.text : p.text_muted,
              op.name + me);
    draw_text(dl, fonts().small, ImVec2(at.x + 8, at.y + 23), p.text_muted,
              std::string(app::role_name(op.role, l)) + "  ·  " + op.email);
    draw_text(dl, fonts().small, ImVec2(at.x + 8, at.y + 41), op.active ? p.text_muted : p.overdue,
              op.active ? access_line(op, dir, l)
                        : std::string(tr(l, "Доступ отключён", "Access turned off")));
    dl->PopClipRect();
    if (editable && op.id != ctx.app.operator_id()) {
      ImGui::SetCursorScreenPos(ImVec2(at.x + w - 34, at.y + 16));
      if (icon_button(id + ":delete", icon::kClose, tr(l, "Удалить", "Delete"))) {
        app::SettingsChange c;
        c.item = app::SettingsItem::Operator;
        c.remove = true;
        c.op = op;
        intents.settings.push_back(c);
        if (s.operator_id == op.id) edit(s, nullptr);
      }
    }
    end_row(at, w, 68);
    ImGui::PopID();
  }
  ImGui::EndChild();
}

// The last invitation link, to be copied and sent to the operator.
void invitation_box(const SettingsContext& ctx, AccountSettingsState& s) {
  const app::Locale l = ctx.locale;
  const app::SettingsView& view = ctx.app.settings();
  if (view.invitation_url.empty() || view.invitation_url == s.link_closed) return;
  const core::Operator* op = ctx.app.directory().find_operator(view.invitation_for);
  const Palette& p = palette();
  const float w = ImGui::GetContentRegionAvail().x;
  const ImVec2 at = ImGui::GetCursorScreenPos();
  const float h = 104;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(at, ImVec2(at.x + w, at.y + h), p.row_selected, 8);
  widgets().publish("settings:invitation", view.invitation_url, at.x, at.y, w, h);
  const std::string who = op ? op->name : std::string();
  const std::string title =
      std::string(tr(l, "Ссылка-приглашение", "Invitation link")) + (who.empty() ? "" : ": " + who);
  draw_text(dl, fonts().bold, ImVec2(at.x + 12, at.y + 8), p.text, title);
  draw_text(dl, fonts().small, ImVec2(at.x + 12, at.y + 30), p.text_muted,
            tr(l, "Отправьте её сотруднику: по ней он задаст пароль. Действует 7 дней.",
               "Send it to the operator: it lets them set a password. Valid for 7 days."));
  ImGui::SetCursorScreenPos(ImVec2(at.x + w - 34, at.y + 6));
  if (icon_button("settings:invitation:close", icon::kClose, tr(l, "Закрыть", "Close"))) {
    s.link_closed = view.invitation_url;
  }
  ImGui::SetCursorScreenPos(ImVec2(at.x + 12, at.y + 58));
  std::string url = view.invitation_url;  // read-only: selectable, not editable
  ImGui::SetNextItemWidth(w - 24 - 130);
  ImGui::InputText("##invitation-url", url.data(), url.size() + 1, ImGuiInputTextFlags_ReadOnly);
  ImGui::SameLine(0, 8);
  if (pill("settings:invitation:copy", tr(l, "Копировать", "Copy"), PillLook::Primary, 30)) {
    ImGui::SetClipboardText(view.invitation_url.c_str());
  }
  ImGui::SetCursorScreenPos(ImVec2(at.x, at.y + h + 10));
}

// Access off or on, and a fresh link, for the operator being edited.
void access_buttons(const SettingsContext& ctx, const core::Operator& op, app::Intents& intents) {
  const app::Locale l = ctx.locale;
  if (op.id == ctx.app.operator_id()) return;
  app::SettingsChange c;
  c.item = app::SettingsItem::Operator;
  c.op = op;
  if (op.active) {
    if (pill("settings:operator:link", tr(l, "Ссылка для входа", "Sign-in link"), PillLook::Plain,
             30)) {
      c.invite = true;
      intents.settings.push_back(c);
    }
    ImGui::SameLine(0, 8);
  }
  const char* label = op.active ? tr(l, "Отключить доступ", "Turn access off")
                                : tr(l, "Вернуть доступ", "Give access back");
  if (pill("settings:operator:active", label, PillLook::Plain, 30)) {
    c.op.active = !op.active;
    intents.settings.push_back(c);
  }
  muted_text(op.active ? tr(l,
                            "Отключённый сотрудник не может войти; его диалоги останутся без "
                            "ответственного, а имя — в истории.",
                            "A deactivated operator cannot sign in; their dialogs are left "
                            "with nobody responsible, their name stays on the history.")
                       : tr(l, "Доступ отключён: сотрудник не может войти.",
                            "Access is off: the operator cannot sign in."));
  ImGui::Dummy(ImVec2(0, 4));
}

}  // namespace

void draw_operators_section(const SettingsContext& ctx, AccountSettingsState& s,
                            app::Intents& intents) {
  const app::Locale l = ctx.locale;
  const core::Directory& dir = ctx.app.directory();
  section_title(tr(l, "Операторы", "Operators"),
                tr(l,
                   "Администратор видит всё и меняет настройки. Менеджер видит диалоги выбранных "
                   "источников, а супервайзер — все диалоги.",
                   "An administrator sees everything and changes settings. A manager sees the "
                   "dialogs of the chosen sources; a supervisor sees every dialog."));
  if (s.operator_id != core::kNoId && !dir.find_operator(s.operator_id)) edit(s, nullptr);
  operator_list(ctx, s, intents);
  ImGui::SameLine(0, 20);
  ImGui::BeginChild("operator-form", ImVec2(0, 0), false);
  invitation_box(ctx, s);
  ImGui::PushFont(fonts().bold);
  ImGui::TextUnformatted(s.operator_id == core::kNoId ? tr(l, "Новый сотрудник", "New operator")
                                                      : tr(l, "Сотрудник", "Operator"));
  ImGui::PopFont();
  // Saving sits on the title line: the sources below may scroll.
  ImGui::SameLine(ImGui::GetContentRegionAvail().x - 130);
  const char* save_label =
      s.operator_id == core::kNoId ? tr(l, "Создать", "Create") : tr(l, "Сохранить", "Save");
  if (pill("settings:operator:save", save_label, PillLook::Primary, 34)) {
    app::SettingsChange c;
    c.item = app::SettingsItem::Operator;
    c.op.id = s.operator_id;
    c.op.name = s.op_name;
    c.op.email = s.op_email;
    c.op.role = s.op_admin ? core::Role::Admin : core::Role::Manager;
    c.op.supervisor = !s.op_admin && s.op_supervisor;
    if (!s.op_admin && !s.op_supervisor)
      c.op.source_ids.assign(s.op_sources.begin(), s.op_sources.end());
    const bool creating = s.operator_id == core::kNoId;
    if (const core::Operator* current = dir.find_operator(s.operator_id)) {
      c.op.active = current->active;
    }
    c.invite = creating && s.op_invite;
    if (!c.invite) c.password = s.op_password;
    if (app::check_settings(c, dir, ctx.app.operator_id(), l).empty()) edit(s, nullptr);
    intents.settings.push_back(c);
  }
  if (const core::Operator* current = dir.find_operator(s.operator_id)) {
    access_buttons(ctx, *current, intents);
  }
  form_field(tr(l, "Имя", "Name"), "settings:operator:name", s.op_name, sizeof s.op_name, false);
  form_field("E-mail", "settings:operator:email", s.op_email, sizeof s.op_email, false);
  if (s.operator_id == core::kNoId) {
    ImGui::Checkbox(tr(l, "Пригласить по ссылке: пароль сотрудник задаст сам",
                       "Invite by a link: the operator sets the password"),
                    &s.op_invite);
    widgets().publish_item("settings:operator:invite", s.op_invite ? "on" : "off");
  }
  if (s.operator_id != core::kNoId || !s.op_invite) {
    form_field(s.operator_id == core::kNoId
                   ? tr(l, "Пароль (не короче 8 символов)", "Password (8 characters or more)")
                   : tr(l, "Новый пароль (пусто — оставить)", "New password (empty keeps it)"),
               "settings:operator:password", s.op_password, sizeof s.op_password, true);
  }
  muted_text(tr(l, "Роль", "Role"));
  if (auto admin = segmented("role", app::role_name(core::Role::Manager, l),
                             app::role_name(core::Role::Admin, l), s.op_admin,
                             "settings:operator:role:manager", "settings:operator:role:admin",
                             ImVec2(160, 30))) {
    s.op_admin = *admin;
  }
  if (!s.op_admin) {
    ImGui::Checkbox(tr(l, "Супервайзер — видит все диалоги", "Supervisor — sees every dialog"),
                    &s.op_supervisor);
    widgets().publish_item("settings:operator:supervisor", s.op_supervisor ? "on" : "off");
    if (!s.op_supervisor) {
      muted_text(tr(l, "Источники, которые видит менеджер:", "Sources the manager sees:"));
      for (const core::Source& src : dir.sources) {
        bool on = s.op_sources.count(src.id) > 0;
        ImGui::PushID(static_cast<int>(src.id));
        const core::ChannelInfo& info = core::channel_info(src.channel);
        const std::string label =
            src.name + "  ·  " + std::string(l == app::Locale::Ru ? info.name_ru : info.name_en);
        if (ImGui::Checkbox(label.c_str(), &on)) {
          if (on) {
            s.op_sources.insert(src.id);
          } else {
            s.op_sources.erase(src.id);
          }
        }
        widgets().publish_item("settings:operator:source:" + std::to_string(src.id), label);
        ImGui::PopID();
      }
    }
  }
  ImGui::EndChild();
}

}  // namespace ui
