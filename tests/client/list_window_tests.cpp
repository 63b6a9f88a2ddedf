// The list in windows: the first window with a reload, the next ones as the
// table nears the end, and live events on a partial list.
#include <doctest/doctest.h>

#include <memory>
#include <set>

#include "app/inbox_app.hpp"
#include "app/list_window.hpp"
#include "app/live_apply.hpp"
#include "net/demo_backend.hpp"

namespace {

constexpr core::TimeMs kNow = 1'780'000'000'000;

app::InboxApp make_app(core::DialogMode mode = core::DialogMode::Archived) {
  app::InboxApp app(std::make_unique<net::DemoBackend>(1500, kNow));
  app::Intents in;
  in.mode = mode;
  app.apply(in);
  app.update(kNow);
  return app;
}

// What the table does when its last visible row is the last loaded one.
bool scroll_to_end(app::InboxApp& app) {
  app::Intents in;
  in.list.more_rows =
      app::wants_window(app.list(), static_cast<int>(app.list().page.rows.size()) - 1);
  if (!in.list.more_rows) return false;
  app.apply(in);
  app.update(kNow);
  return true;
}

void check_sorted_and_unique(const app::ListView& list) {
  std::set<core::Id> seen;
  for (std::size_t i = 0; i < list.page.rows.size(); ++i) {
    CHECK(seen.insert(list.page.rows[i].dialog.id).second);
    if (i > 0) {
      CHECK(core::sorts_before(list.query.sort, list.page.rows[i - 1].dialog,
                               list.page.rows[i].dialog));
    }
  }
}

core::DialogRow row(core::Id id, core::TimeMs last) {
  core::DialogRow r;
  r.dialog.id = id;
  r.dialog.last_message_at = last;
  r.client.id = id;
  return r;
}

}  // namespace

TEST_CASE("the first window is partial and the scrollbar's total counts the whole view") {
  app::InboxApp app = make_app();
  const app::ListView& list = app.list();
  REQUIRE(list.page.total > 2 * app::kWindowRows);
  CHECK(list.page.rows.size() == app::kWindowRows);
  CHECK_FALSE(list.page.next_cursor.empty());
  // Rows far from the end want nothing yet.
  CHECK_FALSE(app::wants_window(list, 10));
  CHECK(app::wants_window(list, app::kWindowRows - app::kPrefetchRows));
}

TEST_CASE("scrolling to the end loads window after window until the whole view is there") {
  app::InboxApp app = make_app();
  const int total = app.list().page.total;
  int windows = 1;
  while (scroll_to_end(app)) ++windows;
  const app::ListView& list = app.list();
  CHECK(static_cast<int>(list.page.rows.size()) == total);
  CHECK(list.page.next_cursor.empty());
  CHECK(windows == (total + app::kWindowRows - 1) / app::kWindowRows);
  check_sorted_and_unique(list);
  for (const core::DialogRow& r : list.page.rows)
    CHECK(r.dialog.mode == core::DialogMode::Archived);
}

TEST_CASE("a window is asked once while it is on its way, and dropped after a new query") {
  app::InboxApp app = make_app();
  app::Intents more;
  more.list.more_rows = true;
  app.apply(more);
  CHECK(app.list().fetching_window);
  CHECK_FALSE(app::wants_window(app.list(), 1000));
  app::Intents mode;
  mode.mode = core::DialogMode::Accepted;
  app.apply(mode);
  app.update(kNow);
  CHECK_FALSE(app.list().fetching_window);
  CHECK(app.list().page.rows.size() <= app::kWindowRows);
  for (const core::DialogRow& r : app.list().page.rows) {
    CHECK(r.dialog.mode == core::DialogMode::Accepted);
  }
}

TEST_CASE("a window skips rows that live events already put into the loaded part") {
  app::ListView v;
  v.page.rows = {row(9, 9000), row(8, 8000)};
  v.page.total = 5;
  v.page.next_cursor = "8000:8";
  // Row 6 moves up into the loaded part live: it is no longer beyond the cursor.
  core::Event e;
  e.kind = core::EventKind::DialogChanged;
  e.row = row(6, 8500);
  CHECK(app::apply(v, e));
  REQUIRE(v.page.rows.size() == 3);
  CHECK(v.page.rows[1].dialog.id == 6);
  // The window was computed before the event reached the server's order: it still has 6.
  app::ListPage w;
  w.rows = {row(7, 7000), row(6, 6000), row(5, 5000)};
  w.total = 5;
  app::append_window(v, w);
  std::vector<core::Id> ids;
  for (const auto& r : v.page.rows) ids.push_back(r.dialog.id);
  CHECK(ids == std::vector<core::Id>{9, 6, 8, 7, 5});
  CHECK(v.page.next_cursor.empty());
  CHECK(v.page.total == 5);
}

TEST_CASE("live updates on a partial list: a row beyond the window stays beyond it") {
  app::ListView v;
  v.page.rows = {row(9, 9000), row(8, 8000)};
  v.page.total = 10;
  v.page.next_cursor = "8000:8";
  core::Event e;
  e.kind = core::EventKind::DialogChanged;
  e.row = row(3, 3000);  // sorts after the loaded rows
  app::apply(v, e);
  CHECK(v.page.rows.size() == 2);
  CHECK(v.page.total == 10);
  e.row = row(8, 1000);  // a loaded row falls beyond: the next window brings it back
  app::apply(v, e);
  CHECK(v.page.rows.size() == 1);
  CHECK(v.page.total == 10);
}

TEST_CASE("a malformed cursor is an error for the window, not a crash") {
  net::DemoBackend backend(50, kNow);
  net::WindowAnswer answer;
  backend.request_window(core::ViewQuery{}, "nonsense", 10,
                         [&answer](net::WindowAnswer a) { answer = std::move(a); });
  backend.pump(kNow);
  CHECK_FALSE(answer.error.empty());
  CHECK(answer.page.rows.empty());
}

TEST_CASE("after a failed window the list waits for a reload instead of asking again") {
  app::ListView v;
  v.page.rows = {row(9, 9000)};
  v.page.total = 10;
  v.page.next_cursor = "9000:9";
  CHECK(app::wants_window(v, 0));
  v.window_error = "Нет связи с сервером";
  CHECK_FALSE(app::wants_window(v, 0));
}
