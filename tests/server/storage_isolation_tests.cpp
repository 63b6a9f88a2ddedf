// Specs of account isolation: no method given one account's id reads or
// changes another account's rows, even when given that account's row ids.
#include <doctest/doctest.h>

#include "server/storage/seed.hpp"
#include "server/storage/store.hpp"
#include "storage_fixture.hpp"

using namespace server;
using storage_test::TempStore;

namespace {

constexpr core::TimeMs kNow = 1'760'000'000'000;

SeedStats seed(Store& store, const std::string& prefix, std::uint64_t seed) {
  SeedOptions options;
  options.seed = seed;
  options.dialogs = 30;
  options.now = kNow;
  options.email_prefix = prefix;
  return seed_demo(store, options);
}

}  // namespace

TEST_CASE("one account's ids read nothing and change nothing in another account") {
  TempStore db;
  const Id a = seed(*db, "a.", 1).account_id;
  const Id b = seed(*db, "b.", 2).account_id;
  const core::Directory dir_a = db->directory(a);
  const core::Directory dir_b = db->directory(b);
  REQUIRE(dir_b.operators.size() == 5);
  const core::Operator owner_a = dir_a.operators[0];
  const core::Operator owner_b = dir_b.operators[0];

  ListRequest all;
  all.limit = kMaxListLimit;
  const auto rows_b = db->list_dialogs(owner_b, all).rows;
  REQUIRE_FALSE(rows_b.empty());
  const core::DialogRow& row_b = rows_b.front();
  const Id dialog_b = row_b.dialog.id;

  // Reads by B's ids under A's account find nothing.
  CHECK_FALSE(db->dialog(a, dialog_b));
  CHECK_FALSE(db->client(a, row_b.client.id));
  CHECK_FALSE(db->dialog_by_client(a, row_b.dialog.source_id, row_b.client.id));
  REQUIRE_FALSE(row_b.client.identities.empty());
  const auto& identity = row_b.client.identities.front();
  const auto found_in_a = db->find_client(a, identity.channel, identity.value);
  CHECK((!found_in_a || found_in_a->account_id == a));
  CHECK(db->find_client(b, identity.channel, identity.value));
  CHECK(db->messages(a, dialog_b, 0, 50).messages.empty());
  CHECK_FALSE(db->messages(b, dialog_b, 0, 50).messages.empty());
  const auto message_b = db->messages(b, dialog_b, 0, 50).messages.back();
  if (!message_b.external_id.empty()) {
    CHECK_FALSE(db->message_by_external_id(a, row_b.dialog.source_id, message_b.external_id));
    CHECK(db->message_by_external_id(b, row_b.dialog.source_id, message_b.external_id));
  }

  // A's list never shows B's dialogs, whatever the filter names.
  for (int m = 0; m < core::kDialogModeCount; ++m) {
    ListRequest r = all;
    r.query.mode = static_cast<core::DialogMode>(m);
    r.query.filter.sources = {row_b.dialog.source_id};
    CHECK(db->list_dialogs(owner_a, r).total == 0);
    CHECK(db->matching_dialog_ids(owner_a, r.query, 100).empty());
  }

  // Deletes under A's account leave B's rows alone.
  CHECK_FALSE(db->delete_status(a, dir_b.statuses[0].id));
  CHECK_FALSE(db->delete_tag(a, dir_b.tags[0].id));
  CHECK_FALSE(db->delete_template(a, dir_b.templates[0].id));
  CHECK_FALSE(db->delete_operator(a, owner_b.id));
  const Id block_b = db->add_block({0, b, BlockKind::StopWord, "спам"});
  CHECK_FALSE(db->delete_block(a, block_b));
  CHECK(db->directory(b).statuses.size() == dir_b.statuses.size());
  CHECK(db->directory(b).tags.size() == dir_b.tags.size());
  CHECK(db->block_list(b).size() == 1);
  CHECK(db->block_list(a).empty());

  // Saves that name B's rows under A are refused, and B's rows are unchanged.
  core::Tag tag = dir_b.tags[0];
  tag.account_id = a;
  tag.name = "угнан";
  CHECK_THROWS_AS(db->save_tag(tag), StoreError);
  core::Client client = row_b.client;
  client.account_id = a;
  CHECK_THROWS_AS(db->save_client(client), StoreError);
  core::Dialog dialog = row_b.dialog;
  dialog.account_id = a;
  CHECK_THROWS_AS(db->save_dialog(dialog), StoreError);
  CHECK(db->directory(b).tags[0].name == dir_b.tags[0].name);
  CHECK(storage_test::json_of(*db->dialog(b, dialog_b)) == storage_test::json_of(row_b));

  // Event logs are separate.
  core::Event e;
  db->append_event(a, e);
  CHECK(db->last_seq(a) == 1);
  CHECK(db->last_seq(b) == 0);
  CHECK(db->events_after(b, 0, 10).empty());
}
