// The demo's simulated incoming messages: a repeatable pace, and messages that
// go through the core's rules and out as live events.
#include <doctest/doctest.h>

#include <memory>
#include <vector>

#include "app/inbox_app.hpp"
#include "net/demo_backend.hpp"

namespace {

constexpr core::TimeMs kNow = 1'780'000'000'000;

std::vector<core::TimeMs> schedule(net::TrafficOptions o, int n) {
  net::TrafficClock clock(o);
  std::vector<core::TimeMs> at;
  clock.due(kNow);
  for (core::TimeMs t = kNow; static_cast<int>(at.size()) < n; t += 250) {
    while (clock.due(t)) at.push_back(t);
  }
  return at;
}

}  // namespace

TEST_CASE("the pace is random within its bounds and the same for the same seed") {
  net::TrafficOptions o;
  o.seed = 42;
  const auto a = schedule(o, 20);
  CHECK(a == schedule(o, 20));
  o.seed = 43;
  CHECK(a != schedule(o, 20));
  core::TimeMs previous = kNow;
  bool varied = false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const core::TimeMs gap = a[i] - previous;
    CHECK(gap >= 5000 - 250);  // the schedule samples every 250 ms
    CHECK(gap <= 20000 + 250);
    if (i > 0 && gap != a[i - 1] - (i > 1 ? a[i - 2] : kNow)) varied = true;
    previous = a[i];
  }
  CHECK(varied);
}

TEST_CASE("a switched-off clock and the first call never deliver") {
  net::TrafficClock off(net::TrafficOptions{false});
  CHECK_FALSE(off.due(kNow));
  CHECK_FALSE(off.due(kNow + 1'000'000));
  CHECK(off.next_at() == 0);
  net::TrafficClock on(net::TrafficOptions{});
  CHECK_FALSE(on.due(kNow));
  CHECK(on.next_at() >= kNow + 5000);
}

TEST_CASE("after a long sleep only a few arrive at once") {
  net::TrafficOptions o;
  o.min_interval_ms = o.max_interval_ms = 1000;
  net::TrafficClock clock(o);
  clock.due(kNow);
  int delivered = 0;
  while (clock.due(kNow + 3'600'000)) ++delivered;
  CHECK(delivered == net::TrafficClock::kMaxBurst);
  CHECK(clock.next_at() > kNow + 3'600'000);
}

TEST_CASE("an existing client's message follows the rules and is published as a live event") {
  net::DemoBackend demo(300, kNow);
  net::TrafficOptions o;
  o.min_interval_ms = o.max_interval_ms = 1000;
  o.new_client_percent = 0;
  demo.set_traffic(o);
  std::vector<core::Event> events;
  demo.set_event_sink([&events](const core::Event& e) { events.push_back(e); });
  demo.pump(kNow);
  CHECK(events.empty());
  CHECK(demo.wake_at() == kNow + 1000);
  demo.pump(kNow + 1000);
  REQUIRE(events.size() == 1);
  const core::Event& e = events.front();
  CHECK(e.kind == core::EventKind::MessageAdded);
  CHECK(e.seq > 0);
  REQUIRE(e.row);
  REQUIRE(e.message);
  CHECK(e.message->direction == core::Direction::In);
  CHECK(e.message->dialog_id == e.row->dialog.id);
  CHECK(e.row->dialog.unread >= 1);
  CHECK_FALSE(e.row->dialog.answered);
  CHECK(e.row->dialog.mode != core::DialogMode::Archived);  // a client coming back reopens it
  CHECK(e.row->dialog.last_message == e.message->text);

  // The history has it too, newest first.
  bool asked = false;
  demo.request_messages(e.row->dialog.id, core::kNoId, 5, [&](net::MessagesAnswer a) {
    asked = true;
    REQUIRE_FALSE(a.messages.empty());
    CHECK(a.messages.front().id == e.message->id);
  });
  demo.pump(kNow + 1001);
  CHECK(asked);
}

TEST_CASE("a new client's first message opens a dialog in New that enters the list on top") {
  auto demo = std::make_unique<net::DemoBackend>(300, kNow);
  net::TrafficOptions o;
  o.min_interval_ms = o.max_interval_ms = 1000;
  o.new_client_percent = 100;
  demo->set_traffic(o);
  app::InboxApp inbox(std::move(demo));
  inbox.update(kNow);
  const int before = inbox.list().page.counts[0].total;
  const int unread_before = inbox.list().page.counts[0].unread;
  const core::Id top_before = inbox.list().page.rows.front().dialog.id;
  inbox.update(kNow + 1000);
  CHECK(inbox.list().page.counts[0].total == before + 1);
  CHECK(inbox.list().page.counts[0].unread == unread_before + 1);
  const core::DialogRow& top = inbox.list().page.rows.front();
  CHECK(top.dialog.id != top_before);
  CHECK(top.dialog.mode == core::DialogMode::New);
  CHECK(top.dialog.unread == 1);
  CHECK(top.dialog.last_message_at == kNow + 1000);
  CHECK(top.client.id == top.dialog.client_id);
  CHECK_FALSE(top.client.display_name.empty());
}
