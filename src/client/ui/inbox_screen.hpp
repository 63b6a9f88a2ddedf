// The whole Chats screen: header with the mode tabs, the toolbar with search,
// and the dialog table below.
#pragma once

#include <string>

#include "app/format.hpp"
#include "app/inbox_app.hpp"

namespace ui {

// What the screen keeps between frames that is not the app's state: the text
// being typed into the search box.
struct ScreenState {
  char search[256] = "";
};

struct ScreenContext {
  const app::InboxApp& app;
  core::TimeMs now;
  std::int64_t utc_offset_ms;
  app::Locale locale;
};

void draw_inbox_screen(const ScreenContext& ctx, ScreenState& state, app::Intents& intents);

}  // namespace ui
