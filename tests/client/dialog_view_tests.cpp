// The open dialog: history order, live messages merged once, rows followed,
// and the app driving the demo backend through open, accept, send and archive.
#include <doctest/doctest.h>

#include <memory>

#include "app/dialog_view.hpp"
#include "app/format.hpp"
#include "app/inbox_app.hpp"
#include "net/demo_backend.hpp"

namespace {

core::Message msg(core::Id id, core::TimeMs at, core::Id dialog = 7) {
  core::Message m;
  m.id = id;
  m.dialog_id = dialog;
  m.created_at = at;
  m.text = "m" + std::to_string(id);
  return m;
}

core::DialogRow row(core::Id id, core::DialogMode mode = core::DialogMode::New) {
  core::DialogRow r;
  r.dialog.id = id;
  r.dialog.mode = mode;
  r.client.id = id;
  return r;
}

std::vector<core::Id> ids(const app::DialogView& v) {
  std::vector<core::Id> out;
  for (const core::Message& m : v.messages) out.push_back(m.id);
  return out;
}

core::Event added(const core::Message& m, core::DialogMode mode = core::DialogMode::New) {
  core::Event e;
  e.kind = core::EventKind::MessageAdded;
  e.row = row(m.dialog_id, mode);
  e.message = m;
  return e;
}

}  // namespace

TEST_CASE("a loaded page (newest first) is shown oldest first, ties by id") {
  app::DialogView v;
  app::open_dialog(v, row(7));
  v.loading = true;
  app::merge_history(v, {msg(4, 300), msg(3, 200), msg(2, 200), msg(1, 100)});
  CHECK(ids(v) == std::vector<core::Id>{1, 2, 3, 4});
  CHECK_FALSE(v.loading);
}

TEST_CASE("a message_added event for the open dialog is merged once at its place") {
  app::DialogView v;
  app::open_dialog(v, row(7));
  app::merge_history(v, {msg(2, 200), msg(1, 100)});
  CHECK(app::apply(v, added(msg(5, 500))));
  CHECK(app::apply(v, added(msg(5, 500))));  // the send answer and the live event
  CHECK(ids(v) == std::vector<core::Id>{1, 2, 5});
  CHECK(app::apply(v, added(msg(3, 150))));  // arrived late but older
  CHECK(ids(v) == std::vector<core::Id>{1, 3, 2, 5});
}

TEST_CASE("a message that arrives while the history loads is kept once") {
  app::DialogView v;
  app::open_dialog(v, row(7));
  app::apply(v, added(msg(9, 900)));
  app::merge_history(v, {msg(9, 900), msg(8, 800)});
  CHECK(ids(v) == std::vector<core::Id>{8, 9});
}

TEST_CASE("events of other dialogs change nothing; the open dialog follows its row") {
  app::DialogView v;
  app::open_dialog(v, row(7));
  CHECK_FALSE(app::apply(v, added(msg(1, 100, 8))));
  CHECK(v.messages.empty());
  core::Event changed;
  changed.kind = core::EventKind::DialogChanged;
  changed.row = row(7, core::DialogMode::Accepted);
  CHECK(app::apply(v, changed));
  CHECK(v.row.dialog.mode == core::DialogMode::Accepted);
  app::close_dialog(v);
  CHECK_FALSE(v.open());
  CHECK_FALSE(app::apply(v, changed));
}

TEST_CASE("reopening another dialog starts empty and drops the draft") {
  app::DialogView v;
  app::open_dialog(v, row(7));
  v.draft = "черновик";
  app::merge_history(v, {msg(1, 100)});
  app::open_dialog(v, row(7));
  CHECK(v.draft == "черновик");
  const int generation = v.generation;
  app::open_dialog(v, row(8));
  CHECK(v.messages.empty());
  CHECK(v.draft.empty());
  CHECK(v.generation > generation);
}

TEST_CASE("day separators and times read in local time") {
  const std::int64_t msk = 3 * 3600 * 1000;
  const core::TimeMs at = 1700000000000;  // 2023-11-14 22:13:20 UTC = 01:13 on the 15th in Moscow
  CHECK(app::format_clock(at, msk) == "01:13");
  const std::int64_t day = app::local_day(at, msk);
  CHECK(app::format_day(day, day, app::Locale::Ru) == "Сегодня");
  CHECK(app::format_day(day - 1, day, app::Locale::Ru) == "Вчера");
  CHECK(app::format_day(day, day + 10, app::Locale::Ru) == "15 ноября");
  CHECK(app::format_day(day, day + 400, app::Locale::Ru) == "15 ноября 2023");
}

