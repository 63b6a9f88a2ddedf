// How much of the index a list query looks at, counted by the index itself
// (IndexPage::visited): a view without a filter costs about its window, not
// a scan of every dialog, which at a million dialogs is the difference
// between a few microseconds and tens of milliseconds (#15). And the kept
// orders that make it so answer every window exactly as the scan does,
// through many writes and the block splits they cause.
#include <doctest/doctest.h>

#include <random>

#include "list_world.hpp"
#include "server/index/dialog_index.hpp"
#include "server/index/indexed_store.hpp"
#include "storage_fixture.hpp"

using namespace server;
using index::DialogIndex;
using index::IndexPage;
using storage_test::TempStore;

namespace {

constexpr Id kAccount = 1;
const core::SortKey kSortKeys[] = {core::SortKey::LastMessage, core::SortKey::Created,
                                   core::SortKey::ResponseTime, core::SortKey::Price,
                                   core::SortKey::Unread};

core::Operator owner() {
  core::Operator op;
  op.id = 1;
  op.account_id = kAccount;
  op.role = core::Role::Owner;
  return op;
}

// A dialog with random list keys; values repeat often, so ties by id matter.
DialogListKeys random_dialog(std::mt19937& rng, Id id) {
  DialogListKeys d;
  d.id = id;
  d.account_id = kAccount;
  d.client_id = 1'000'000 + id;
  d.source_id = 100 + static_cast<Id>(rng() % 4);
  d.channel = static_cast<core::ChannelKind>(rng() % 3);
  d.mode = static_cast<core::DialogMode>(rng() % core::kDialogModeCount);
  d.price = static_cast<std::int64_t>(rng() % 5) * 1000;
  d.created_at = list_test::kNow - static_cast<std::int64_t>(rng() % 100'000);
  d.last_message_at = d.created_at + static_cast<std::int64_t>(rng() % 1000);
  d.last_inbound_at = rng() % 3 ? d.last_message_at : 0;
  d.unread = static_cast<int>(rng() % 4);
  d.answered = rng() % 2;
  d.response_time_ms = rng() % 3 ? static_cast<std::int64_t>(rng() % 50) : -1;
  return d;
}

void put(DialogIndex& into, const DialogListKeys& d) {
  into.put_client({d.client_id, kAccount, "client " + std::to_string(d.id), ""});
  into.put_dialog(d);
}

void check_same(const IndexPage& got, const IndexPage& want) {
  CHECK(got.ids == want.ids);
  CHECK(got.more == want.more);
  if (got.more && want.more) {
    CHECK(got.last.has_value == want.last.has_value);
    CHECK(got.last.value == want.last.value);
    CHECK(got.last.id == want.last.id);
  }
  for (int m = 0; m < core::kDialogModeCount; ++m) {
    CHECK(got.counts[m].total == want.counts[m].total);
    CHECK(got.counts[m].unread == want.counts[m].unread);
  }
}

}  // namespace

TEST_CASE("a list without a filter looks at about its window, not at every dialog") {
  DialogIndex idx;
  std::mt19937 rng(15);
  const int n = 20'000;
  for (int i = 1; i <= n; ++i) put(idx, random_dialog(rng, i));
  idx.build_orders();
  // Writes after the orders were built: dialogs that moved in the orders.
  for (int i = 0; i < 500; ++i) put(idx, random_dialog(rng, 1 + static_cast<Id>(rng() % n)));
  for (int m = 0; m < core::kDialogModeCount; ++m) {
    for (core::SortKey key : kSortKeys) {
      for (bool descending : {true, false}) {
        core::ViewQuery q;
        q.mode = static_cast<core::DialogMode>(m);
        q.sort = {key, descending};
        CAPTURE(m);
        CAPTURE(static_cast<int>(key));
        CAPTURE(descending);
        const IndexPage first = idx.query(owner(), q, std::nullopt, 50, true);
        REQUIRE(first.more);
        CHECK(first.counts[m].total > n / 4);
        CHECK(first.visited < n / 20);
        const IndexPage next = idx.query(owner(), q, first.last, 50, false);
        CHECK(next.ids.size() == 50);
        CHECK(next.visited < n / 20);
      }
    }
  }
}

TEST_CASE("a filtered list counts over every dialog once, and its later windows over none") {
  DialogIndex idx;
  std::mt19937 rng(16);
  const int n = 5000;
  for (int i = 1; i <= n; ++i) put(idx, random_dialog(rng, i));
  idx.build_orders();
  core::ViewQuery q;
  q.filter.channels = {core::ChannelKind::Telegram};
  const IndexPage page = idx.query(owner(), q, std::nullopt, 50, true);
  CHECK(page.ids.size() == 50);
  CHECK(page.visited >= static_cast<std::size_t>(n));
  CHECK(page.visited < static_cast<std::size_t>(n) + n / 10);
  // A later window needs no counts: the filter is applied to the rows walked.
  const IndexPage next = idx.query(owner(), q, page.last, 50, false);
  CHECK(next.ids.size() == 50);
  CHECK(next.visited < static_cast<std::size_t>(n) / 4);
}

TEST_CASE("the index store keeps its orders from the load on: a list it answers scans nothing") {
  TempStore db;
  list_test::Generated world = list_test::generate(*db, 1500, 5);
  auto indexed = std::make_unique<IndexedStore>(std::move(db.store));
  const std::uint64_t before = indexed->stats().visited;
  const core::Operator viewer = world.directory.operators[0];  // the owner
  core::ViewQuery q;
  q.mode = core::DialogMode::Accepted;
  const ListResult page = indexed->list_dialogs(viewer, {q, "", 20, true});
  CHECK(page.rows.size() == 20);
  CHECK(indexed->stats().visited - before < 1500 / 4);
  db.store = std::move(indexed);
}

TEST_CASE("kept orders answer every window as the scan does, through many writes and splits") {
  DialogIndex ordered;  // orders kept from the start: every dialog comes as a change
  ordered.build_orders();
  DialogIndex scanned;  // never ordered: every window comes from the scan
  std::mt19937 rng(17);
  Id next_id = 1;
  const int rounds = 40;
  for (int round = 0; round < rounds; ++round) {
    // New dialogs and changes to old ones, enough to split blocks many times.
    for (int i = 0; i < 600; ++i) {
      const bool change = next_id > 1 && rng() % 3 != 0;
      const Id id =
          change ? 1 + static_cast<Id>(rng() % static_cast<std::uint32_t>(next_id - 1)) : next_id++;
      const DialogListKeys d = random_dialog(rng, id);
      put(ordered, d);
      put(scanned, d);
    }
    for (int view = 0; view < 6; ++view) {
      core::ViewQuery q;
      q.mode = static_cast<core::DialogMode>(rng() % core::kDialogModeCount);
      q.sort = {kSortKeys[rng() % 5], rng() % 2 == 0};
      if (view % 3 == 1) q.filter.channels = {core::ChannelKind::Telegram};
      if (view % 3 == 2) q.filter.types = {core::ReadType::Unread};
      const std::size_t limit = 1 + rng() % 80;
      CAPTURE(round);
      CAPTURE(static_cast<int>(q.sort.key));
      CAPTURE(q.sort.descending);
      CAPTURE(limit);
      std::optional<sql::Cursor> after;
      for (int page = 0; page < 4; ++page) {
        const bool counts = page == 0;
        const IndexPage got = ordered.query(owner(), q, after, limit, counts);
        const IndexPage want = scanned.query(owner(), q, after, limit, counts);
        check_same(got, want);
        if (!want.more) break;
        after = want.last;
      }
    }
  }
}
