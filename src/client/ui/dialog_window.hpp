// The open dialog on the right of the screen: header with the client and the
// actions, the history as chat bubbles, and the composer at the bottom.
#pragma once

#include <cstddef>
#include <string>

#include <imgui.h>

#include "app/format.hpp"
#include "app/inbox_app.hpp"
#include "ui/composer.hpp"
#include "ui/sidebar.hpp"

namespace ui {

// What the window keeps between frames that is not the app's state: the
// composer, the sidebar's fields, and scrolling.
struct DialogWindowState {
  ComposerState composer;
  SidebarState sidebar;
  // The sidebar shows on wide screens unless hidden; on narrow ones when asked.
  enum class Sidebar { Auto, Shown, Hidden } sidebar_mode = Sidebar::Auto;
  bool sidebar_open = false;  // as drawn last
  core::Id scrolled_dialog = core::kNoId;
  core::Id scrolled_last = core::kNoId;  // the newest message when last scrolled to the bottom
  core::Id first_message = core::kNoId;  // the oldest one shown, to hold the view when older load
  float content_height = 0;              // of the history, last frame
};

struct DialogContext {
  const app::DialogView& view;
  const core::Directory& directory;
  core::TimeMs now;
  std::int64_t utc_offset_ms;
  app::Locale locale;
  const app::Outbox* outbox = nullptr;  // messages of this dialog not yet taken by the server
  std::string presence;  // «Анна печатает…», "" when nobody else is here
  bool typing = false;   // someone in `presence` types
  app::AvatarCache* pictures = nullptr;  // the clients' pictures; null: initials
  core::Id operator_id = core::kNoId;    // the signed-in operator, for {{operator.name}}
};

void draw_dialog_window(const DialogContext& ctx, ImVec2 pos, ImVec2 size, DialogWindowState& state,
                        app::Intents& intents);

// The sidebar's width beside a dialog window of the screen's `width` (0 when hidden).
float sidebar_width(float screen_width, DialogWindowState& state);

}  // namespace ui
