// The dialog list as SQL: a view's filter and visibility as a WHERE clause of
// fixed fragments with `?` parameters, the keyset page query for each sort,
// the opaque cursor, and the folded search columns of a client.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/filter.hpp"
#include "server/storage/sql/sql_db.hpp"

namespace server::sql {

// A condition over `dialogs d` and its parameters, in order.
struct SqlPart {
  std::string sql;
  std::vector<Param> params;
};

// The viewer's account and visibility (core::can_see) and every kind of the
// filter (core::matches), but not the mode: the per-mode counts group by it.
SqlPart view_condition(const Dialect& dialect, const core::Operator& viewer,
                       const core::Filter& filter);

// Where a window starts: after the row with this sort value and id. has_value
// false is a row of the "no value" tail (a response time of none).
struct Cursor {
  bool has_value = true;
  std::int64_t value = 0;
  core::Id id = 0;
};
Cursor cursor_of(core::SortKey key, const core::Dialog& dialog);
std::string encode_cursor(const core::Sort& sort, const Cursor& cursor);
// Throws StoreError(Invalid) for text that is not a cursor of this sort order.
Cursor decode_cursor(const core::Sort& sort, const std::string& text);

// The rows of one segment of the view in the sort's order: the rows that have
// a sort value (value_segment) or the rest, which come after them in either
// direction (core::sorts_before). `after` continues a window; `columns` is the
// select list over `d`.
SqlPart page_query(const SqlPart& condition, core::DialogMode mode, const core::Sort& sort,
                   bool value_segment, const std::optional<Cursor>& after, int limit,
                   const std::string& columns);
// Whether a sort has rows without a value (only the response time has).
bool has_no_value_segment(core::SortKey key);

// A search as the list runs it: the trimmed, core::fold_case'd text (empty for
// a blank search) and, for a query typed as a phone number, its digits (else
// empty), which also match the phone's digits (core::client_matches_search).
struct SearchTerms {
  std::string text;
  std::string digits;
};
SearchTerms search_terms(std::string_view search);

// The folded text client search runs on: name, nick, phone and identities,
// each core::fold_case'd, separated by a control character (a query holding
// it matches no client by text).
std::string client_search_text(const core::Client& client);

}  // namespace server::sql
