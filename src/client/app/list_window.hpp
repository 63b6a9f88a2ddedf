// The list as windows of the view: the first window comes with a reload, and
// the next one (after ListPage::next_cursor) when the operator scrolls near
// the end of the loaded rows. Live events patch the loaded rows meanwhile
// (app/live_apply), so a window may bring rows that are already there.
#pragma once

#include "app/list_view.hpp"

namespace app {

constexpr int kWindowRows = 100;   // rows per window (the server allows up to 200)
constexpr int kPrefetchRows = 40;  // ask for the next window this many rows before the end

// True when the table shows rows near the end of a partial list, no window is
// on its way and the last one did not fail.
bool wants_window(const ListView& view, int last_visible_row);

// Appends a window's rows after the loaded ones (skipping rows already loaded)
// and takes its total, counts and cursor.
void append_window(ListView& view, ListPage window);

}  // namespace app
