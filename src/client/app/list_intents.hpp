// What the operator asked of the list during a frame beyond modes, search and
// rows: filters, selection of all, bulk actions, writing first, more rows.
#pragma once

#include <optional>
#include <string>

#include "app/filter_state.hpp"
#include "core/bulk.hpp"

namespace app {

struct WriteFirstForm {
  core::Id source = core::kNoId;
  std::string to;  // a phone or a username
  std::string text;
};

struct ListIntents {
  std::optional<FilterState> filter;  // the filters bar changed (× resets to an empty state)
  LocalClock clock;                   // what date presets resolve against
  Locale locale = Locale::Ru;         // of the summaries and errors the intents lead to
  bool select_loaded = false;         // the header's checkbox
  bool select_all_matching = false;   // "select all N matching"
  bool clear_selection = false;
  std::optional<core::BulkCommand> bulk;
  bool dismiss_bulk_summary = false;
  std::optional<WriteFirstForm> write_first;
  bool dismiss_write_first_error = false;
  bool more_rows = false;  // the table nears the end of the loaded rows
  int more_rows_size = 0;  // how many to ask for (0: a window, kWindowRows)

  bool any() const {
    return filter || select_loaded || select_all_matching || clear_selection || bulk ||
           dismiss_bulk_summary || write_first || dismiss_write_first_error || more_rows;
  }
};

}  // namespace app
