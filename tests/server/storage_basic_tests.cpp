// Specs of the SQLite store's plumbing and reference data: schema, ids,
// transactions, accounts, operators, sessions, the directory, idempotency keys.
#include <doctest/doctest.h>

#include <limits>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

#include "server/storage/store.hpp"
#include "storage_fixture.hpp"

using namespace server;
using storage_test::json_of;
using storage_test::TempStore;

namespace {

core::Source make_source(Id account, core::ChannelKind channel = core::ChannelKind::Telegram) {
  core::Source s;
  s.account_id = account;
  s.channel = channel;
  s.name = "Telegram магазина";
  s.address = "@shop";
  return s;
}

core::Operator make_operator(Id account, const std::string& email,
                             core::Role role = core::Role::Manager) {
  core::Operator op;
  op.account_id = account;
  op.name = "Мария";
  op.email = email;
  op.role = role;
  return op;
}

}  // namespace

TEST_CASE("a new database is migrated and reopens with its data") {
  TempStore db;
  const Id account = db->create_account("ООО «Ромашка»");
  CHECK(account > 0);
  db.reopen();
  const auto found = db->account(account);
  REQUIRE(found);
  CHECK(found->name == "ООО «Ромашка»");
  CHECK_FALSE(db->account(account + 1000));
}

TEST_CASE("ids are unique across every kind of row and reserve_ids skips a block") {
  TempStore db;
  const Id a = db->create_account("A");
  const Id b = db->next_id();
  CHECK(b > a);
  const Id block = db->reserve_ids(100);
  CHECK(block > b);
  const Id after = db->next_id();
  CHECK(after >= block + 100);
  // A row saved with an id of its own moves the counter past it.
  core::Source s = make_source(a);
  s.id = after + 50;
  CHECK(db->save_source(s) == after + 50);
  CHECK(db->next_id() > after + 50);
}

TEST_CASE("no id is handed out twice after a rolled-back transaction, nested part or reopen") {
  TempStore db;
  std::set<Id> seen;
  auto take = [&](Id id) { CHECK(seen.insert(id).second); };
  // The first id of this transaction reserves a block of ids that the rollback takes back.
  CHECK_THROWS(db->transaction([&] {
    db->next_id();
    throw std::runtime_error("refused");
  }));
  for (int i = 0; i < 600; ++i) take(db->next_id());  // more than one block
  db->transaction([&] {
    take(db->next_id());
    CHECK_THROWS(db->transaction([&] {
      for (int i = 0; i < 300; ++i) db->next_id();
      throw std::runtime_error("refused");
    }));
    for (int i = 0; i < 300; ++i) take(db->next_id());
  });
  const Id highest = *seen.rbegin();
  db.reopen();
  CHECK(db->next_id() > highest);
}

TEST_CASE("a transaction commits all or nothing, and a nested one rolls back only itself") {
  TempStore db;
  const Id account = db->create_account("A");
  CHECK_THROWS_AS(db->transaction([&] {
    db->save_tag({0, account, "VIP", 0xFF0000});
    throw std::runtime_error("boom");
  }),
                  std::runtime_error);
  CHECK(db->directory(account).tags.empty());

  db->transaction([&] {
    db->save_tag({0, account, "Опт", 1});
    CHECK_THROWS(db->transaction([&] {
      db->save_tag({0, account, "Возврат", 2});
      throw std::runtime_error("inner");
    }));
    db->save_tag({0, account, "Доставка", 3});
  });
  const auto tags = db->directory(account).tags;
  REQUIRE(tags.size() == 2);
  CHECK(tags[0].name == "Опт");
  CHECK(tags[1].name == "Доставка");
}

TEST_CASE("operators log in by e-mail, case-insensitively, with their granted sources") {
  TempStore db;
  const Id account = db->create_account("A");
  const Id source = db->save_source(make_source(account));
  core::Operator op = make_operator(account, "Maria@Romashka.ru");
  op.source_ids = {source};
  op.id = db->save_operator(op, "$argon2id$hash");
  const auto creds = db->credentials_by_email("maria@romashka.ru");
  REQUIRE(creds);
  CHECK(creds->password_hash == "$argon2id$hash");
  CHECK(creds->op.id == op.id);
  CHECK(creds->op.source_ids == std::vector<Id>{source});
  CHECK_FALSE(db->credentials_by_email("nobody@romashka.ru"));

  // An update without a hash keeps the password; the role changes.
  op.role = core::Role::Admin;
  op.source_ids.clear();
  db->save_operator(op, "");
  const auto updated = db->credentials_by_email("maria@romashka.ru");
  CHECK(updated->password_hash == "$argon2id$hash");
  CHECK(updated->op.role == core::Role::Admin);
  CHECK(updated->op.source_ids.empty());
}

TEST_CASE("a taken e-mail and a source of another account are refused with a StoreError") {
  TempStore db;
  const Id a = db->create_account("A");
  const Id b = db->create_account("B");
  db->save_operator(make_operator(a, "x@y.ru"), "h");
  try {
    db->save_operator(make_operator(b, "X@y.ru"), "h");
    FAIL("expected a conflict");
  } catch (const StoreError& e) {
    CHECK(e.kind() == StoreError::Kind::Conflict);
  }
  core::Operator op = make_operator(a, "z@y.ru");
  op.source_ids = {db->save_source(make_source(b))};
  try {
    db->save_operator(op, "h");
    FAIL("expected invalid");
  } catch (const StoreError& e) {
    CHECK(e.kind() == StoreError::Kind::Invalid);
  }
  CHECK_FALSE(db->credentials_by_email("z@y.ru"));  // nothing half-saved
}

