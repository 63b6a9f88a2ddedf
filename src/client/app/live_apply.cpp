// One changed row against the view: where it was, whether core::in_view still
// takes it, and where core::sorts_before puts it.
#include "app/live_apply.hpp"

#include <algorithm>
#include <optional>

#include "core/filter.hpp"

namespace app {
namespace {

void count(ListPage& page, const core::Dialog& d, int delta) {
  ModeCount& c = page.counts[static_cast<int>(d.mode)];
  c.total = std::max(0, c.total + delta);
  if (d.unread > 0) c.unread = std::max(0, c.unread + delta);
}

// A dialog that the event's own message created: nobody counted it before.
bool created_by(const core::Event& e) {
  return e.kind == core::EventKind::MessageAdded && e.message &&
         e.row->dialog.created_at >= e.message->created_at;
}

}  // namespace

bool apply(ListView& view, const core::Event& e) {
  const bool row_event =
      e.kind == core::EventKind::DialogChanged || e.kind == core::EventKind::MessageAdded;
  if (!row_event || !e.row) return false;
  const core::DialogRow& row = *e.row;
  const core::ViewQuery& q = view.query;
  ListPage& page = view.page;
  std::vector<core::DialogRow>& rows = page.rows;
  // The window holds the whole view: a row not in it is not in the view.
  const bool complete = static_cast<int>(rows.size()) >= page.total;
  const bool now_in = core::in_view(q, row.dialog, row.client);

  // The last loaded row stands for the cursor of the next window: a row that
  // sorts after it is that window's to bring.
  const std::optional<core::Dialog> boundary =
      complete || rows.empty() ? std::nullopt : std::optional<core::Dialog>(rows.back().dialog);
  auto it = std::find_if(rows.begin(), rows.end(),
                         [&row](const core::DialogRow& r) { return r.dialog.id == row.dialog.id; });
  const bool was_in = it != rows.end();
  if (was_in) {
    count(page, it->dialog, -1);  // in view, so it matched the filter and was counted
    rows.erase(it);
    --page.total;
    if (core::matches(q.filter, row.dialog, row.client)) count(page, row.dialog, +1);
    if (!now_in) view.selection.remove(row.dialog.id);
  } else if (created_by(e) || complete) {
    // Not counted in this view before (an older one may stay counted in another mode).
    if (created_by(e) ? core::matches(q.filter, row.dialog, row.client) : now_in) {
      count(page, row.dialog, +1);
    }
  } else if (now_in) {
    --page.total;  // it may sit beyond the loaded window: assume it was counted there
  }
  if (!now_in) return was_in || created_by(e) || complete;

  ++page.total;
  auto at = std::lower_bound(rows.begin(), rows.end(), row,
                             [&q](const core::DialogRow& a, const core::DialogRow& b) {
                               return core::sorts_before(q.sort, a.dialog, b.dialog);
                             });
  // A row that sorts after a partial window stays beyond it, where the server pages it.
  const bool insert = complete || at != rows.end() ||
                      (was_in && !core::sorts_before(q.sort, *boundary, row.dialog));
  if (insert) rows.insert(at, row);
  return insert || created_by(e);
}

}  // namespace app
