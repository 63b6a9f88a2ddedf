// The list's scratch columns are lent from a pool to one query at a time:
// queries running at once on several threads (searches, which fill the
// per-client hits, beside filters) answer exactly as they do one by one.
#include <doctest/doctest.h>

#include <atomic>
#include <thread>

#include "list_world.hpp"
#include "server/index/indexed_store.hpp"
#include "storage_fixture.hpp"

using namespace server;
using namespace list_test;
using storage_test::TempStore;

namespace {

struct Answer {
  std::vector<Id> ids;
  int total = 0;
  ModeCount counts[core::kDialogModeCount];
};

bool same(const Answer& a, const Answer& b) {
  if (a.ids != b.ids || a.total != b.total) return false;
  for (int m = 0; m < core::kDialogModeCount; ++m) {
    if (a.counts[m].total != b.counts[m].total || a.counts[m].unread != b.counts[m].unread) {
      return false;
    }
  }
  return true;
}

Answer ask(Store& store, const core::Operator& viewer, const core::ViewQuery& query) {
  const ListResult r = store.list_dialogs(viewer, {query, "", 20, true});
  Answer a;
  for (const core::DialogRow& row : r.rows) a.ids.push_back(row.dialog.id);
  a.total = r.total;
  std::copy(std::begin(r.counts), std::end(r.counts), std::begin(a.counts));
  return a;
}

}  // namespace

TEST_CASE("list queries on several threads at once answer as they do one by one") {
  TempStore db;
  Generated world = generate(*db, 1500, 7);
  db.store = std::make_unique<IndexedStore>(std::move(db.store));
  const core::Operator owner = world.directory.operators[0];

  std::vector<core::ViewQuery> queries(5);
  queries[1].filter.search = "ёлкина";
  queries[2].filter.search = "alice 4";
  queries[3].filter.channels = {core::ChannelKind::Telegram};
  queries[3].mode = core::DialogMode::Accepted;
  queries[4].filter.search = "mixed_case";
  queries[4].sort = {core::SortKey::Price, false};
  std::vector<Answer> alone;
  for (const core::ViewQuery& q : queries) alone.push_back(ask(*db, owner, q));
  CHECK(alone[1].total > 0);
  CHECK(alone[1].total < alone[0].total + alone[0].counts[1].total + alone[0].counts[2].total);

  std::atomic<int> wrong{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 40; ++round) {
        const std::size_t i = static_cast<std::size_t>(t + round) % queries.size();
        if (!same(ask(*db, owner, queries[i]), alone[i])) ++wrong;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  CHECK(wrong == 0);
}
