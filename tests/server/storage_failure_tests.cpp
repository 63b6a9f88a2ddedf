// Specs of the store when the disk fails under it (tests/server/failing_disk.hpp):
// a full disk and a read-only one are told apart from other failures, a write
// that failed kept nothing, and a transaction SQLite rolled back itself is not
// committed part by part afterwards.
#include <doctest/doctest.h>

#include <algorithm>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "failing_disk.hpp"
#include "server/storage/postgres/pg_db.hpp"
#include "server/storage/seed.hpp"
#include "server/storage/sqlite/sqlite_db.hpp"
#include "server/storage/store.hpp"
#include "storage_fixture.hpp"

using namespace server;
using storage_test::error_kind_of;
using storage_test::FailingDisk;
using storage_test::TempStore;

namespace {

std::vector<std::string> account_names(Store& store) {
  std::vector<std::string> names;
  for (Id id : store.account_ids()) names.push_back(store.account(id)->name);
  return names;
}

bool has(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

}  // namespace

TEST_CASE("SQLite's result codes map to the store's error kinds") {
  using sqlite::error_kind;
  CHECK(error_kind(SQLITE_FULL) == StoreError::Kind::Full);
  CHECK(error_kind(SQLITE_READONLY) == StoreError::Kind::Unavailable);
  CHECK(error_kind(SQLITE_READONLY_DBMOVED) == StoreError::Kind::Unavailable);
  CHECK(error_kind(SQLITE_IOERR_WRITE) == StoreError::Kind::Unavailable);
  CHECK(error_kind(SQLITE_IOERR_FSYNC) == StoreError::Kind::Unavailable);
  CHECK(error_kind(SQLITE_IOERR_SHMSIZE) == StoreError::Kind::Unavailable);
  CHECK(error_kind(SQLITE_CANTOPEN) == StoreError::Kind::Unavailable);
  CHECK(error_kind(SQLITE_BUSY) == StoreError::Kind::Unavailable);
  CHECK(error_kind(SQLITE_CONSTRAINT_UNIQUE) == StoreError::Kind::Conflict);
  CHECK(error_kind(SQLITE_CONSTRAINT_FOREIGNKEY) == StoreError::Kind::Invalid);
  CHECK(error_kind(SQLITE_CORRUPT) == StoreError::Kind::Failure);
  CHECK(error_kind(SQLITE_ERROR) == StoreError::Kind::Failure);
}

TEST_CASE("PostgreSQL's SQLSTATEs map to the same kinds") {
  using postgres::error_kind;
  CHECK(error_kind("53100") == StoreError::Kind::Full);         // disk_full
  CHECK(error_kind("25006") == StoreError::Kind::Unavailable);  // read-only transaction
  CHECK(error_kind("08006") == StoreError::Kind::Unavailable);  // connection failure
  CHECK(error_kind("57P01") == StoreError::Kind::Unavailable);  // admin shutdown
  CHECK(error_kind("40P01") == StoreError::Kind::Contention);   // deadlock: tried again
  CHECK(error_kind("40001") == StoreError::Kind::Contention);   // serialization failure
  CHECK(error_kind("23505") == StoreError::Kind::Conflict);     // unique_violation
  CHECK(error_kind("23503") == StoreError::Kind::Invalid);      // foreign_key_violation
  CHECK(error_kind("22021") == StoreError::Kind::Invalid);      // bad UTF-8
  CHECK(error_kind("XX001") == StoreError::Kind::Failure);      // data corrupted
}

// SQLite's own behaviour (the PostgreSQL run skips it).
TEST_CASE("a full or read-only disk refuses a commit with its kind and keeps nothing" *
          doctest::skip(storage_test::on_postgres())) {
  FailingDisk disk;  // before the store: its connections open through it
  TempStore t;
  t->create_account("before");

  FailingDisk::set(FailingDisk::Mode::Full);
  CHECK(error_kind_of([&] { t->create_account("on a full disk"); }) == StoreError::Kind::Full);
  FailingDisk::set(FailingDisk::Mode::ReadOnly);
  CHECK(error_kind_of([&] { t->create_account("on a read-only disk"); }) ==
        StoreError::Kind::Unavailable);
  // Reads go on meanwhile.
  CHECK(has(account_names(*t), "before"));

  FailingDisk::set(FailingDisk::Mode::Ok);
  t->create_account("after");  // the same connection writes again once the disk does
  t.reopen();
  const std::vector<std::string> names = account_names(*t);
  CHECK(has(names, "before"));
  CHECK(has(names, "after"));
  CHECK_FALSE(has(names, "on a full disk"));
  CHECK_FALSE(has(names, "on a read-only disk"));
}

// SQLite's own behaviour (the PostgreSQL run skips it).
TEST_CASE("a transaction SQLite rolled back itself is not committed part by part after it" *
          doctest::skip(storage_test::on_postgres())) {
  FailingDisk disk;
  TempStore t;
  SeedOptions seed;
  seed.dialogs = 40;
  seed.now = 1'780'000'000'000;
  const Id account = seed_demo(*t, seed).account_id;
  t.reopen();  // a cold page cache: the read below goes to the disk

  // As the group commit runs a batch: each request a nested part of one transaction.
  std::optional<StoreError::Kind> third;
  const std::optional<StoreError::Kind> whole = error_kind_of([&] {
    t->transaction([&] {
      t->transaction([&] { t->create_account("part 1"); });
      // An I/O error mid-statement: SQLite rolls the whole transaction back
      // (part 1 with it) and leaves its savepoints.
      CHECK(error_kind_of([&] {
              t->transaction([&] {
                FailingDisk::set(FailingDisk::Mode::ReadErrors);
                t->messages(account, 1, 0, 50);
              });
            }) == StoreError::Kind::Unavailable);
      FailingDisk::set(FailingDisk::Mode::Ok);
      // Its SAVEPOINT would begin a transaction of its own and RELEASE commit it.
      third = error_kind_of([&] { t->transaction([&] { t->create_account("part 3"); }); });
    });
  });
  CHECK(third == StoreError::Kind::Unavailable);
  CHECK(whole == StoreError::Kind::Unavailable);  // the batch is refused whole, with the cause

  t.reopen();
  const std::vector<std::string> names = account_names(*t);
  CHECK_FALSE(has(names, "part 1"));
  CHECK_FALSE(has(names, "part 3"));
  t->create_account("next");  // and the store writes on
  CHECK(has(account_names(*t), "next"));
}