TEST_CASE("sessions are found by token hash, deleted once, and expire in bulk") {
  TempStore db;
  const Id account = db->create_account("A");
  const Id op = db->save_operator(make_operator(account, "m@r.ru"), "h");
  db->save_session({"hash-1", op, account, 1000});
  db->save_session({"hash-2", op, account, 5000});
  const auto s = db->session("hash-1");
  REQUIRE(s);
  CHECK(s->operator_id == op);
  CHECK(s->expires_at == 1000);
  CHECK(db->delete_session("hash-1"));
  CHECK_FALSE(db->delete_session("hash-1"));
  CHECK_FALSE(db->session("hash-1"));
  CHECK(db->delete_expired_sessions(6000) == 1);
  CHECK_FALSE(db->session("hash-2"));
}

TEST_CASE("deleting an operator ends their sessions and unassigns nothing of others") {
  TempStore db;
  const Id account = db->create_account("A");
  const Id op = db->save_operator(make_operator(account, "m@r.ru"), "h");
  db->save_session({"t", op, account, 1000});
  CHECK_FALSE(db->delete_operator(account + 1, op));
  CHECK(db->delete_operator(account, op));
  CHECK_FALSE(db->delete_operator(account, op));
  CHECK_FALSE(db->session("t"));
  CHECK(db->directory(account).operators.empty());
}

TEST_CASE("the directory holds what was saved, statuses in their order") {
  TempStore db;
  const Id account = db->create_account("A");
  const Id s1 = db->save_status({0, account, "Закрыт", 0x22C55E, 5, core::StatusGroup::Success});
  const Id s2 = db->save_status({0, account, "Новый", 0x3B82F6, 1, core::StatusGroup::Active});
  const Id tpl = db->save_template({0, account, "Привет", "Здравствуйте!"});
  const Id src = db->save_source(make_source(account, core::ChannelKind::VK));
  auto dir = db->directory(account);
  REQUIRE(dir.statuses.size() == 2);
  CHECK(dir.statuses[0].id == s2);
  CHECK(dir.statuses[1].id == s1);
  CHECK(dir.statuses[1].group == core::StatusGroup::Success);
  CHECK(dir.statuses[1].color == 0x22C55E);
  REQUIRE(dir.templates.size() == 1);
  CHECK(dir.templates[0].text == "Здравствуйте!");
  REQUIRE(dir.sources.size() == 1);
  CHECK(dir.sources[0].channel == core::ChannelKind::VK);

  core::Template changed{tpl, account, "Привет", "Добрый день!"};
  CHECK(db->save_template(changed) == tpl);
  CHECK(db->directory(account).templates[0].text == "Добрый день!");

  CHECK(db->delete_template(account, tpl));
  CHECK_FALSE(db->delete_template(account, tpl));
  CHECK(db->delete_status(account, s1));
  CHECK_FALSE(db->delete_status(account, 999999));
  CHECK(db->directory(account).statuses.size() == 1);
  (void)src;
}

TEST_CASE("the block list adds and deletes entries") {
  TempStore db;
  const Id account = db->create_account("A");
  const Id e1 = db->add_block({0, account, BlockKind::StopWord, "казино"});
  db->add_block({0, account, BlockKind::Post, "post-7"});
  auto list = db->block_list(account);
  REQUIRE(list.size() == 2);
  CHECK(list[0].value == "казино");
  CHECK(list[1].kind == BlockKind::Post);
  CHECK(db->delete_block(account, e1));
  CHECK_FALSE(db->delete_block(account, e1));
  CHECK(db->block_list(account).size() == 1);
}

TEST_CASE("an idempotency key answers the stored reply") {
  TempStore db;
  CHECK_FALSE(db->idempotent_reply(7, "k1"));
  db->save_idempotent_reply(7, "k1", {201, R"({"id":5})"});
  const auto reply = db->idempotent_reply(7, "k1");
  REQUIRE(reply);
  CHECK(reply->status == 201);
  CHECK(reply->body == R"({"id":5})");
  CHECK_FALSE(db->idempotent_reply(8, "k1"));  // keys are per operator
  CHECK(db->prune_idempotent_replies(0) == 0);
  CHECK(db->prune_idempotent_replies(std::numeric_limits<TimeMs>::max()) == 1);
  CHECK_FALSE(db->idempotent_reply(7, "k1"));
}

TEST_CASE("calls from several threads are serialised without losing writes") {
  TempStore db;
  const Id account = db->create_account("A");
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) {
        db->transaction([&] {
          db->save_tag({0, account, "t" + std::to_string(t) + "-" + std::to_string(i), 1});
          core::Event e;
          e.kind = core::EventKind::DirectoryChanged;
          db->append_event(account, e);
        });
      }
    });
  }
  for (auto& t : threads) t.join();
  CHECK(db->directory(account).tags.size() == 200);
  CHECK(db->last_seq(account) == 200);
}
