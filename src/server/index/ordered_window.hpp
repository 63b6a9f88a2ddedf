// A list window read from the front of a kept order (sort_order.hpp) instead
// of a scan: the dialogs are looked at best first until the window is full,
// so a view whose rows are common costs about the window's size.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "server/index/sort_keys.hpp"

namespace server::index {

struct WindowAsk {
  core::Sort sort;
  std::uint8_t mode = 0;                      // the view's mode
  const std::uint8_t* pass = nullptr;         // per slot, the filter's verdict; none: every dialog
  const SortKey* after = nullptr;             // the cursor's key; none: from the start
  std::size_t keep = 0;                       // rows wanted
  std::size_t budget = 0;                     // dialogs of the order to look at before giving up
  std::function<bool(std::uint32_t)> passes;  // the filter row by row, when set (no `pass`)
};

// Fills `rows` with the best `ask.keep` rows after the cursor, best first,
// and adds the dialogs looked at to `visited`. False when the budget ran out
// first (the filter passes too few of the mode's dialogs: a scan is cheaper).
bool ordered_window(const AccountColumns& c, const WindowAsk& ask, std::vector<Candidate>& rows,
                    std::size_t& visited);

}  // namespace server::index
