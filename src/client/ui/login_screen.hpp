// The sign-in screen shown when the server answers 401: e-mail, password,
// "Войти", and what went wrong.
#pragma once

#include "app/inbox_app.hpp"

namespace ui {

// The text being typed into the form (not the app's state).
struct LoginState {
  char email[128] = "";
  char password[128] = "";
};

void draw_login_screen(const net::Status& status, LoginState& state, app::Intents& intents);

}  // namespace ui
