// ordered_window: a walk over the sort key's order from the cursor's place on.
#include "server/index/ordered_window.hpp"

namespace server::index {
namespace {

bool accepts(const AccountColumns& c, const WindowAsk& ask, std::uint32_t slot) {
  return c.mode[slot] == ask.mode && (!ask.pass || ask.pass[slot]) &&
         (!ask.passes || ask.passes(slot));
}

// The first position of the walk whose dialog sorts after the cursor: keys
// grow along the walk.
std::size_t first_after_cursor(const AccountColumns& c, const SortOrder::View& order,
                               const WindowAsk& ask, std::size_t& visited) {
  std::size_t lo = 0;
  std::size_t hi = order.size();
  while (lo < hi) {
    const std::size_t mid = lo + (hi - lo) / 2;
    ++visited;
    if (!(*ask.after < slot_key(c, ask.sort, order.at(mid, ask.sort.descending)))) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

}  // namespace

bool ordered_window(const AccountColumns& c, const WindowAsk& ask, std::vector<Candidate>& rows,
                    std::size_t& visited) {
  const SortOrder::View order(c.orders[static_cast<int>(ask.sort.key)]);
  rows.clear();
  std::size_t steps = 0;
  std::size_t p = ask.after ? first_after_cursor(c, order, ask, visited) : 0;
  for (; p < order.size() && rows.size() < ask.keep; ++p) {
    if (++steps > ask.budget) return false;
    const std::uint32_t slot = order.at(p, ask.sort.descending);
    ++visited;
    if (accepts(c, ask, slot)) rows.push_back({slot_key(c, ask.sort, slot), slot});
  }
  return true;
}

}  // namespace server::index
