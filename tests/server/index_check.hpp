// The check the index tests share: a view listed through a Store, paged to
// the end, must equal the rulebook's answer over the rows the test believes
// are stored — ids in order, total and per-mode counts.
#pragma once

#include <doctest/doctest.h>

#include <algorithm>

#include "list_world.hpp"

namespace list_test {

inline std::vector<Id> ids_of(const std::vector<const core::DialogRow*>& rows) {
  std::vector<Id> ids;
  for (const auto* row : rows) ids.push_back(row->dialog.id);
  return ids;
}

// Pages through the view `limit` rows at a time; returns the ids it listed.
inline std::vector<Id> page_all(Store& store, const core::Operator& viewer,
                                const core::ViewQuery& q, int limit) {
  std::vector<Id> got;
  server::ListRequest request{q, "", limit, false};
  for (int guard = 0; guard < 5000; ++guard) {
    const server::ListResult page = store.list_dialogs(viewer, request);
    CHECK(static_cast<int>(page.rows.size()) <= limit);
    for (const auto& row : page.rows) got.push_back(row.dialog.id);
    if (page.next_cursor.empty()) break;
    CHECK(page.rows.size() == static_cast<std::size_t>(limit));
    request.cursor = page.next_cursor;
  }
  return got;
}

// Checks one view of `store` against the rulebook over `truth`.
inline void check_view(Store& store, const std::vector<core::DialogRow>& truth,
                       const core::Operator& viewer, const core::ViewQuery& q, int limit) {
  const std::vector<Id> want = ids_of(expected_view(truth, viewer, q));
  const server::ListResult first = store.list_dialogs(viewer, {q, "", limit, true});
  CHECK(first.total == static_cast<int>(want.size()));
  for (int m = 0; m < core::kDialogModeCount; ++m) {
    core::ViewQuery qm = q;
    qm.mode = static_cast<core::DialogMode>(m);
    const auto in_mode = expected_view(truth, viewer, qm);
    const auto unread = std::count_if(in_mode.begin(), in_mode.end(),
                                      [](const auto* r) { return r->dialog.unread > 0; });
    CHECK(first.counts[m].total == static_cast<int>(in_mode.size()));
    CHECK(first.counts[m].unread == static_cast<int>(unread));
  }
  CHECK(page_all(store, viewer, q, limit) == want);
  const std::vector<Id> matching = store.matching_dialog_ids(viewer, q, 40);
  CHECK(matching ==
        std::vector<Id>(want.begin(), want.begin() + std::min<std::size_t>(40, want.size())));
}

// What the store does to the dialogs when a tag, a status and an operator go,
// applied to the rows the test believes are stored; how many fields changed.
inline int forget_in_rows(std::vector<core::DialogRow>& rows, Id tag, Id status, Id op) {
  int touched = 0;
  for (core::DialogRow& r : rows) {
    auto& tags = r.dialog.tag_ids;
    const auto kept = std::remove(tags.begin(), tags.end(), tag);
    touched += static_cast<int>(tags.end() - kept);
    tags.erase(kept, tags.end());
    if (r.dialog.status_id == status) r.dialog.status_id = core::kNoId, ++touched;
    if (r.dialog.responsible_id == op) r.dialog.responsible_id = core::kNoId, ++touched;
  }
  return touched;
}

}  // namespace list_test
