// IndexedStore follows the writes: saved dialogs and clients, deleted
// statuses, tags and operators show in the list at once; a transaction's
// changes show only when it commits, and a rolled-back one (or a rolled-back
// nested part) leaves the index as it was.
#include <doctest/doctest.h>

#include <algorithm>
#include <stdexcept>
#include <thread>

#include "core/lifecycle.hpp"
#include "index_check.hpp"
#include "server/index/indexed_store.hpp"
#include "storage_fixture.hpp"

using namespace server;
using namespace list_test;
using storage_test::TempStore;

namespace {

// An indexed store with 400 generated dialogs, and the rows it should hold.
struct World {
  TempStore db;
  Generated gen;
  core::Operator owner;
  World() {
    gen = generate(*db, 400, 21);
    db.store = std::make_unique<IndexedStore>(std::move(db.store));
    owner = gen.directory.operators[0];
  }
  std::vector<core::DialogRow>& rows() { return gen.rows; }
  // Every mode with each filter kind the writes below touch, both directions.
  void check_all() {
    for (int m = 0; m < core::kDialogModeCount; ++m) {
      core::ViewQuery q;
      q.mode = static_cast<core::DialogMode>(m);
      check_view(*db, rows(), owner, q, 60);
      q.sort = {core::SortKey::Created, false};
      check_view(*db, rows(), owner, q, 60);
      core::ViewQuery by_status = q;
      by_status.filter.statuses = {core::kNoId, gen.directory.statuses[1].id};
      check_view(*db, rows(), owner, by_status, 60);
      core::ViewQuery by_tag = q;
      by_tag.filter.tags = {gen.directory.tags[0].id, gen.directory.tags[2].id};
      check_view(*db, rows(), owner, by_tag, 60);
      core::ViewQuery by_responsible = q;
      by_responsible.filter.responsibles = {core::kNoId, gen.directory.operators[2].id};
      check_view(*db, rows(), owner, by_responsible, 60);
      core::ViewQuery by_search = q;
      by_search.filter.search = "ольга";
      check_view(*db, rows(), owner, by_search, 60);
    }
  }
  // The list as the index shows it now, for "nothing changed" checks.
  std::vector<std::vector<Id>> snapshot() {
    std::vector<std::vector<Id>> out;
    for (int m = 0; m < core::kDialogModeCount; ++m) {
      core::ViewQuery q;
      q.mode = static_cast<core::DialogMode>(m);
      out.push_back(db->matching_dialog_ids(owner, q, 10000));
      q.filter.search = "ольга";
      out.push_back(db->matching_dialog_ids(owner, q, 10000));
      q.filter.search.clear();
      q.filter.tags = {gen.directory.tags[0].id};
      out.push_back(db->matching_dialog_ids(owner, q, 10000));
    }
    return out;
  }
};

}  // namespace

TEST_CASE("a saved dialog's new mode, status, tags and sort values show in the list") {
  World w;
  w.check_all();
  for (int i = 0; i < 40; ++i) {
    core::DialogRow& row = w.rows()[static_cast<std::size_t>(i * 7)];
    core::Dialog& d = row.dialog;
    d.mode = static_cast<core::DialogMode>((static_cast<int>(d.mode) + 1 + i) % 3);
    d.status_id = i % 3 == 0 ? core::kNoId : w.gen.directory.statuses[1].id;
    d.tag_ids = i % 2 ? std::vector<Id>{} : std::vector<Id>{w.gen.directory.tags[2].id};
    d.created_at -= 1000 * i;
    d.unread = i % 4;
    w.db->save_dialog(d);
  }
  w.check_all();
}

