// The notices the app queues for the page: each change once, and incoming
// messages only when they concern the operator.
#include <doctest/doctest.h>

#include "app/host_notices.hpp"

namespace {

core::Event incoming(core::Id dialog, core::DialogMode mode, core::Id responsible) {
  core::Event e;
  e.kind = core::EventKind::MessageAdded;
  core::DialogRow row;
  row.dialog.id = dialog;
  row.dialog.mode = mode;
  row.dialog.responsible_id = responsible;
  row.client.display_name = "Анна Смирнова";
  e.row = row;
  core::Message m;
  m.id = dialog * 1000;
  m.dialog_id = dialog;
  m.direction = core::Direction::In;
  m.text = "Здравствуйте, заказ готов?";
  e.message = m;
  return e;
}

}  // namespace

TEST_CASE("incoming messages concern the responsible operator and unassigned New dialogs") {
  app::HostNotices n;
  const core::Id me = 5;
  n.event(incoming(1, core::DialogMode::Accepted, me), me);
  n.event(incoming(2, core::DialogMode::New, core::kNoId), me);
  n.event(incoming(3, core::DialogMode::Accepted, 9), me);  // a colleague's
  n.event(incoming(4, core::DialogMode::Accepted, core::kNoId), me);
  core::Event out = incoming(6, core::DialogMode::New, core::kNoId);
  out.message->direction = core::Direction::Out;  // our own answer
  n.event(out, me);
  const auto notices = n.take();
  REQUIRE(notices.size() == 2);
  CHECK(notices[0].kind == app::HostNoticeKind::Incoming);
  CHECK(notices[0].dialog == 1);
  CHECK(notices[0].title == "Анна Смирнова");
  CHECK(notices[0].text == "Здравствуйте, заказ готов?");
  CHECK(notices[1].dialog == 2);
  CHECK(n.take().empty());
}

TEST_CASE("the unread total and the view are reported when they change, once") {
  app::HostNotices n;
  app::ListView list;
  app::DialogView dialog;
  list.loading = true;
  n.observe(list, dialog, "");
  auto first = n.take();
  REQUIRE(first.size() == 1);  // the view; no total while the list loads
  CHECK(first[0].kind == app::HostNoticeKind::ViewChanged);
  CHECK(first[0].text == "mode=new");
  CHECK_FALSE(first[0].push);  // the first link replaces the entry the page opened with

  list.loading = false;
  list.page.counts[0].unread = 3;
  list.page.counts[1].unread = 2;
  n.observe(list, dialog, "");
  auto second = n.take();
  REQUIRE(second.size() == 1);
  CHECK(second[0].kind == app::HostNoticeKind::UnreadChanged);
  CHECK(second[0].total == 5);
  n.observe(list, dialog, "");
  CHECK(n.take().empty());

  list.query.filter.search = "ан";
  n.observe(list, dialog, "");
  auto typed = n.take();
  REQUIRE(typed.size() == 1);
  CHECK(typed[0].text == "mode=new&search=%D0%B0%D0%BD");
  CHECK_FALSE(typed[0].push);  // typing replaces the history entry

  list.query.mode = core::DialogMode::Accepted;
  dialog.id = 17;
  n.observe(list, dialog, "Нет связи с сервером");
  auto changed = n.take();
  REQUIRE(changed.size() == 2);
  CHECK(changed[0].push);  // a new mode and dialog: a step back can return to
  CHECK(changed[0].text.find("dialog=17") != std::string::npos);
  CHECK(changed[1].kind == app::HostNoticeKind::Error);
  CHECK(changed[1].text == "Нет связи с сервером");
  n.observe(list, dialog, "Нет связи с сервером");
  CHECK(n.take().empty());
}

TEST_CASE("a message replayed after a reconnect is not told twice") {
  app::HostNotices n;
  const core::Id me = 5;
  n.event(incoming(1, core::DialogMode::Accepted, me), me);
  CHECK(n.take().size() == 1);
  n.event(incoming(1, core::DialogMode::Accepted, me), me);  // the same message again
  CHECK(n.take().empty());
  core::Event next = incoming(1, core::DialogMode::Accepted, me);
  next.message->id += 1;  // a newer one in the same dialog still is
  n.event(next, me);
  CHECK(n.take().size() == 1);
}
