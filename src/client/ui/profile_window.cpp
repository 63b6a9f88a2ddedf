// Publishes "profile", "profile:close", "profile:avatar" (its look: image,
// loading or initials), "profile:avatar:upload", "profile:avatar:remove",
// "profile:name", "profile:save-name",
// "profile:current-password", "profile:new-password", "profile:repeat-password",
// "profile:save-password", "profile:error" and "profile:saved".
#include "ui/profile_window.hpp"

#include <cstdio>
#include <cstring>

#include "ui/avatar.hpp"
#include "ui/controls.hpp"
#include "ui/modal_card.hpp"
#include "ui/settings_parts.hpp"
#include "ui/theme.hpp"
#include "ui/widget_registry.hpp"

namespace ui {
namespace {

constexpr const char* kPopup = "profile";
const ImVec2 kSize(440, 0);

void clear_passwords(ProfileState& s) {
  s.current_password[0] = s.new_password[0] = s.repeat_password[0] = '\0';
  s.mismatch = false;
}

// The picture beside its two buttons: upload another, or back to initials.
void picture_row(const core::Operator& me, app::Locale l, bool sending, app::AvatarCache* pictures,
                 app::Intents& intents) {
  constexpr float kSide = 56;
  const ImVec2 at = ImGui::GetCursorScreenPos();
  draw_face(ImGui::GetWindowDrawList(), ImVec2(at.x + kSide / 2, at.y + kSide / 2), kSide,
            me.avatar_url, me.name, me.id, pictures, "profile:avatar");
  ImGui::SetCursorScreenPos(ImVec2(at.x + kSide + 16, at.y + (kSide - 32) / 2));
  if (pill("profile:avatar:upload", tr(l, "Загрузить фото", "Upload a photo"), PillLook::Plain,
           32) &&
      !sending) {
    intents.pick_avatar = true;
  }
  if (!me.avatar_url.empty()) {
    ImGui::SameLine(0, 8);
    if (pill("profile:avatar:remove", tr(l, "Убрать", "Remove"), PillLook::Plain, 32) && !sending) {
      app::ProfileChange c;
      c.what = app::ProfileChange::What::Avatar;
      intents.profile = c;
    }
  }
  ImGui::SetCursorScreenPos(ImVec2(at.x, at.y + kSide + 10));
}

}  // namespace

void draw_profile_window(const app::InboxApp& app, app::Locale l, ProfileState& s,
                         app::AvatarCache* pictures, app::Intents& intents) {
  const app::ProfileView& view = app.profile();
  if (s.opening) {
    s.opening = false;
    s.open = true;
    const core::Operator* me = app.directory().find_operator(app.operator_id());
    std::snprintf(s.name, sizeof s.name, "%s", me ? me->name.c_str() : "");
    clear_passwords(s);
    s.seen_saved = view.saved;
    ImGui::OpenPopup(kPopup);
  }
  if (!s.open) return;
  const bool saved_now = view.saved != s.seen_saved;
  if (saved_now) {
    s.seen_saved = view.saved;
    if (view.last == app::ProfileChange::What::Password) clear_passwords(s);
  }
  ModalCardLook look;
  look.size = kSize;
  look.frame_rounding = 8;
  if (!begin_modal_card(kPopup, look)) {
    s.open = false;
    return;
  }
  const ImVec2 win = ImGui::GetWindowPos();
  const char* title = tr(l, "Мой профиль", "My profile");
  widgets().publish("profile", title, win.x, win.y, ImGui::GetWindowWidth(),
                    ImGui::GetWindowHeight());
  if (modal_card_title(title, "profile:close", l)) {
    s.open = false;
    ImGui::CloseCurrentPopup();
  }
  ImGui::Spacing();
  if (const core::Operator* me = app.directory().find_operator(app.operator_id())) {
    picture_row(*me, l, view.sending, pictures, intents);
  }
  form_field(tr(l, "Имя", "Name"), "profile:name", s.name, sizeof s.name, false);
  if (pill("profile:save-name", tr(l, "Сохранить имя", "Save the name"), PillLook::Primary, 34) &&
      !view.sending) {
    app::ProfileChange c;
    c.name = s.name;
    intents.profile = c;
  }
  ImGui::Dummy(ImVec2(0, 8));
  ImGui::Separator();
  section_title(tr(l, "Пароль", "Password"),
                tr(l,
                   "После смены пароля другие ваши сеансы закончатся: там нужно будет войти "
                   "заново.",
                   "Changing the password ends your other sessions: they sign in again."));
  form_field(tr(l, "Текущий пароль", "Current password"), "profile:current-password",
             s.current_password, sizeof s.current_password, true);
  form_field(tr(l, "Новый пароль", "New password"), "profile:new-password", s.new_password,
             sizeof s.new_password, true);
  form_field(tr(l, "Новый пароль ещё раз", "The new password again"), "profile:repeat-password",
             s.repeat_password, sizeof s.repeat_password, true);
  if (pill("profile:save-password", tr(l, "Сменить пароль", "Change the password"),
           PillLook::Primary, 34) &&
      !view.sending) {
    s.mismatch = std::strcmp(s.new_password, s.repeat_password) != 0;
    if (!s.mismatch) {
      app::ProfileChange c;
      c.what = app::ProfileChange::What::Password;
      c.current_password = s.current_password;
      c.new_password = s.new_password;
      intents.profile = c;
    }
  }
  std::string error = view.error;
  if (s.mismatch) error = tr(l, "Новые пароли не совпадают", "The new passwords differ");
  if (!error.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, palette().overdue);
    ImGui::TextWrapped("%s", error.c_str());
    ImGui::PopStyleColor();
    widgets().publish_item("profile:error", error);
  } else if (view.sending) {
    muted_text(tr(l, "Сохранение…", "Saving…"));
  } else if (view.saved > 0) {
    const char* done = view.last == app::ProfileChange::What::Password
                           ? tr(l, "Пароль изменён", "The password is changed")
                       : view.last == app::ProfileChange::What::Avatar
                           ? tr(l, "Фото сохранено", "The photo is saved")
                           : tr(l, "Имя сохранено", "The name is saved");
    muted_text(done);
    widgets().publish_item("profile:saved", done);
  }
  end_modal_card();
}

}  // namespace ui