TEST_CASE("a message's new unread count, preview, mode and order show in the list and rows") {
  World w;
  core::Dialog* archived = nullptr;
  for (int i = 0; i < 60; ++i) {
    core::DialogRow& row = w.rows()[static_cast<std::size_t>(i * 5)];
    if (!archived && row.dialog.mode == core::DialogMode::Archived) archived = &row.dialog;
    core::Message m;
    m.dialog_id = row.dialog.id;
    m.direction = i % 3 == 2 ? core::Direction::Out : core::Direction::In;
    m.text = "Сообщение " + std::to_string(i);
    m.created_at = row.dialog.last_message_at + 1000 + i;
    core::apply_message(row.dialog, m);
    m.id = w.db->add_message(m, row.dialog);
    CHECK(m.id != core::kNoId);
  }
  REQUIRE(archived);  // an inbound message brought it back to New
  CHECK(archived->mode == core::DialogMode::New);
  w.check_all();
  // The rows the list reads carry the same fields the test applied.
  for (int i = 0; i < 60; ++i) {
    const core::DialogRow& want = w.rows()[static_cast<std::size_t>(i * 5)];
    const auto got = w.db->dialog(want.dialog.account_id, want.dialog.id);
    REQUIRE(got);
    CHECK(storage_test::json_of(got->dialog) == storage_test::json_of(want.dialog));
  }
}

TEST_CASE("a refused message leaves the dialog's row and the list as they were") {
  World w;
  core::DialogRow& row = w.rows()[3];
  core::Message first;
  first.dialog_id = row.dialog.id;
  first.text = "первое";
  first.external_id = "ext-1";
  first.created_at = row.dialog.last_message_at + 1;
  core::apply_message(row.dialog, first);
  w.db->add_message(first, row.dialog);
  const auto before = w.snapshot();

  core::Dialog changed = row.dialog;
  core::Message again = first;  // the same external id of the same source: a conflict
  again.created_at += 1;
  core::apply_message(changed, again);
  CHECK_THROWS_AS(w.db->add_message(again, changed), StoreError);
  CHECK(w.snapshot() == before);
  CHECK(storage_test::json_of(w.db->dialog(row.dialog.account_id, row.dialog.id)->dialog) ==
        storage_test::json_of(row.dialog));
  w.check_all();
}

TEST_CASE("a new dialog and a renamed client show in the list and in search") {
  World w;
  core::DialogRow& row = w.rows()[5];
  row.client.display_name = "Зоя Renamed";
  w.db->save_client(row.client);
  for (auto& r : w.rows()) {
    if (r.client.id == row.client.id) r.client = row.client;
  }
  core::DialogRow fresh = w.rows()[9];
  fresh.dialog.id = 0;
  fresh.dialog.tasks.clear();
  fresh.dialog.mode = core::DialogMode::New;
  fresh.dialog.id = w.db->save_dialog(fresh.dialog);
  w.rows().push_back(fresh);
  w.check_all();
  core::ViewQuery q;
  q.mode = row.dialog.mode;
  q.filter.search = "ЗОЯ";
  CHECK(w.db->matching_dialog_ids(w.owner, q, 10).size() >= 1);
}

TEST_CASE("deleting a tag, a status or an operator takes it off the dialogs in the list") {
  World w;
  const Id tag = w.gen.directory.tags[0].id;
  const Id status = w.gen.directory.statuses[1].id;
  const Id op = w.gen.directory.operators[2].id;
  CHECK(w.db->delete_tag(w.gen.account, tag));
  CHECK(w.db->delete_status(w.gen.account, status));
  CHECK(w.db->delete_operator(w.gen.account, op));
  CHECK(forget_in_rows(w.rows(), tag, status, op) > 30);
  w.check_all();
  core::ViewQuery q;
  q.filter.tags = {tag};
  for (int m = 0; m < core::kDialogModeCount; ++m) {
    q.mode = static_cast<core::DialogMode>(m);
    CHECK(w.db->matching_dialog_ids(w.owner, q, 10).empty());
  }
}

TEST_CASE("a rolled-back transaction leaves the index unchanged") {
  World w;
  const auto before = w.snapshot();
  CHECK_THROWS_AS(w.db->transaction([&] {
    for (int i = 0; i < 30; ++i) {
      core::Dialog d = w.rows()[static_cast<std::size_t>(i * 11)].dialog;
      d.mode = static_cast<core::DialogMode>((static_cast<int>(d.mode) + 1) % 3);
      d.tag_ids.clear();
      w.db->save_dialog(d);
    }
    core::Client c = w.rows()[3].client;
    c.display_name = "Ольга Rolledback";
    w.db->save_client(c);
    w.db->delete_tag(w.gen.account, w.gen.directory.tags[0].id);
    throw std::runtime_error("abort");
  }),
                  std::runtime_error);
  CHECK(w.snapshot() == before);
  w.check_all();
}

