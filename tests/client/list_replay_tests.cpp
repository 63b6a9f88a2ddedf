// A list answer shows the event log up to its seq; an event that reached the
// page while the answer was on its way is replayed on top, so the row shows it.
#include <doctest/doctest.h>

#include <functional>
#include <memory>
#include <optional>

#include "app/inbox_app.hpp"
#include "net/demo_backend.hpp"

namespace {

constexpr core::TimeMs kNow = 1'780'000'000'000;

// The demo backend, with list answers held back on request: each is read at
// the moment it is asked for, and handed over when the test says.
class HoldingBackend : public net::DemoBackend {
 public:
  using DemoBackend::DemoBackend;
  bool hold = false;
  std::function<void()> held;

  void request_list(const core::ViewQuery& query, int limit, ListDone done) override {
    if (!hold) return DemoBackend::request_list(query, limit, std::move(done));
    DemoBackend::request_list(query, limit, [this, done](app::ListPage page) {
      held = [done, page]() mutable { done(std::move(page)); };
    });
  }
};

const core::DialogRow* find_row(const app::ListView& list, core::Id id) {
  for (const core::DialogRow& r : list.page.rows) {
    if (r.dialog.id == id) return &r;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("an event that arrives before the list read without it still shows in the list") {
  auto owned = std::make_unique<HoldingBackend>(300, kNow);
  HoldingBackend& backend = *owned;
  app::InboxApp app(std::move(owned));
  app::Intents in;
  in.mode = core::DialogMode::Accepted;
  app.apply(in);
  app.update(kNow);
  REQUIRE(!app.list().page.rows.empty());
  REQUIRE(app.list().page.seq >= 0);

  // Switch to New; its answer is read now and held back.
  backend.hold = true;
  in.mode = core::DialogMode::New;
  app.apply(in);
  app.update(kNow);
  REQUIRE(backend.held);
  backend.hold = false;

  // Meanwhile another operator prices a New dialog: its event reaches the page first.
  core::ViewQuery new_view;
  new_view.mode = core::DialogMode::New;
  std::optional<core::Id> priced;
  backend.request_list(new_view, 5, [&](app::ListPage page) {
    REQUIRE(!page.rows.empty());
    priced = page.rows.front().dialog.id;
  });
  app.update(kNow);
  REQUIRE(priced);
  core::DialogChange price = core::DialogChange::of(core::ChangeKind::SetPrice);
  price.price = 777'00;
  backend.change(*priced, price, [](net::DialogAnswer a) { REQUIRE(a.row); });
  app.update(kNow);

  backend.held();  // the list answer, read before the change
  const core::DialogRow* row = find_row(app.list(), *priced);
  REQUIRE(row);
  CHECK(row->dialog.price == 777'00);
}

TEST_CASE("events already in a list answer are not replayed over it") {
  app::RecentEvents recent;
  for (std::int64_t seq = 1; seq <= 5; ++seq) {
    core::Event e;
    e.seq = seq;
    e.kind = core::EventKind::DialogChanged;
    e.row = core::DialogRow{};
    recent.add(e);
  }
  recent.add(core::Event{});  // a heartbeat: not kept
  CHECK(recent.after(3).size() == 2);
  CHECK(recent.after(3).front()->seq == 4);
  CHECK(recent.after(5).empty());
  CHECK(recent.after(-1).empty());  // an answer with no position replays nothing
  for (std::int64_t seq = 6; seq < 6 + static_cast<std::int64_t>(app::RecentEvents::kKept); ++seq) {
    core::Event e;
    e.seq = seq;
    e.row = core::DialogRow{};
    recent.add(e);
  }
  CHECK(recent.after(0).size() == app::RecentEvents::kKept);  // the oldest went
  CHECK(recent.after(0).front()->seq == 6);
}
