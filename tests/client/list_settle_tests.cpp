// Dragging the scrollbar down a long list: nothing is fetched while the thumb
// is held or still moving far below the loaded rows; where the view settles,
// the largest windows are asked for until they cover it.
#include <doctest/doctest.h>

#include <memory>

#include "app/inbox_app.hpp"
#include "app/list_window.hpp"
#include "net/demo_backend.hpp"

namespace {

constexpr core::TimeMs kNow = 1'780'000'000'000;

app::ListView partial(int loaded, int total) {
  app::ListView v;
  for (int i = 0; i < loaded; ++i) {
    core::DialogRow r;
    r.dialog.id = 10'000 - i;
    v.page.rows.push_back(r);
  }
  v.page.total = total;
  v.page.next_cursor = "c";
  return v;
}

}  // namespace

TEST_CASE("the view settles when it stood still for a moment and the thumb is let go") {
  app::ScrollSettle s;
  s.observe(0, false, kNow);
  CHECK_FALSE(s.settled(kNow + 50));
  CHECK(s.settled(kNow + app::kSettleMs));
  s.observe(5000, true, kNow + 200);  // the thumb is taken and moved
  CHECK(s.dragging());
  s.observe(5000, true, kNow + 900);  // held still: still not settled
  CHECK_FALSE(s.settled(kNow + 900));
  s.observe(5000, false, kNow + 1000);  // let go: the moment starts now
  CHECK_FALSE(s.settled(kNow + 1050));
  CHECK(s.settled(kNow + 1100));
  s.observe(5200, false, kNow + 1100);  // the wheel moves it again
  CHECK_FALSE(s.settled(kNow + 1150));
}

TEST_CASE("near the loaded end the next window comes at once, unless the thumb is held") {
  const app::ListView v = partial(100, 5000);
  app::ScrollSettle s;
  s.observe(100, false, kNow);
  CHECK(app::want_window(v, 70, s, kNow) == app::WindowWant::Fetch);  // still moving: fine
  CHECK(app::want_window(v, 10, s, kNow) == app::WindowWant::None);
  CHECK(app::window_size(v, 70) == app::kWindowRows);
  s.observe(200, true, kNow + 10);
  CHECK(app::want_window(v, 70, s, kNow + 10) == app::WindowWant::Settling);
}

TEST_CASE("a jump far below waits for the view to settle, then asks for the largest window") {
  const app::ListView v = partial(100, 5000);
  app::ScrollSettle s;
  s.observe(300'000, false, kNow);
  CHECK(app::want_window(v, 3010, s, kNow) == app::WindowWant::Settling);
  CHECK(app::want_window(v, 3010, s, kNow + 60) == app::WindowWant::Settling);
  CHECK(app::want_window(v, 3010, s, kNow + app::kSettleMs) == app::WindowWant::Fetch);
  CHECK(app::window_size(v, 3010) == app::kMaxWindowRows);
  CHECK(app::window_size(v, 180) == 121);  // just enough to reach the view and a margin
}

TEST_CASE("a thumb dragged down a long list fetches nothing until let go, then walks to the view") {
  app::InboxApp inbox(std::make_unique<net::DemoBackend>(4000, kNow));
  app::Intents archived;
  archived.mode = core::DialogMode::Archived;
  inbox.apply(archived);
  inbox.update(kNow);
  REQUIRE(inbox.list().page.total > 1000);
  const int target = 890;  // the last row under the view where the thumb is let go
  app::ScrollSettle s;
  // One frame of the table: what it sees, what it asks for.
  auto frame = [&](float y, bool dragging, int last_visible, core::TimeMs now) {
    s.observe(y, dragging, now);
    const app::WindowWant want = app::want_window(inbox.list(), last_visible, s, now);
    if (want == app::WindowWant::Fetch) {
      app::Intents in;
      in.list.more_rows = true;
      in.list.more_rows_size = app::window_size(inbox.list(), last_visible);
      inbox.apply(in);
    }
    inbox.update(now);
    return want;
  };
  // The thumb passes rows 200..900 over half a second: no window is asked for.
  for (int i = 0; i <= 10; ++i) {
    const int row = 200 + i * 70;
    CHECK(frame(row * 64.0f, true, row, kNow + i * 50) == app::WindowWant::Settling);
  }
  CHECK(inbox.list().page.rows.size() == app::kWindowRows);
  // Let go; the view stands still: windows of 200 follow each other to the view.
  core::TimeMs now = kNow + 600;
  CHECK(frame(target * 64.0f, false, target, now) == app::WindowWant::Settling);
  int fetches = 0;
  for (int i = 0; i < 20 && static_cast<int>(inbox.list().page.rows.size()) <= target; ++i) {
    now += app::kSettleMs;
    if (frame(target * 64.0f, false, target, now) == app::WindowWant::Fetch) ++fetches;
  }
  CHECK(static_cast<int>(inbox.list().page.rows.size()) > target);
  CHECK(fetches == 4);  // 100 loaded + 4 × 200 reach row 890, not 8 windows of 100
}
