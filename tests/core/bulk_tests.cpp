// Specs of bulk actions: argument validation and per-dialog outcomes.
#include <doctest/doctest.h>

#include "core/bulk.hpp"

using namespace core;

namespace {

constexpr Id kAccount = 1;

Directory make_directory() {
  Directory dir;
  dir.operators.push_back({100, kAccount, "Anna", "anna@example.com", Role::Manager, {}, false});
  FunnelStatus active;
  active.id = 1;
  active.account_id = kAccount;
  active.group = StatusGroup::Active;
  FunnelStatus won = active;
  won.id = 2;
  won.group = StatusGroup::Success;
  dir.statuses = {active, won};
  dir.tags = {{11, kAccount, "vip", 0xFF0000},
              {12, kAccount, "wholesale", 0x00FF00},
              {13, kAccount, "spam", 0x0000FF}};
  return dir;
}

Dialog make_dialog(DialogMode mode = DialogMode::New) {
  Dialog d;
  d.id = 10;
  d.account_id = kAccount;
  d.mode = mode;
  return d;
}

BulkCommand command(BulkAction action) {
  BulkCommand c;
  c.action = action;
  return c;
}

}  // namespace

TEST_CASE("setting an unknown status is invalid") {
  BulkCommand c = command(BulkAction::SetStatus);
  c.status_id = 99;
  CHECK_FALSE(validate(c, make_directory()).empty());
  c.status_id = kNoId;
  CHECK_FALSE(validate(c, make_directory()).empty());
  c.status_id = 2;
  CHECK(validate(c, make_directory()).empty());
}

TEST_CASE("adding tags needs at least one tag and every tag known") {
  BulkCommand c = command(BulkAction::AddTags);
  CHECK_FALSE(validate(c, make_directory()).empty());
  c.tag_ids = {11, 99};
  CHECK_FALSE(validate(c, make_directory()).empty());
  c.tag_ids = {11, 12};
  CHECK(validate(c, make_directory()).empty());
}

TEST_CASE("assigning needs a known operator or kNoId to unassign") {
  BulkCommand c = command(BulkAction::Assign);
  c.operator_id = 555;
  CHECK_FALSE(validate(c, make_directory()).empty());
  c.operator_id = 100;
  CHECK(validate(c, make_directory()).empty());
  c.operator_id = kNoId;
  CHECK(validate(c, make_directory()).empty());
}

TEST_CASE("mark read, mark unread and accept take no arguments and are always valid") {
  for (BulkAction a : {BulkAction::MarkRead, BulkAction::MarkUnread, BulkAction::Accept}) {
    CHECK(validate(command(a), Directory{}).empty());
  }
}

TEST_CASE("bulk mark read clears unread and reports unchanged when already read") {
  Dialog d = make_dialog();
  d.unread = 3;
  BulkResult r = apply(command(BulkAction::MarkRead), d, make_directory());
  CHECK(r.dialog_id == 10);
  CHECK(r.outcome == BulkOutcome::Applied);
  CHECK(d.unread == 0);
  r = apply(command(BulkAction::MarkRead), d, make_directory());
  CHECK(r.outcome == BulkOutcome::Unchanged);
}

TEST_CASE("bulk mark unread sets one unread and reports unchanged when already unread") {
  Dialog d = make_dialog();
  BulkResult r = apply(command(BulkAction::MarkUnread), d, make_directory());
  CHECK(r.outcome == BulkOutcome::Applied);
  CHECK(d.unread == 1);
  d.unread = 5;
  r = apply(command(BulkAction::MarkUnread), d, make_directory());
  CHECK(r.outcome == BulkOutcome::Unchanged);
  CHECK(d.unread == 5);
}

TEST_CASE("bulk set status to a closing group archives the dialog") {
  Dialog d = make_dialog(DialogMode::Accepted);
  BulkCommand c = command(BulkAction::SetStatus);
  c.status_id = 2;
  const BulkResult r = apply(c, d, make_directory());
  CHECK(r.outcome == BulkOutcome::Applied);
  CHECK(d.status_id == 2);
  CHECK(d.mode == DialogMode::Archived);
  CHECK(apply(c, d, make_directory()).outcome == BulkOutcome::Unchanged);
}

TEST_CASE("bulk set status to an active one brings an archived dialog back") {
  Dialog d = make_dialog(DialogMode::Archived);
  d.status_id = 1;  // same status, but the mode still changes
  BulkCommand c = command(BulkAction::SetStatus);
  c.status_id = 1;
  CHECK(apply(c, d, make_directory()).outcome == BulkOutcome::Applied);
  CHECK(d.mode == DialogMode::Accepted);
}

TEST_CASE("bulk set status is refused for a dialog of another account") {
  Dialog d = make_dialog(DialogMode::Accepted);
  d.account_id = kAccount + 1;
  BulkCommand c = command(BulkAction::SetStatus);
  c.status_id = 2;
  const BulkResult r = apply(c, d, make_directory());
  CHECK(r.outcome == BulkOutcome::Refused);
  CHECK_FALSE(r.error.empty());
  CHECK(d.status_id == kNoId);
  CHECK(d.mode == DialogMode::Accepted);
}

TEST_CASE("bulk add tags merges them keeping the list sorted and unique") {
  Dialog d = make_dialog();
  d.tag_ids = {12};
  BulkCommand c = command(BulkAction::AddTags);
  c.tag_ids = {13, 11, 12, 13};
  CHECK(apply(c, d, make_directory()).outcome == BulkOutcome::Applied);
  CHECK(d.tag_ids == std::vector<Id>{11, 12, 13});
  CHECK(apply(c, d, make_directory()).outcome == BulkOutcome::Unchanged);
  CHECK(d.tag_ids == std::vector<Id>{11, 12, 13});
}

TEST_CASE("bulk assign sets or clears the responsible") {
  Dialog d = make_dialog();
  BulkCommand c = command(BulkAction::Assign);
  c.operator_id = 100;
  CHECK(apply(c, d, make_directory()).outcome == BulkOutcome::Applied);
  CHECK(d.responsible_id == 100);
  CHECK(apply(c, d, make_directory()).outcome == BulkOutcome::Unchanged);
  c.operator_id = kNoId;
  CHECK(apply(c, d, make_directory()).outcome == BulkOutcome::Applied);
  CHECK(d.responsible_id == kNoId);
}

TEST_CASE("bulk accept moves a new dialog to Accepted") {
  Dialog d = make_dialog();
  CHECK(apply(command(BulkAction::Accept), d, make_directory()).outcome == BulkOutcome::Applied);
  CHECK(d.mode == DialogMode::Accepted);
}

TEST_CASE("bulk accept is refused with a reason for a dialog not in New") {
  for (DialogMode mode : {DialogMode::Accepted, DialogMode::Archived}) {
    Dialog d = make_dialog(mode);
    const BulkResult r = apply(command(BulkAction::Accept), d, make_directory());
    CHECK(r.outcome == BulkOutcome::Refused);
    CHECK_FALSE(r.error.empty());
    CHECK(d.mode == mode);
  }
}

TEST_CASE("an invalid command applied anyway is refused and changes nothing") {
  Dialog d = make_dialog();
  BulkCommand c = command(BulkAction::AddTags);
  c.tag_ids = {99};
  const BulkResult r = apply(c, d, make_directory());
  CHECK(r.outcome == BulkOutcome::Refused);
  CHECK_FALSE(r.error.empty());
  CHECK(d.tag_ids.empty());
}
