// The dialog list the operator looks at: the view query, the rows the
// backend answered, the totals per mode, and the selection of rows.
#pragma once

#include <array>
#include <cstdint>
#include <set>
#include <string>
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
  std::string next_cursor;  // the window after these rows; empty when they are the last
  // The event log's position the answer shows at least (-1: unknown): the
  // events after it are replayed on top.
  std::int64_t seq = -1;
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
  // Every loaded row (the header's checkbox).
  void select_loaded(const std::vector<core::DialogRow>& rows);
  // Every dialog of the view, loaded or not: a bulk request then names the
  // view's query instead of ids. A click, ctrl-click or shift-click ends it.
  void select_all_matching() { all_matching_ = true; }
  bool all_matching() const { return all_matching_; }
  bool contains(core::Id id) const { return all_matching_ || ids_.count(id) > 0; }
  bool empty() const { return !all_matching_ && ids_.empty(); }
  std::size_t size() const { return ids_.size(); }  // the listed ids (not all matching)
  const std::set<core::Id>& ids() const { return ids_; }

 private:
  std::set<core::Id> ids_;
  core::Id anchor_ = core::kNoId;
  bool all_matching_ = false;
};

struct ListView {
  core::ViewQuery query;
  ListPage page;
  Selection selection;
  bool loading = false;
  bool fetching_window = false;  // the window after page.next_cursor is on its way
  std::string window_error;      // why the last window failed; "" when fine
};

}  // namespace app
