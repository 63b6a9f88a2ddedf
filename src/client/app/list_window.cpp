// Appending windows to the loaded rows.
#include "app/list_window.hpp"

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
