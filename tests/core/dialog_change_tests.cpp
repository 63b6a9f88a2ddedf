// Specs of a single-dialog change: the lifecycle moves, checked references,
// and a refused change leaving the dialog as it was.
#include <doctest/doctest.h>

#include "core/dialog_change.hpp"

using namespace core;

namespace {

constexpr Id kAccount = 1;

Directory directory() {
  Directory dir;
  dir.statuses.push_back({5, kAccount, "В работе", 0x3B82F6, 1, StatusGroup::Active});
  dir.statuses.push_back({6, kAccount, "Оплачен", 0x22C55E, 2, StatusGroup::Success});
  dir.tags.push_back({7, kAccount, "VIP", 0xF59E0B});
  dir.tags.push_back({8, kAccount, "Опт", 0x8B5CF6});
  Operator op;
  op.id = 3;
  op.account_id = kAccount;
  dir.operators.push_back(op);
  return dir;
}

Dialog dialog(DialogMode mode = DialogMode::New) {
  Dialog d;
  d.id = 10;
  d.account_id = kAccount;
  d.mode = mode;
  return d;
}

}  // namespace

TEST_CASE("accept and archive follow the lifecycle") {
  Dialog d = dialog();
  CHECK(apply(DialogChange::accept(), d, directory()).ok);
  CHECK(d.mode == DialogMode::Accepted);
  const Outcome again = apply(DialogChange::accept(), d, directory());
  CHECK_FALSE(again.ok);
  CHECK(again.error == "Only a new dialog can be accepted");
  CHECK(apply(DialogChange::archive(), d, directory()).ok);
  CHECK(d.mode == DialogMode::Archived);
}

TEST_CASE("a closing status archives, an active one brings the dialog back") {
  Dialog d = dialog(DialogMode::Accepted);
  CHECK(apply(DialogChange::status(6), d, directory()).ok);
  CHECK(d.mode == DialogMode::Archived);
  CHECK(d.status_id == 6);
  CHECK(apply(DialogChange::status(5), d, directory()).ok);
  CHECK(d.mode == DialogMode::Accepted);
  const Dialog before = d;
  CHECK_FALSE(apply(DialogChange::status(99), d, directory()).ok);
  CHECK(d.status_id == before.status_id);
}

TEST_CASE("tags stay sorted and unique; an unknown tag is refused") {
  Dialog d = dialog();
  CHECK(apply(DialogChange::add_tag(8), d, directory()).ok);
  CHECK(apply(DialogChange::add_tag(7), d, directory()).ok);
  CHECK(apply(DialogChange::add_tag(8), d, directory()).ok);
  CHECK(d.tag_ids == std::vector<Id>{7, 8});
  CHECK_FALSE(apply(DialogChange::add_tag(42), d, directory()).ok);
  CHECK(apply(DialogChange::remove_tag(7), d, directory()).ok);
  CHECK(d.tag_ids == std::vector<Id>{8});
}

TEST_CASE("responsible, price and fields are checked edits") {
  Dialog d = dialog();
  CHECK(apply(DialogChange::responsible(3), d, directory()).ok);
  CHECK(d.responsible_id == 3);
  CHECK_FALSE(apply(DialogChange::responsible(4), d, directory()).ok);
  CHECK(d.responsible_id == 3);
  CHECK(apply(DialogChange::responsible(kNoId), d, directory()).ok);
  CHECK(d.responsible_id == kNoId);
  CHECK(apply(DialogChange::set_price(150000), d, directory()).ok);
  CHECK(d.price == 150000);
  CHECK_FALSE(apply(DialogChange::set_price(-1), d, directory()).ok);
  CHECK(d.price == 150000);
  CHECK(apply(DialogChange::set_fields({{"Город", "Казань"}}), d, directory()).ok);
  REQUIRE(d.fields.size() == 1);
  CHECK(d.fields[0].value == "Казань");
  CHECK_FALSE(apply(DialogChange::set_fields({{"", "x"}}), d, directory()).ok);
}

TEST_CASE("tasks are added with the given id, marked done and deleted") {
  Dialog d = dialog();
  CHECK(apply(DialogChange::add_task("Перезвонить", 1000, 3), d, directory(), 77).ok);
  REQUIRE(d.tasks.size() == 1);
  CHECK(d.tasks[0].id == 77);
  CHECK(d.tasks[0].dialog_id == 10);
  CHECK_FALSE(d.tasks[0].done);
  CHECK_FALSE(apply(DialogChange::add_task("  ", 0, kNoId), d, directory()).ok);
  CHECK(apply(DialogChange::task_done(77, true), d, directory()).ok);
  CHECK(d.tasks[0].done);
  CHECK_FALSE(apply(DialogChange::task_done(78, true), d, directory()).ok);
  CHECK(apply(DialogChange::delete_task(77), d, directory()).ok);
  CHECK(d.tasks.empty());
  CHECK_FALSE(apply(DialogChange::delete_task(77), d, directory()).ok);
}

TEST_CASE("a task's text, due time and assignee are edited together, under the same checks") {
  Dialog d = dialog();
  REQUIRE(apply(DialogChange::add_task("Перезвонить", 1000, 3), d, directory(), 77).ok);
  CHECK(apply(DialogChange::edit_task(77, "Перезвонить после 15:00", 5000, kNoId), d, directory())
            .ok);
  REQUIRE(d.tasks.size() == 1);
  CHECK(d.tasks[0].text == "Перезвонить после 15:00");
  CHECK(d.tasks[0].due == 5000);
  CHECK(d.tasks[0].assignee_id == kNoId);
  CHECK(d.tasks[0].id == 77);
  CHECK_FALSE(apply(DialogChange::edit_task(77, " ", 0, kNoId), d, directory()).ok);
  CHECK_FALSE(apply(DialogChange::edit_task(77, "x", 0, 999), d, directory()).ok);
  CHECK_FALSE(apply(DialogChange::edit_task(78, "x", 0, kNoId), d, directory()).ok);
  CHECK(d.tasks[0].text == "Перезвонить после 15:00");  // refusals change nothing
  CHECK(d.tasks[0].due == 5000);
}

TEST_CASE("read state") {
  Dialog d = dialog();
  CHECK(apply(DialogChange::mark_unread(), d, directory()).ok);
  CHECK(d.unread == 1);
  CHECK(apply(DialogChange::mark_read(), d, directory()).ok);
  CHECK(d.unread == 0);
}
