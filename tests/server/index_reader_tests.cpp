// The list reads its page's rows on a connection of its own
// (IndexedStore::read_rows_from): a list answers while the writer holds the
// store in a long transaction, and shows what was committed, not what that
// transaction has written so far.
#include <doctest/doctest.h>

#include <chrono>
#include <future>
#include <map>
#include <thread>

#include "index_check.hpp"
#include "server/index/indexed_store.hpp"
#include "storage_fixture.hpp"

using namespace server;
using namespace list_test;
using storage_test::TempStore;

TEST_CASE("a list answers from its reader while a write transaction holds the store") {
  TempStore db;
  const Generated gen = generate(*db, 200, 7);
  auto wrapped = std::make_unique<IndexedStore>(std::move(db.store));
  IndexedStore& store = *wrapped;
  store.read_rows_from(open_reader(db.location()));
  db.store = std::move(wrapped);
  const core::Operator owner = gen.directory.operators[0];
  std::map<Id, std::int64_t> committed_price;
  for (const core::DialogRow& row : gen.rows) committed_price[row.dialog.id] = row.dialog.price;

  std::promise<void> holding;
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::thread writer([&] {
    store.transaction([&] {
      for (core::DialogRow row : gen.rows) {
        row.dialog.price += 1000;  // not committed while the list runs
        store.save_dialog(row.dialog);
      }
      holding.set_value();
      released.wait();
    });
  });
  holding.get_future().wait();

  std::future<ListResult> listed = std::async(std::launch::async, [&] {
    ListRequest request;
    request.limit = kMaxListLimit;
    return store.list_dialogs(owner, request);
  });
  // Reading the rows through the writer's connection would wait for the release.
  const bool answered = listed.wait_for(std::chrono::seconds(30)) == std::future_status::ready;
  release.set_value();
  writer.join();
  REQUIRE(answered);
  const ListResult result = listed.get();
  CHECK(!result.rows.empty());
  for (const core::DialogRow& row : result.rows) {
    CHECK(row.dialog.price == committed_price.at(row.dialog.id));
  }
}
