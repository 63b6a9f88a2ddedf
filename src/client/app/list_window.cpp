// Appending windows to the loaded rows.
#include "app/list_window.hpp"

#include <algorithm>
#include <unordered_set>

namespace app {

bool wants_window(const ListView& view, int last_visible_row) {
  // After a failed window the list waits for the next reload instead of retrying every frame.
  if (view.loading || view.fetching_window || view.page.next_cursor.empty() ||
      !view.window_error.empty()) {
    return false;
  }
  return last_visible_row >= static_cast<int>(view.page.rows.size()) - kPrefetchRows;
}

void ScrollSettle::observe(float scroll_y, bool dragging, core::TimeMs now) {
  if (scroll_y != y_ || dragging != dragging_) since_ = now;
  y_ = scroll_y;
  dragging_ = dragging;
}

bool ScrollSettle::settled(core::TimeMs now) const {
  return !dragging_ && now - since_ >= kSettleMs;
}

WindowWant want_window(const ListView& view, int last_visible_row, const ScrollSettle& scroll,
                       core::TimeMs now) {
  if (!wants_window(view, last_visible_row)) return WindowWant::None;
  // The thumb is held: rows come where it is let go, not where it passes.
  if (scroll.dragging()) return WindowWant::Settling;
  const bool near = last_visible_row < static_cast<int>(view.page.rows.size()) + kWindowRows;
  if (near || scroll.settled(now)) return WindowWant::Fetch;
  return WindowWant::Settling;
}

int window_size(const ListView& view, int last_visible_row) {
  const int missing =
      last_visible_row + 1 + kPrefetchRows - static_cast<int>(view.page.rows.size());
  return std::clamp(missing, kWindowRows, kMaxWindowRows);
}

void append_window(ListView& view, ListPage window) {
  ListPage& page = view.page;
  std::unordered_set<core::Id> loaded;
  loaded.reserve(page.rows.size());
  for (const core::DialogRow& r : page.rows) loaded.insert(r.dialog.id);
  for (core::DialogRow& r : window.rows) {
    // A row already loaded came in live and sits where its event put it.
    if (!loaded.count(r.dialog.id)) page.rows.push_back(std::move(r));
  }
  page.total = window.total;
  page.counts = window.counts;
  page.next_cursor = std::move(window.next_cursor);
}

}  // namespace app
