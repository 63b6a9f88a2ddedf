// Selection rules of the dialog list.
#include "app/list_view.hpp"

#include <algorithm>

namespace app {

void Selection::click(core::Id id) {
  all_matching_ = false;
  ids_.clear();
  ids_.insert(id);
  anchor_ = id;
}

void Selection::toggle(core::Id id) {
  all_matching_ = false;
  if (!ids_.erase(id)) ids_.insert(id);
  anchor_ = id;
}

void Selection::extend(core::Id id, const std::vector<core::DialogRow>& rows) {
  auto position = [&rows](core::Id x) {
    return std::find_if(rows.begin(), rows.end(),
                        [x](const core::DialogRow& r) { return r.dialog.id == x; });
  };
  all_matching_ = false;
  auto to = position(id);
  auto from = position(anchor_);
  if (to == rows.end()) return;
  if (from == rows.end()) {
    click(id);
    return;
  }
  if (from > to) std::swap(from, to);
  for (auto it = from; it <= to; ++it) ids_.insert(it->dialog.id);
}

void Selection::remove(core::Id id) {
  ids_.erase(id);
  if (anchor_ == id) anchor_ = core::kNoId;
}

void Selection::clear() {
  ids_.clear();
  anchor_ = core::kNoId;
  all_matching_ = false;
}

void Selection::select_loaded(const std::vector<core::DialogRow>& rows) {
  for (const core::DialogRow& r : rows) ids_.insert(r.dialog.id);
}

}  // namespace app
