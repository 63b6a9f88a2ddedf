// Opening an account writes it whole or not at all; a password change's
// "every other session" ends only that operator's other sessions.
#include <doctest/doctest.h>

#include "core/account_defaults.hpp"
#include "server/storage/accounts.hpp"
#include "storage_fixture.hpp"

using namespace server;
using storage_test::TempStore;

namespace {

core::Operator person(const std::string& name, const std::string& email) {
  core::Operator op;
  op.name = name;
  op.email = email;
  return op;
}

}  // namespace

TEST_CASE("an opened account has the default funnel and one owner who can be found by e-mail") {
  TempStore db;
  core::Operator asked = person("Вера", "vera@lavanda.ru");
  asked.role = core::Role::Manager;  // the role is not the caller's to choose
  asked.supervisor = true;
  const OpenedAccount opened = open_account(*db, "Лаванда", asked, "hash-1");
  CHECK(db->account(opened.account.id)->name == "Лаванда");
  const core::Directory dir = db->directory(opened.account.id);
  REQUIRE(dir.operators.size() == 1);
  CHECK(dir.operators[0].id == opened.owner.id);
  CHECK(dir.operators[0].role == core::Role::Owner);
  CHECK_FALSE(dir.operators[0].supervisor);
  const auto defaults = core::default_statuses(opened.account.id);
  REQUIRE(dir.statuses.size() == defaults.size());
  for (std::size_t i = 0; i < defaults.size(); ++i) {
    CHECK(dir.statuses[i].name == defaults[i].name);
    CHECK(dir.statuses[i].group == defaults[i].group);
  }
  const auto found = db->credentials_by_email("VERA@lavanda.ru");
  REQUIRE(found);
  CHECK(found->op.id == opened.owner.id);
  CHECK(found->password_hash == "hash-1");
}

TEST_CASE("opening an account with a taken e-mail writes nothing, not even the account") {
  TempStore db;
  open_account(*db, "Лаванда", person("Вера", "vera@lavanda.ru"), "hash-1");
  const std::vector<Id> before = db->account_ids();
  try {
    open_account(*db, "Ромашка", person("Анна", "Vera@Lavanda.ru"), "hash-2");
    FAIL("a taken e-mail was accepted");
  } catch (const StoreError& e) {
    CHECK(e.kind() == StoreError::Kind::Conflict);
  }
  CHECK(db->account_ids() == before);
  CHECK(db->credentials_by_email("vera@lavanda.ru")->password_hash == "hash-1");
}

TEST_CASE("ending an operator's other sessions keeps theirs given and everyone else's") {
  TempStore db;
  const OpenedAccount a = open_account(*db, "Лаванда", person("Вера", "vera@lavanda.ru"), "h");
  const OpenedAccount b = open_account(*db, "Ромашка", person("Анна", "anna@romashka.ru"), "h");
  const core::TimeMs later = 1'900'000'000'000;
  db->save_session({"vera-1", a.owner.id, a.account.id, later});
  db->save_session({"vera-2", a.owner.id, a.account.id, later});
  db->save_session({"vera-3", a.owner.id, a.account.id, later});
  db->save_session({"anna-1", b.owner.id, b.account.id, later});
  CHECK(db->delete_other_sessions(a.owner.id, "vera-2") == 2);
  CHECK_FALSE(db->session("vera-1"));
  CHECK(db->session("vera-2"));
  CHECK_FALSE(db->session("vera-3"));
  CHECK(db->session("anna-1"));
}