TEST_CASE("a committed transaction shows only after commit, without its rolled-back nested part") {
  World w;
  core::DialogRow& kept = w.rows()[1];
  core::DialogRow& dropped = w.rows()[2];
  const core::DialogMode dropped_mode = dropped.dialog.mode;
  w.db->transaction([&] {
    kept.dialog.mode = core::DialogMode::Archived;
    w.db->save_dialog(kept.dialog);
    try {
      w.db->transaction([&] {
        dropped.dialog.mode =
            static_cast<core::DialogMode>((static_cast<int>(dropped_mode) + 1) % 3);
        w.db->save_dialog(dropped.dialog);
        throw std::runtime_error("inner");
      });
    } catch (const std::runtime_error&) {
    }
    // Inside the transaction the list reads its own writes (from SQLite).
    core::ViewQuery q;
    q.mode = core::DialogMode::Archived;
    const auto ids = w.db->matching_dialog_ids(w.owner, q, 100000);
    CHECK(std::find(ids.begin(), ids.end(), kept.dialog.id) != ids.end());
  });
  dropped.dialog.mode = dropped_mode;
  w.check_all();
}

TEST_CASE("a list names the last event whose change it shows, from the index and inside a write") {
  World w;
  ListRequest request;
  request.query.mode = w.rows()[5].dialog.mode;
  const std::int64_t before = w.db->list_dialogs(w.owner, request).seq;
  CHECK(before == w.db->last_seq(w.gen.account));
  core::DialogRow& changed = w.rows()[5];
  std::int64_t seq = 0;
  w.db->transaction([&] {
    changed.dialog.mode = core::DialogMode::Archived;
    w.db->save_dialog(changed.dialog);
    core::Event event;
    event.kind = core::EventKind::DialogChanged;
    event.row = changed;
    seq = w.db->append_event(w.gen.account, event);
    // Inside the write the list comes from SQLite and shows the change.
    CHECK(w.db->list_dialogs(w.owner, request).seq == seq);
  });
  CHECK(seq == before + 1);
  request.query.mode = core::DialogMode::Archived;
  request.limit = kMaxListLimit;
  const ListResult after = w.db->list_dialogs(w.owner, request);
  CHECK(after.seq == seq);
  CHECK(std::any_of(after.rows.begin(), after.rows.end(),
                    [&](const core::DialogRow& r) { return r.dialog.id == changed.dialog.id; }));
  // A rolled-back event leaves the position where it was.
  CHECK_THROWS_AS(w.db->transaction([&] {
    core::Event event;
    event.kind = core::EventKind::DialogChanged;
    event.row = changed;
    w.db->append_event(w.gen.account, event);
    throw std::runtime_error("abort");
  }),
                  std::runtime_error);
  CHECK(w.db->list_dialogs(w.owner, request).seq == seq);
}

TEST_CASE("lists read from other threads while dialogs are written stay consistent") {
  World w;
  std::atomic<bool> done{false};
  std::atomic<int> reads{0};
  std::atomic<int> torn{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < 2; ++t) {
    readers.emplace_back([&] {
      core::ViewQuery q;
      while (!done) {
        // One read's counts are of one state: every dialog is in exactly one mode.
        const ListResult r = w.db->list_dialogs(w.owner, {q, "", 10, true});
        if (r.counts[0].total + r.counts[1].total + r.counts[2].total != 400) ++torn;
        ++reads;
      }
    });
  }
  // The writes start once the readers are reading, however busy the machine.
  while (reads == 0) std::this_thread::yield();
  for (int i = 0; i < 100; ++i) {
    core::Dialog d = w.rows()[static_cast<std::size_t>(i)].dialog;
    d.mode = static_cast<core::DialogMode>((static_cast<int>(d.mode) + 1) % 3);
    w.db->transaction([&] { w.db->save_dialog(d); });
    w.rows()[static_cast<std::size_t>(i)].dialog = d;
  }
  done = true;
  for (auto& t : readers) t.join();
  CHECK(reads > 0);
  CHECK(torn == 0);
  w.check_all();
}
