// The toast at the bottom of the screen: the app's latest notice (a refused
// change, a failed upload) in the operator's language, for a few seconds.
#pragma once

#include "app/format.hpp"
#include "app/notice.hpp"

namespace ui {

struct ToastState {
  int shown_id = 0;        // the notice on screen (or last shown)
  core::TimeMs since = 0;  // when it appeared
  bool dismissed = false;
};

// Draws the toast over the screen; true while one is showing (the page keeps
// drawing frames so it can go away on time).
bool draw_toast(const app::Notice& notice, core::TimeMs now, app::Locale locale, ToastState& state);

// "Не удалось изменить статус" / "Could not change the status" for a notice.
const char* notice_title(const app::Notice& notice, app::Locale locale);

}  // namespace ui
