// The open dialog on the right of the screen: header with the client and the
// actions, the history as chat bubbles, and the composer at the bottom.
#pragma once

#include <cstddef>

#include <imgui.h>

#include "app/format.hpp"
#include "app/inbox_app.hpp"

namespace ui {

// What the window keeps between frames that is not the app's state: the
// composer's text buffer (mirrored to the app as Intents::draft) and scrolling.
struct DialogWindowState {
  char composer[4096] = "";
  core::Id composer_dialog = core::kNoId;  // the dialog and draft revision the buffer holds
  int composer_revision = -1;
  bool refocus = false;  // give the composer focus again after sending
  core::Id scrolled_dialog = core::kNoId;
  std::size_t scrolled_count = 0;  // messages seen when last scrolled to the bottom
};

struct DialogContext {
  const app::DialogView& view;
  const core::Directory& directory;
  core::TimeMs now;
  std::int64_t utc_offset_ms;
  app::Locale locale;
};

void draw_dialog_window(const DialogContext& ctx, ImVec2 pos, ImVec2 size, DialogWindowState& state,
                        app::Intents& intents);

}  // namespace ui
