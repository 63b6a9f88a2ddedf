// The keyboard shortcuts on screen: the handler that turns pressed keys into
// intents and focus requests, and the help overlay that lists them (both read
// app/shortcuts.hpp's table).
#pragma once

#include <imgui.h>

#include "app/inbox_app.hpp"
#include "ui/composer.hpp"

namespace ui {

struct ShortcutsState {
  bool open = false;          // the help overlay is shown
  bool focus_search = false;  // the search field takes the keyboard when next drawn
};

// Reads this frame's keys; call inside the screen's window, before the search
// field and the composer are drawn.
void handle_shortcuts(const app::InboxApp& app, ShortcutsState& state, ComposerState& composer,
                      app::Intents& intents);

// A small "?" button that opens the overlay; `height` is the header's.
void draw_shortcuts_button(ShortcutsState& state, app::Locale locale, float height);

// The overlay, when open; published as "shortcuts".
void draw_shortcuts_overlay(app::Locale locale, ShortcutsState& state);

}  // namespace ui
