// The dialog list the operator looks at: the view query, the rows the
// backend answered, the totals per mode, and the selection of rows.
#pragma once

#include <array>
#include <set>
#include <vector>

#include "core/entities.hpp"
#include "core/filter.hpp"

namespace app {

struct ModeCount {
  int total = 0;
  int unread = 0;  // dialogs with unread messages
};

struct ListPage {
  std::vector<core::DialogRow> rows;  // sorted as the query says
  int total = 0;                      // dialogs in the view
  std::array<ModeCount, core::kDialogModeCount> counts{};
};

// A set of dialog ids, so that sorting and live updates cannot break it.
class Selection {
 public:
  void click(core::Id id);   // select only this one
  void toggle(core::Id id);  // ctrl-click
  // shift-click: select the rows between the last clicked row and this one
  void extend(core::Id id, const std::vector<core::DialogRow>& rows);
  void remove(core::Id id);  // the row left the view
  void clear();
  bool contains(core::Id id) const { return ids_.count(id) > 0; }
  std::size_t size() const { return ids_.size(); }
  const std::set<core::Id>& ids() const { return ids_; }

 private:
  std::set<core::Id> ids_;
  core::Id anchor_ = core::kNoId;
};

struct ListView {
  core::ViewQuery query;
  ListPage page;
  Selection selection;
  bool loading = false;
};

}  // namespace app
