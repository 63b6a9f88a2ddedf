// Selection and the list the app shows, against the in-page demo backend.
#include <doctest/doctest.h>

#include <algorithm>
#include <memory>

#include "app/inbox_app.hpp"
#include "core/filter.hpp"
#include "net/demo_backend.hpp"

namespace {

constexpr core::TimeMs kNow = 1'780'000'000'000;

std::vector<core::DialogRow> rows_with_ids(std::initializer_list<core::Id> ids) {
  std::vector<core::DialogRow> rows;
  for (core::Id id : ids) {
    core::DialogRow row;
    row.dialog.id = id;
    rows.push_back(row);
  }
  return rows;
}

app::InboxApp make_app() {
  app::InboxApp app(std::make_unique<net::DemoBackend>(600, kNow));
  app.update(kNow);
  return app;
}

}  // namespace

TEST_CASE("a click selects one row; ctrl-click adds and removes") {
  app::Selection s;
  s.click(3);
  s.click(5);
  CHECK(s.ids() == std::set<core::Id>{5});
  s.toggle(7);
  s.toggle(5);
  CHECK(s.ids() == std::set<core::Id>{7});
}

TEST_CASE("shift-click selects the range in the order rows are shown") {
  const auto rows = rows_with_ids({10, 4, 8, 2, 6});
  app::Selection s;
  s.click(4);
  s.extend(2, rows);
  CHECK(s.ids() == std::set<core::Id>{4, 8, 2});
  s.click(6);
  s.extend(10, rows);  // upward works too
  CHECK(s.ids() == std::set<core::Id>{10, 4, 8, 2, 6});
}

TEST_CASE("selection is kept by id when the rows are re-sorted") {
  auto rows = rows_with_ids({1, 2, 3});
  app::Selection s;
  s.click(2);
  std::reverse(rows.begin(), rows.end());
  CHECK(s.contains(2));
  CHECK_FALSE(s.contains(1));
}

TEST_CASE("the list shows only the current mode, counts every mode, and is sorted") {
  app::InboxApp app = make_app();
  const app::ListView& list = app.list();
  REQUIRE_FALSE(list.page.rows.empty());
  int total = 0;
  for (const app::ModeCount& c : list.page.counts) total += c.total;
  CHECK(total == 600);
  CHECK(list.page.total == list.page.counts[0].total);
  for (std::size_t i = 0; i < list.page.rows.size(); ++i) {
    CHECK(list.page.rows[i].dialog.mode == core::DialogMode::New);
    if (i > 0) {
      CHECK(core::sorts_before(list.query.sort, list.page.rows[i - 1].dialog,
                               list.page.rows[i].dialog));
    }
  }
}

TEST_CASE("changing the mode reloads the list and clears the selection") {
  app::InboxApp app = make_app();
  app::Intents pick;
  pick.click_row = app.list().page.rows.front().dialog.id;
  app.apply(pick);
  CHECK(app.list().selection.size() == 1);

  app::Intents mode;
  mode.mode = core::DialogMode::Accepted;
  app.apply(mode);
  app.update(kNow);
  CHECK(app.list().selection.size() == 0);
  REQUIRE_FALSE(app.list().page.rows.empty());
  for (const core::DialogRow& row : app.list().page.rows) {
    CHECK(row.dialog.mode == core::DialogMode::Accepted);
  }
}

TEST_CASE("search narrows the list to matching clients, Cyrillic case-insensitively") {
  app::InboxApp app = make_app();
  app::Intents mode;
  mode.mode = core::DialogMode::Accepted;
  app.apply(mode);
  app.update(kNow);
  const int all = app.list().page.total;

  app::Intents search;
  search.search = "АННА";
  app.apply(search);
  app.update(kNow);
  const app::ListView& list = app.list();
  CHECK(list.page.total > 0);
  CHECK(list.page.total < all);
  for (const core::DialogRow& row : list.page.rows) {
    CHECK(core::client_matches_search(row.client, "анна"));
  }
}

TEST_CASE("an answer to a superseded query is dropped") {
  app::InboxApp app = make_app();
  app::Intents first;
  first.mode = core::DialogMode::Archived;
  app.apply(first);
  app::Intents second;
  second.mode = core::DialogMode::Accepted;
  app.apply(second);
  app.update(kNow);  // both answers arrive; only the second may land
  for (const core::DialogRow& row : app.list().page.rows) {
    CHECK(row.dialog.mode == core::DialogMode::Accepted);
  }
}

TEST_CASE("an app started on a view asks for that view's rows only, and its filters bar shows it") {
  // A link or the host's options name the first view before the app starts.
  struct Recording : net::DemoBackend {
    using DemoBackend::DemoBackend;
    std::vector<core::ViewQuery> asked;
    void request_list(const core::ViewQuery& query, int limit, ListDone done) override {
      asked.push_back(query);
      DemoBackend::request_list(query, limit, std::move(done));
    }
  };
  auto backend = std::make_unique<Recording>(600, kNow);
  Recording& recording = *backend;
  core::ViewQuery first;
  first.mode = core::DialogMode::Archived;
  first.filter.channels = {core::ChannelKind::Telegram};
  app::InboxApp app(std::move(backend), "outbox", first, app::LocalClock{kNow, 0});
  app.update(kNow);
  REQUIRE(recording.asked.size() == 1);
  CHECK(recording.asked[0].mode == core::DialogMode::Archived);
  CHECK(recording.asked[0].filter.channels == first.filter.channels);
  REQUIRE_FALSE(app.list().page.rows.empty());
  for (const core::DialogRow& row : app.list().page.rows) {
    CHECK(row.dialog.mode == core::DialogMode::Archived);
  }
  CHECK(app.filter().channels.size() == 1);  // the chip of the link's channel
}
