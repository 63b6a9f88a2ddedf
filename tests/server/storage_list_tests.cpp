// The dialog list of the SQLite store against the rulebook: for many random
// views, paging through list_dialogs must give exactly the dialogs that
// core::can_see + core::in_view select, in core::sorts_before order, with the
// same total and per-mode counts.
#include <doctest/doctest.h>

#include <algorithm>
#include <random>

#include "core/demo_data.hpp"
#include "core/filter.hpp"
#include "core/visibility.hpp"
#include "list_world.hpp"
#include "server/storage/store.hpp"
#include "storage_fixture.hpp"

using namespace server;
using storage_test::json_of;
using storage_test::TempStore;

namespace {

using namespace list_test;

std::string describe(const core::Operator& viewer, const core::ViewQuery& q, int limit) {
  return "viewer " + std::to_string(viewer.id) + " limit " + std::to_string(limit) + " query " +
         json_of(q);
}

}  // namespace

TEST_CASE("paging any view of 1500 dialogs gives exactly the rulebook's rows, order and counts") {
  TempStore db;
  Generated world = generate(*db, 1500, 7);
  // A second account whose dialogs must never show up.
  Generated other = generate(*db, 200, 8);
  std::vector<core::DialogRow> all = world.rows;
  all.insert(all.end(), other.rows.begin(), other.rows.end());

  std::vector<core::Operator> viewers = world.directory.operators;  // owner, admin, 2 managers,
                                                                    // a supervisor
  core::Operator lonely = viewers[2];
  lonely.source_ids.clear();  // a manager with no sources sees nothing
  viewers.push_back(lonely);
  viewers.push_back(other.directory.operators[0]);

  QueryMaker maker(world, 2024);
  const int limits[] = {1, 3, 7, 25, 60};
  std::mt19937 rng(99);
  int nonempty = 0;
  for (int round = 0; round < 400; ++round) {
    const core::ViewQuery q = maker.next();
    const core::Operator& viewer = viewers[rng() % viewers.size()];
    const int limit = limits[rng() % 5];
    CAPTURE(describe(viewer, q, limit));

    const auto expected = expected_view(all, viewer, q);
    if (!expected.empty()) ++nonempty;
    std::vector<Id> want;
    for (const auto* row : expected) want.push_back(row->dialog.id);

    ListRequest request{q, "", limit, true};
    ListResult first = db->list_dialogs(viewer, request);
    CHECK(first.total == static_cast<int>(expected.size()));
    for (int m = 0; m < core::kDialogModeCount; ++m) {
      core::ViewQuery qm = q;
      qm.mode = static_cast<core::DialogMode>(m);
      const auto in_mode = expected_view(all, viewer, qm);
      const auto unread = std::count_if(in_mode.begin(), in_mode.end(),
                                        [](const auto* r) { return r->dialog.unread > 0; });
      CHECK(first.counts[m].total == static_cast<int>(in_mode.size()));
      CHECK(first.counts[m].unread == static_cast<int>(unread));
    }
    // The rows carry everything: dialog with tags and tasks, client with identities.
    for (std::size_t i = 0; i < first.rows.size() && i < expected.size(); ++i) {
      CHECK(json_of(first.rows[i]) == json_of(*expected[i]));
    }

    std::vector<Id> got;
    ListResult page = std::move(first);
    for (int guard = 0; guard < 2000; ++guard) {
      CHECK(static_cast<int>(page.rows.size()) <= limit);
      for (const auto& row : page.rows) got.push_back(row.dialog.id);
      if (page.next_cursor.empty()) break;
      CHECK(page.rows.size() == static_cast<std::size_t>(limit));
      request.cursor = page.next_cursor;
      request.with_totals = false;
      page = db->list_dialogs(viewer, request);
    }
    CHECK(got == want);

    const auto matching = db->matching_dialog_ids(viewer, q, 40);
    const std::vector<Id> head(want.begin(), want.begin() + std::min<std::size_t>(40, want.size()));
    CHECK(matching == head);
  }
  CHECK(nonempty > 200);  // the random views are not mostly empty
}

TEST_CASE("a response-time view puts dialogs without a response time last in both directions") {
  TempStore db;
  Generated world = generate(*db, 300, 3);
  const core::Operator owner = world.directory.operators[0];
  for (bool descending : {true, false}) {
    core::ViewQuery q;
    q.mode = core::DialogMode::New;
    q.sort = {core::SortKey::ResponseTime, descending};
    const auto expected = expected_view(world.rows, owner, q);
    REQUIRE(expected.size() > 10);
    CHECK(expected.back()->dialog.response_time_ms < 0);
    std::vector<Id> got;
    ListRequest request{q, "", 4, false};
    for (;;) {
      const ListResult page = db->list_dialogs(owner, request);
      for (const auto& row : page.rows) got.push_back(row.dialog.id);
      if (page.next_cursor.empty()) break;
      request.cursor = page.next_cursor;
    }
    REQUIRE(got.size() == expected.size());
    for (std::size_t i = 0; i < got.size(); ++i) CHECK(got[i] == expected[i]->dialog.id);
  }
}

TEST_CASE("a malformed cursor or one of another sort order is refused as invalid") {
  TempStore db;
  Generated world = generate(*db, 50, 5);
  check_cursor_refusals(*db, world.directory.operators[0]);
}
