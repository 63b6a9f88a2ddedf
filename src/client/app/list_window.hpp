// The list as windows of the view: the first window comes with a reload, and
// the next one (after ListPage::next_cursor) when the operator scrolls near
// the end of the loaded rows. Live events patch the loaded rows meanwhile
// (app/live_apply), so a window may bring rows that are already there.
// Windows follow each other by keyset cursor, so rows far down are reached
// window by window: a jump there (the scrollbar's thumb dragged) waits until
// the view settles, then asks for the largest windows until they cover it.
#pragma once

#include "app/list_view.hpp"

namespace app {

constexpr int kWindowRows = 100;         // rows per window (the server allows up to 200)
constexpr int kPrefetchRows = 40;        // ask for the next window this many rows before the end
constexpr int kMaxWindowRows = 200;      // the server's limit, for a jump far down
constexpr core::TimeMs kSettleMs = 100;  // the view stood still this long: it settled

// True when the table shows rows near the end of a partial list, no window is
// on its way and the last one did not fail.
bool wants_window(const ListView& view, int last_visible_row);

// Where the table's view is, frame by frame: since when it stands still and
// whether the operator holds the scrollbar's thumb.
class ScrollSettle {
 public:
  void observe(float scroll_y, bool dragging, core::TimeMs now);
  bool dragging() const { return dragging_; }
  // Still for kSettleMs and not held.
  bool settled(core::TimeMs now) const;

 private:
  float y_ = -1;
  bool dragging_ = false;
  core::TimeMs since_ = 0;
};

// What the table asks of the list this frame.
enum class WindowWant {
  None,      // the loaded rows cover the view, a window is on its way, or none is left
  Fetch,     // ask for the next window now
  Settling,  // the view is past the next window (or the thumb is held): wait for it to settle
};
WindowWant want_window(const ListView& view, int last_visible_row, const ScrollSettle& scroll,
                       core::TimeMs now);
// The rows to ask for: a window, or for a view beyond it enough to reach it
// (at most kMaxWindowRows).
int window_size(const ListView& view, int last_visible_row);

// Appends a window's rows after the loaded ones (skipping rows already loaded)
// and takes its total, counts and cursor.
void append_window(ListView& view, ListPage window);

}  // namespace app
