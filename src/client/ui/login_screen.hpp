// The sign-in screen shown when the server answers 401: e-mail, password,
// "Войти", what went wrong, and a RU/EN switch where the page lets the
// operator choose the language (its settings menu). Where the server allows
// it, the same card turns into the sign-up of a new business.
#pragma once

#include "app/inbox_app.hpp"
#include "core/account_rules.hpp"
#include "ui/settings_menu.hpp"

namespace ui {

// The text being typed into the form (not the app's state).
struct LoginState {
  char email[320] = "";
  char password[128] = "";
  bool signing_up = false;  // the card shows the sign-up form
  char business[128] = "";
  char name[128] = "";
  char repeat[128] = "";         // an invitation's password, typed again
  bool skip_invitation = false;  // "sign in with a password" instead of the link's form
  bool mismatch = false;         // the two passwords differ
  core::AccountProblem problem = core::AccountProblem::None;  // the form's, before sending
};

// The language it is drawn in, and whether it offers the switch; a switch
// goes into `choice`, as the settings menu's does, to be applied and remembered.
struct LoginLook {
  app::Locale locale = app::Locale::Ru;
  bool locale_switch = false;
};

void draw_login_screen(const net::Status& status, const LoginLook& look, LoginState& state,
                       app::Intents& intents, SettingsChoice& choice);

}  // namespace ui
