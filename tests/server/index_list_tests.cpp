// The dialog list of IndexedStore against the rulebook: for many random views,
// viewers and page sizes, paging through list_dialogs must give exactly the
// dialogs core::can_see + core::in_view select, in core::sorts_before order,
// with the same total and per-mode counts — whether the index was built by
// the writes or loaded from an existing database.
#include <doctest/doctest.h>

#include "core/codec.hpp"
#include "index_check.hpp"
#include "server/index/indexed_store.hpp"
#include "server/storage/sql/dialog_query.hpp"
#include "storage_fixture.hpp"

using namespace server;
using namespace list_test;
using storage_test::json_of;
using storage_test::TempStore;

namespace {

void wrap(TempStore& db) {
  db.store = std::make_unique<IndexedStore>(std::move(db.store));
}

// Random views over one account with a second account beside it.
void check_random_views(bool index_before_writes, std::uint32_t seed, int rounds) {
  TempStore db;
  if (index_before_writes) wrap(db);
  Generated world = generate(*db, 1500, seed);
  Generated other = generate(*db, 200, seed + 1);
  if (!index_before_writes) wrap(db);
  std::vector<core::DialogRow> all = world.rows;
  all.insert(all.end(), other.rows.begin(), other.rows.end());

  std::vector<core::Operator> viewers = world.directory.operators;  // owner, admin, managers,
                                                                    // a supervisor
  core::Operator lonely = viewers[2];
  lonely.source_ids.clear();  // a manager with no sources sees nothing
  viewers.push_back(lonely);
  viewers.push_back(other.directory.operators[0]);
  core::Operator nobody = viewers[0];
  nobody.account_id = core::kNoId;
  viewers.push_back(nobody);

  QueryMaker maker(world, seed * 31);
  const int limits[] = {1, 3, 7, 25, 60, 500};
  std::mt19937 rng(seed);
  int nonempty = 0;
  for (int round = 0; round < rounds; ++round) {
    const core::ViewQuery q = maker.next();
    const core::Operator& viewer = viewers[rng() % viewers.size()];
    const int limit = limits[rng() % 6];
    CAPTURE(json_of(q));
    CAPTURE(viewer.id);
    CAPTURE(limit);
    const auto expected = expected_view(all, viewer, q);
    if (!expected.empty()) ++nonempty;
    check_view(*db, all, viewer, q, limit);
    // The rows carry everything: dialog with tags and tasks, client with identities.
    const ListResult first = db->list_dialogs(viewer, {q, "", limit, false});
    for (std::size_t i = 0; i < first.rows.size() && i < expected.size(); ++i) {
      CHECK(json_of(first.rows[i]) == json_of(*expected[i]));
    }
  }
  CHECK(nonempty > rounds / 3);  // the random views are not mostly empty
}

}  // namespace

TEST_CASE("an index built by the writes lists any view exactly as the rulebook") {
  check_random_views(true, 7, 400);
}

TEST_CASE("an index loaded from an existing database lists any view exactly as the rulebook") {
  check_random_views(false, 11, 400);
}

TEST_CASE("the index puts dialogs without a response time last in both directions") {
  TempStore db;
  Generated world = generate(*db, 300, 3);
  wrap(db);
  const core::Operator owner = world.directory.operators[0];
  for (bool descending : {true, false}) {
    core::ViewQuery q;
    q.mode = core::DialogMode::New;
    q.sort = {core::SortKey::ResponseTime, descending};
    const auto expected = expected_view(world.rows, owner, q);
    REQUIRE(expected.size() > 10);
    CHECK(expected.back()->dialog.response_time_ms < 0);
    CHECK(page_all(*db, owner, q, 4) == ids_of(expected));
  }
}

TEST_CASE("cursors of the index and of SQLite continue each other's windows") {
  TempStore db;
  Generated world = generate(*db, 300, 4);
  Store& sqlite = *db.store;
  auto indexed = std::make_unique<IndexedStore>(std::move(db.store));
  const core::Operator owner = world.directory.operators[0];
  for (core::SortKey key : {core::SortKey::ResponseTime, core::SortKey::Price}) {
    ListRequest request;
    request.query.mode = core::DialogMode::New;
    request.query.sort = {key, false};
    request.limit = 5;
    const auto expected = ids_of(expected_view(world.rows, owner, request.query));
    std::vector<Id> got;
    for (int i = 0; i < 1000; ++i) {
      Store& store = i % 2 ? sqlite : static_cast<Store&>(*indexed);  // alternate the two
      const ListResult page = store.list_dialogs(owner, request);
      for (const auto& row : page.rows) got.push_back(row.dialog.id);
      if (page.next_cursor.empty()) break;
      request.cursor = page.next_cursor;
    }
    CHECK(got == expected);
  }
  // A cursor we never make (a response time below zero "with a value") reads
  // the same in both: before every value ascending, after them descending.
  for (bool descending : {false, true}) {
    ListRequest request;
    request.query.mode = core::DialogMode::New;
    request.query.sort = {core::SortKey::ResponseTime, descending};
    request.cursor = sql::encode_cursor(request.query.sort, {true, -5, 0});
    request.limit = 500;
    const ListResult a = sqlite.list_dialogs(owner, request);
    const ListResult b = indexed->list_dialogs(owner, request);
    REQUIRE(a.rows.size() == b.rows.size());
    CHECK_FALSE(a.rows.empty());
    for (std::size_t i = 0; i < a.rows.size(); ++i)
      CHECK(a.rows[i].dialog.id == b.rows[i].dialog.id);
  }
  db.store = std::move(indexed);
}

TEST_CASE("the index refuses a malformed cursor or one of another sort order as invalid") {
  TempStore db;
  Generated world = generate(*db, 50, 5);
  wrap(db);
  check_cursor_refusals(*db, world.directory.operators[0]);
}
