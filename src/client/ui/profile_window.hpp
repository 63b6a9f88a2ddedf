// The signed-in operator's own profile, opened from the gear menu: their
// picture, their name, and a password change that ends their other sessions.
// Drawing only.
#pragma once

#include "app/inbox_app.hpp"

namespace ui {

// The forms' text between frames (not the app's state).
struct ProfileState {
  bool opening = false;  // set by the gear menu: opens at the next frame
  bool open = false;
  char name[128] = "";
  char current_password[128] = "";
  char new_password[128] = "";
  char repeat_password[128] = "";
  int seen_saved = 0;     // the app's ProfileView::saved when last looked at
  bool mismatch = false;  // the new password and its repetition differ
};

// `pictures` draws the operator's picture (null: initials).
void draw_profile_window(const app::InboxApp& app, app::Locale locale, ProfileState& state,
                         app::AvatarCache* pictures, app::Intents& intents);

}  // namespace ui
