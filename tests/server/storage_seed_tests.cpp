// Specs of the demo seed: a consistent account whose rows point at stored
// rows, and (skipped by default) the seed time of 100k dialogs.
#include <doctest/doctest.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "server/storage/seed.hpp"
#include "server/storage/store.hpp"
#include "storage_fixture.hpp"

using namespace server;
using storage_test::TempStore;

TEST_CASE("the seed stores the demo directory and dialogs whose references are stored rows") {
  TempStore db;
  SeedOptions options;
  options.dialogs = 120;
  options.batch = 50;
  options.now = 1'760'000'000'000;
  options.password_hash = "$argon2id$demo";
  int progress_calls = 0;
  options.progress = [&](int) { ++progress_calls; };
  const SeedStats stats = seed_demo(*db, options);
  CHECK(stats.dialogs == 120);
  CHECK(stats.messages >= 120);
  CHECK(progress_calls == 3);

  const core::Directory dir = db->directory(stats.account_id);
  CHECK(dir.sources.size() == 8);  // the generator's seven and a connected website chat
  const core::Source* chat = dir.find_source(stats.webchat_source);
  REQUIRE(chat);
  CHECK(chat->channel == core::ChannelKind::WebChat);
  const std::optional<server::SourceConnection> connection =
      db->channels().connection(stats.webchat_source);
  REQUIRE(connection);
  CHECK(connection->enabled);
  CHECK(db->channels().connections(stats.account_id).size() == 1);
  CHECK(dir.operators.size() == 5);
  CHECK(dir.statuses.size() == 6);
  CHECK(dir.tags.size() == 6);
  CHECK(dir.templates.size() == 5);
  const auto creds = db->credentials_by_email("owner@romashka.ru");
  REQUIRE(creds);
  CHECK(creds->password_hash == "$argon2id$demo");

  int total = 0;
  std::int64_t messages = 0;
  for (int m = 0; m < core::kDialogModeCount; ++m) {
    ListRequest r;
    r.query.mode = static_cast<core::DialogMode>(m);
    r.limit = kMaxListLimit;
    const ListResult result = db->list_dialogs(dir.operators[0], r);
    total += result.total;
    for (const auto& row : result.rows) {
      const core::Dialog& d = row.dialog;
      CHECK(row.client.id == d.client_id);
      CHECK(dir.find_source(d.source_id));
      if (d.status_id) CHECK(dir.find_status(d.status_id));
      if (d.responsible_id) CHECK(dir.find_operator(d.responsible_id));
      for (Id tag : d.tag_ids) CHECK(dir.find_tag(tag));
      const auto page = db->messages(stats.account_id, d.id, 0, 100);
      CHECK_FALSE(page.messages.empty());
      messages += static_cast<std::int64_t>(page.messages.size());
    }
  }
  CHECK(total == 120);
  CHECK(messages == stats.messages);
  // New ids come after the seeded ones.
  CHECK(db->next_id() > 0);
}

// Run with: storage_tests --no-skip -tc="*benchmark*"
TEST_CASE("seeding 100k dialogs (benchmark)" * doctest::skip()) {
  TempStore db;
  SeedOptions options;
  options.dialogs = 100'000;
  if (const char* n = std::getenv("CHATS_SEED_DIALOGS")) options.dialogs = std::atoi(n);
  const SeedStats stats = seed_demo(*db, options);
  std::printf("seeded %d dialogs, %lld messages in %.1f s\n", stats.dialogs,
              static_cast<long long>(stats.messages), stats.seconds);
  ListRequest r;
  core::Operator owner = db->directory(stats.account_id).operators[0];
  for (auto key : {core::SortKey::LastMessage, core::SortKey::ResponseTime, core::SortKey::Price}) {
    r.query.sort.key = key;
    r.query.sort.descending = key != core::SortKey::ResponseTime;
    const auto started = std::chrono::steady_clock::now();
    const ListResult result = db->list_dialogs(owner, r);
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
            .count();
    std::printf("first window sorted by %d: %zu rows of %d in %.1f ms\n", static_cast<int>(key),
                result.rows.size(), result.total, ms);
  }
  CHECK(stats.dialogs == options.dialogs);
}
