// IndexedStore following the event log, as with several server processes on
// one database: another writer's changes (written to the wrapped store
// directly here, as another process writes the shared database) show in the
// list once their events are followed, and the list's seq never names an
// event whose change it does not show.
#include <doctest/doctest.h>

#include <algorithm>

#include "index_check.hpp"
#include "server/index/indexed_store.hpp"
#include "storage_fixture.hpp"

using namespace server;
using namespace list_test;
using storage_test::TempStore;

namespace {

struct FollowingWorld {
  TempStore db;
  Generated gen;
  core::Operator owner;
  Store* other = nullptr;  // the wrapped store: another process's writes
  IndexedStore* indexed = nullptr;
  FollowingWorld() {
    gen = generate(*db, 300, 33);
    other = db.store.get();
    auto wrapped = std::make_unique<IndexedStore>(std::move(db.store));
    indexed = wrapped.get();
    indexed->follow_event_log();
    db.store = std::move(wrapped);
    owner = gen.directory.operators[0];
  }
  std::int64_t list_seq() {
    ListRequest request;
    return indexed->list_dialogs(owner, request).seq;
  }
  core::Event logged(core::EventKind kind, const core::DialogRow* row = nullptr) {
    core::Event e;
    e.kind = kind;
    if (row) e.row = *row;
    other->append_event(gen.account, e);
    return e;
  }
  void check(const core::ViewQuery& q) { check_view(*indexed, gen.rows, owner, q, 50); }
  void check_all_modes() {
    for (int m = 0; m < core::kDialogModeCount; ++m) {
      core::ViewQuery q;
      q.mode = static_cast<core::DialogMode>(m);
      check(q);
      q.sort = {core::SortKey::Price, false};
      check(q);
      core::ViewQuery by_status = q;
      by_status.filter.statuses = {core::kNoId, gen.directory.statuses[1].id};
      check(by_status);
      core::ViewQuery by_tag = q;
      by_tag.filter.tags = {gen.directory.tags[0].id};
      check(by_tag);
      core::ViewQuery by_responsible = q;
      by_responsible.filter.responsibles = {core::kNoId, gen.directory.operators[2].id};
      check(by_responsible);
    }
  }
};

}  // namespace

TEST_CASE("another writer's dialog changes show once their events are followed, in seq order") {
  FollowingWorld w;
  const std::int64_t start = w.list_seq();
  std::vector<core::Event> events;
  for (int i = 0; i < 30; ++i) {
    core::DialogRow& row = w.gen.rows[static_cast<std::size_t>(i * 9)];
    row.dialog.mode = static_cast<core::DialogMode>((static_cast<int>(row.dialog.mode) + 1) % 3);
    row.dialog.price = 1000000 + i;
    row.dialog.status_id = i % 2 ? core::kNoId : w.gen.directory.statuses[1].id;
    row.client.display_name = "Ольга Следующая " + std::to_string(i);
    w.other->save_client(row.client);
    w.other->save_dialog(row.dialog);
    events.push_back(w.logged(core::EventKind::DialogChanged, &row));
  }
  // Not followed yet: the list still says where it stands.
  CHECK(w.list_seq() == start);
  for (const core::Event& e : events) w.indexed->follow(w.gen.account, e);
  CHECK(w.list_seq() == events.back().seq);
  w.check_all_modes();
  core::ViewQuery search;
  search.mode = w.gen.rows[0].dialog.mode;
  search.filter.search = "следующая";
  w.check(search);
  // An event followed twice, or an older one after a newer, moves nothing back.
  w.indexed->follow(w.gen.account, events.front());
  CHECK(w.list_seq() == events.back().seq);
}

TEST_CASE("another writer's deletions of statuses, tags and operators follow a directory_changed") {
  FollowingWorld w;
  const Id tag = w.gen.directory.tags[0].id;
  const Id status = w.gen.directory.statuses[1].id;
  const Id op = w.gen.directory.operators[2].id;
  REQUIRE(w.other->delete_tag(w.gen.account, tag));
  REQUIRE(w.other->delete_status(w.gen.account, status));
  // A deactivation: the flag, then the release of the operator's dialogs.
  core::Operator inactive = w.gen.directory.operators[2];
  inactive.active = false;
  w.other->save_operator(inactive, "");
  REQUIRE(w.other->release_operator(w.gen.account, op));
  REQUIRE(forget_in_rows(w.gen.rows, tag, status, op) > 30);
  w.indexed->follow(w.gen.account, w.logged(core::EventKind::DirectoryChanged));
  w.check_all_modes();
}

TEST_CASE("this process's own writes show at once; its seq moves only as the log is followed") {
  FollowingWorld w;
  const std::int64_t start = w.list_seq();
  core::DialogRow& row = w.gen.rows[4];
  row.dialog.price = 7777777;
  w.indexed->save_dialog(row.dialog);
  core::Event e;
  e.kind = core::EventKind::DialogChanged;
  e.row = row;
  w.indexed->append_event(w.gen.account, e);
  core::ViewQuery by_price;
  by_price.mode = row.dialog.mode;
  by_price.sort = {core::SortKey::Price, false};
  w.check(by_price);
  CHECK(w.list_seq() == start);
  w.indexed->follow(w.gen.account, e);
  CHECK(w.list_seq() == e.seq);
}