TEST_CASE("the app opens, accepts, answers and archives a dialog on the demo backend") {
  app::InboxApp inbox(std::make_unique<net::DemoBackend>(200, 1700000000000));
  inbox.update(1700000000000);
  const auto& rows = inbox.list().page.rows;
  REQUIRE_FALSE(rows.empty());
  const core::Id id = rows.front().dialog.id;
  const int new_before = inbox.list().page.counts[0].total;

  app::Intents click;
  click.click_row = id;
  inbox.apply(click);
  inbox.update(1700000000000);
  const app::DialogView& d = inbox.dialog();
  REQUIRE(d.open());
  CHECK(d.id == id);
  CHECK_FALSE(d.loading);
  CHECK_FALSE(d.messages.empty());

  app::Intents accept;
  accept.accept = true;
  inbox.apply(accept);
  inbox.update(1700000000000);
  CHECK(d.row.dialog.mode == core::DialogMode::Accepted);
  CHECK(inbox.list().page.counts[0].total == new_before - 1);
  for (const core::DialogRow& r : inbox.list().page.rows) CHECK(r.dialog.id != id);

  const std::size_t before = d.messages.size();
  app::Intents reply;
  reply.draft = "Здравствуйте! Уже смотрим.";
  reply.send = true;
  inbox.apply(reply);
  CHECK(inbox.outbox().shown(id).size() == 1);  // shown at once, as sending
  CHECK(d.draft.empty());
  inbox.update(1700000005000);
  CHECK(inbox.outbox().shown(id).empty());
  REQUIRE(d.messages.size() == before + 1);  // the answer and the event: shown once
  CHECK(d.messages.back().text == "Здравствуйте! Уже смотрим.");
  CHECK(d.messages.back().direction == core::Direction::Out);
  CHECK(d.row.dialog.answered);

  app::Intents blank;
  blank.draft = "  \n";
  blank.send = true;
  inbox.apply(blank);
  CHECK(inbox.outbox().items().empty());  // nothing to send

  app::Intents archive;
  archive.archive = true;
  inbox.apply(archive);
  inbox.update(1700000006000);
  CHECK(d.row.dialog.mode == core::DialogMode::Archived);
  inbox.apply(accept);  // refused from the archive: the rule's reason is told
  inbox.update(1700000006000);
  CHECK(inbox.notice().reason == "Only a new dialog can be accepted");
  CHECK(d.row.dialog.mode == core::DialogMode::Archived);

  app::Intents close;
  close.close_dialog = true;
  inbox.apply(close);
  CHECK_FALSE(inbox.dialog().open());
}

TEST_CASE(
    "a message_updated event moves a message's ticks, and an older copy never takes them back") {
  app::DialogView v;
  app::open_dialog(v, row(7));
  core::Message m = msg(5, 500);
  m.direction = core::Direction::Out;
  m.delivery = core::DeliveryState::Pending;
  app::merge_history(v, {m});
  core::Event updated;
  updated.kind = core::EventKind::MessageUpdated;
  updated.row = row(7);
  updated.message = m;
  updated.message->delivery = core::DeliveryState::Read;
  CHECK(app::apply(v, updated));
  CHECK(v.messages.at(0).delivery == core::DeliveryState::Read);
  // The send answer (pending) or a late "delivered" comes after: no step back.
  app::merge_message(v, m);
  CHECK(v.messages.at(0).delivery == core::DeliveryState::Read);
  updated.message->delivery = core::DeliveryState::Delivered;
  app::apply(v, updated);
  CHECK(v.messages.at(0).delivery == core::DeliveryState::Read);
  CHECK(ids(v) == std::vector<core::Id>{5});
  // Another dialog's update is not this one's.
  updated.message->dialog_id = 8;
  CHECK_FALSE(app::apply(v, updated));
}

TEST_CASE("a failed message goes back to pending when the operator retries it") {
  app::DialogView v;
  app::open_dialog(v, row(7));
  core::Message m = msg(6, 600);
  m.direction = core::Direction::Out;
  m.delivery = core::DeliveryState::Failed;
  m.delivery_error = "Forbidden: bot was blocked by the user";
  app::merge_history(v, {m});
  m.delivery = core::DeliveryState::Pending;
  m.delivery_error.clear();
  app::merge_message(v, m);
  CHECK(v.messages.at(0).delivery == core::DeliveryState::Pending);
  CHECK(v.messages.at(0).delivery_error.empty());
}
