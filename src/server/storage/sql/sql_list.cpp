// SqlStore: the dialog list — a window of a view by keyset pagination, its
// total and the per-mode counts — and the ids of "all matching" bulk actions.
#include <algorithm>

#include "server/storage/sql/dialog_query.hpp"
#include "server/storage/sql/sql_store.hpp"

namespace server::sql {

void SqlStore::scan_view(const core::Operator& viewer, const core::ViewQuery& query,
                         const std::string& cursor, int limit, const char* columns,
                         const std::function<void(const Stmt&)>& row) {
  const SqlPart condition = view_condition(db_.dialect(), viewer, query.filter);
  std::optional<Cursor> after;
  if (!cursor.empty()) after = decode_cursor(query.sort, cursor);
  int read = 0;
  auto run = [&](bool value_segment, const std::optional<Cursor>& from) {
    const SqlPart q =
        page_query(condition, query.mode, query.sort, value_segment, from, limit - read, columns);
    Stmt stmt = db_.prepare(q.sql);
    stmt.bind_params(q.params);
    while (stmt.step()) {
      row(stmt);
      ++read;
    }
  };
  // Rows with a sort value come first in either direction, then (response time
  // only) the rows with none, by id: core::sorts_before.
  if (!after || after->has_value) {
    run(true, after);
    if (read < limit && has_no_value_segment(query.sort.key)) run(false, std::nullopt);
  } else {
    run(false, after);
  }
}

ListResult SqlStore::list_dialogs(const core::Operator& viewer, const ListRequest& request) {
  Lock lock(mutex_);
  const int limit = std::clamp(request.limit, 1, kMaxListLimit);
  const core::ViewQuery& query = request.query;
  ListResult result;
  // One transaction: the window and the counts see the same state.
  atomically([&] {
    result.seq = last_seq(viewer.account_id);
    std::vector<core::Dialog> dialogs;
    scan_view(viewer, query, request.cursor, limit + 1, kDialogColumns,
              [&](const Stmt& stmt) { dialogs.push_back(load_dialog_row(stmt)); });
    if (static_cast<int>(dialogs.size()) > limit) {
      dialogs.resize(static_cast<std::size_t>(limit));
      result.next_cursor = encode_cursor(query.sort, cursor_of(query.sort.key, dialogs.back()));
    }
    result.rows = complete_rows(std::move(dialogs));
    if (!request.with_totals) return;

    const SqlPart condition = view_condition(db_.dialect(), viewer, query.filter);
    Stmt stmt = db_.prepare(
        "SELECT d.mode, count(*), count(*) FILTER (WHERE d.unread > 0) "
        "FROM dialogs d WHERE " +
        condition.sql + " GROUP BY d.mode");
    stmt.bind_params(condition.params);
    while (stmt.step()) {
      const int mode = stmt.int32(0);
      if (mode < 0 || mode >= core::kDialogModeCount) continue;
      result.counts[mode] = {stmt.int32(1), stmt.int32(2)};
    }
    result.total = result.counts[static_cast<int>(query.mode)].total;
  });
  return result;
}

std::vector<Id> SqlStore::matching_dialog_ids(const core::Operator& viewer,
                                              const core::ViewQuery& query, int limit) {
  Lock lock(mutex_);
  std::vector<Id> ids;
  if (limit <= 0) return ids;
  scan_view(viewer, query, "", limit, "d.id",
            [&](const Stmt& stmt) { ids.push_back(stmt.int64(0)); });
  return ids;
}

}  // namespace server::sql
