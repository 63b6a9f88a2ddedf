// A page's rows are read by their ids, whatever statistics the database
// holds: on a freshly seeded database (sqlite_stat1 without a row for
// `dialogs`) SQLite once chose to walk the account's dialogs in an index to
// find the page's fifty, 80 ms at a million dialogs for every list (#15).
// Counted in SQLite's virtual-machine steps, which do not depend on the machine.
#include <doctest/doctest.h>
#include <sqlite3.h>

#include "server/storage/seed.hpp"
#include "server/storage/sql/sql_store.hpp"
#include "storage_fixture.hpp"

using namespace server;
using storage_test::TempStore;

namespace {

// Steps for the rows of `ids` (the dialog, its tags and tasks, the client and
// its identities), on a fresh connection to `path`.
std::int64_t steps_for_rows(const std::string& path, Id account, const std::vector<Id>& ids,
                            std::size_t& rows) {
  std::unique_ptr<Store> store = open_sqlite_store(path);
  auto& sql_store = dynamic_cast<sql::SqlStore&>(*store);
  const std::int64_t before = sql_store.work_done();
  rows = store->dialog_rows(account, ids).size();
  return sql_store.work_done() - before;
}

}  // namespace

// SQLite's own behaviour (the PostgreSQL run skips it).
TEST_CASE("a freshly seeded database reads a page's rows by id, not by a walk of the account" *
          doctest::skip(storage_test::on_postgres())) {
  TempStore db;
  SeedOptions options;
  options.dialogs = 6000;
  options.now = 1'760'000'000'000;
  const SeedStats seeded = seed_demo(*db, options);
  // Closing runs PRAGMA optimize, as the seed command's exit does: it leaves
  // statistics for some tables and none for `dialogs`.
  db.store.reset();

  // The newest fifty ids, read in rowid order on a bare connection: a store's
  // query would use an index of `dialogs`, and its close would then analyze it.
  std::vector<Id> ids;
  {
    sqlite3* raw = nullptr;
    REQUIRE(sqlite3_open(db.path.string().c_str(), &raw) == SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    REQUIRE(sqlite3_prepare_v2(raw, "SELECT id FROM dialogs ORDER BY id DESC LIMIT 50", -1, &stmt,
                               nullptr) == SQLITE_OK);
    while (sqlite3_step(stmt) == SQLITE_ROW) ids.push_back(sqlite3_column_int64(stmt, 0));
    sqlite3_finalize(stmt);
    sqlite3_close(raw);
  }
  REQUIRE(ids.size() == 50);
  std::size_t rows = 0;
  const std::int64_t steps = steps_for_rows(db.path.string(), seeded.account_id, ids, rows);
  CHECK(rows == 50);
  // By id: ~4,900 steps (~100 a row). The walk of the account's index took
  // ~58,000 here, ~10 a dialog of the account.
  CHECK(steps < 50 * 200);
  db.reopen();
}
