// ordered_window: the changed dialogs sorted apart, merged with the walk over
// the order's base from the cursor's place on.
#include "server/index/ordered_window.hpp"

#include <algorithm>

namespace server::index {
namespace {

bool accepts(const AccountColumns& c, const WindowAsk& ask, std::uint32_t slot) {
  return c.mode[slot] == ask.mode && (!ask.pass || ask.pass[slot]);
}

// The first position of the walk whose unchanged dialog sorts after the
// cursor. Keys grow along the walk; changed dialogs hold stale places.
std::size_t first_after_cursor(const AccountColumns& c, const SortOrder& order,
                               const WindowAsk& ask, std::size_t& visited) {
  const bool desc = ask.sort.descending;
  std::size_t lo = 0;
  std::size_t hi = order.size();
  while (lo < hi) {
    const std::size_t mid = lo + (hi - lo) / 2;
    std::size_t j = mid;
    while (j < hi && order.is_changed(order.at(j, desc))) ++j;
    visited += j - mid + 1;
    if (j == hi) {
      hi = mid;
    } else if (!(*ask.after < slot_key(c, ask.sort, order.at(j, desc)))) {
      lo = j + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

bool key_less(const Candidate& a, const Candidate& b) {
  return a.first < b.first;
}

}  // namespace

bool ordered_window(const AccountColumns& c, const WindowAsk& ask, std::vector<Candidate>& rows,
                    std::size_t& visited) {
  const SortOrder& order = c.orders[static_cast<int>(ask.sort.key)];
  rows.clear();
  if (ask.keep == 0) return true;
  // The changed dialogs that belong after the cursor, best first.
  std::vector<Candidate> changed;
  for (const std::uint32_t slot : order.changed()) {
    ++visited;
    if (!accepts(c, ask, slot)) continue;
    const SortKey key = slot_key(c, ask.sort, slot);
    if (!ask.after || *ask.after < key) changed.push_back({key, slot});
  }
  if (changed.size() > ask.keep) {
    std::nth_element(changed.begin(), changed.begin() + static_cast<std::ptrdiff_t>(ask.keep),
                     changed.end(), key_less);
    changed.resize(ask.keep);
  }
  std::sort(changed.begin(), changed.end(), key_less);

  const bool desc = ask.sort.descending;
  std::size_t next_changed = 0;
  std::size_t steps = 0;
  std::size_t p = ask.after ? first_after_cursor(c, order, ask, visited) : 0;
  for (; p < order.size() && rows.size() < ask.keep; ++p) {
    if (++steps > ask.budget) return false;
    const std::uint32_t slot = order.at(p, desc);
    ++visited;
    if (order.is_changed(slot) || !accepts(c, ask, slot)) continue;
    const SortKey key = slot_key(c, ask.sort, slot);
    while (next_changed < changed.size() && changed[next_changed].first < key &&
           rows.size() < ask.keep) {
      rows.push_back(changed[next_changed++]);
    }
    if (rows.size() < ask.keep) rows.push_back({key, slot});
  }
  while (next_changed < changed.size() && rows.size() < ask.keep) {
    rows.push_back(changed[next_changed++]);
  }
  return true;
}

}  // namespace server::index
