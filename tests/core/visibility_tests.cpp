// Specs of who may see which dialogs and sources, and who manages settings.
#include <doctest/doctest.h>

#include "core/visibility.hpp"

using namespace core;

namespace {

Operator make_operator(Role role, Id account = 1) {
  Operator op;
  op.id = 100;
  op.account_id = account;
  op.role = role;
  return op;
}

Dialog dialog_on(Id source_id, Id account = 1) {
  Dialog d;
  d.id = 10;
  d.account_id = account;
  d.source_id = source_id;
  return d;
}

Source source(Id id, Id account = 1) {
  Source s;
  s.id = id;
  s.account_id = account;
  return s;
}

}  // namespace

TEST_CASE("owners and admins see every dialog and source of their account") {
  for (Role role : {Role::Owner, Role::Admin}) {
    const Operator op = make_operator(role);
    CHECK(can_see(op, dialog_on(1)));
    CHECK(can_see(op, dialog_on(2)));
    CHECK(can_see_source(op, source(3)));
  }
}

TEST_CASE("a manager sees only the sources granted to them") {
  Operator op = make_operator(Role::Manager);
  op.source_ids = {1, 3};
  CHECK(can_see(op, dialog_on(1)));
  CHECK(can_see(op, dialog_on(3)));
  CHECK_FALSE(can_see(op, dialog_on(2)));
  CHECK(can_see_source(op, source(3)));
  CHECK_FALSE(can_see_source(op, source(2)));
}

TEST_CASE("a manager with no granted sources sees nothing") {
  const Operator op = make_operator(Role::Manager);
  CHECK_FALSE(can_see(op, dialog_on(1)));
  CHECK_FALSE(can_see_source(op, source(1)));
}

TEST_CASE("a supervisor manager sees every dialog of the account") {
  Operator op = make_operator(Role::Manager);
  op.supervisor = true;
  CHECK(can_see(op, dialog_on(1)));
  CHECK(can_see(op, dialog_on(2)));
  CHECK(can_see_source(op, source(2)));
}

TEST_CASE("nobody sees another account's dialogs or sources, whatever the role") {
  for (Role role : {Role::Owner, Role::Admin, Role::Manager}) {
    Operator op = make_operator(role);
    op.supervisor = true;
    op.source_ids = {1};
    CHECK_FALSE(can_see(op, dialog_on(1, 2)));
    CHECK_FALSE(can_see_source(op, source(1, 2)));
  }
}

TEST_CASE("an operator without an account sees nothing, even data without one") {
  const Operator op = make_operator(Role::Owner, kNoId);
  CHECK_FALSE(can_see(op, dialog_on(1, kNoId)));
  CHECK_FALSE(can_see_source(op, source(1, kNoId)));
}

TEST_CASE("only owners and admins manage settings, supervisors included") {
  CHECK(can_manage_settings(make_operator(Role::Owner)));
  CHECK(can_manage_settings(make_operator(Role::Admin)));
  Operator manager = make_operator(Role::Manager);
  CHECK_FALSE(can_manage_settings(manager));
  manager.supervisor = true;
  CHECK_FALSE(can_manage_settings(manager));
}
