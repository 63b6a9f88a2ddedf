// The scheduled pruning of the event log and the idempotency keys: a bounded
// window is kept, a resume from beyond it answers resync, old keys expire.
#include <chrono>

#include "server/api/live.hpp"
#include "server/api/retention.hpp"
#include "server/api_fixture.hpp"

using api_test::ApiFixture;
using api_test::kNow;
using api_test::RecordingSubscriber;

namespace {

// Idempotency keys are stamped with the wall clock when saved.
server::TimeMs wall_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

core::Json ingest_body(long long source, int i) {
  return {{"source_id", source},
          {"external_id", "ret-" + std::to_string(i)},
          {"client", {{"identity", "ret-client-" + std::to_string(i % 3)}}},
          {"text", "Сообщение " + std::to_string(i)}};
}

long long first_source(ApiFixture& f, const std::string& token) {
  return f.call("GET", "/api/directory", token).json["sources"][0]["id"];
}

// Opens the event stream of the token's operator resuming after `after`.
std::vector<core::Json> resume(server::LiveHub& live, const std::string& token,
                               std::int64_t after) {
  auto socket = std::make_shared<RecordingSubscriber>();
  server::HttpRequest upgrade;
  upgrade.method = "GET";
  upgrade.path = "/api/events";
  upgrade.query = {{"token", token}, {"after", std::to_string(after)}};
  REQUIRE(live.handlers().on_open(upgrade, socket));
  live.handlers().on_close(socket);
  return socket->sent;
}

}  // namespace

TEST_CASE(
    "pruning keeps the newest events, a bounded number per run, and resume beyond answers "
    "resync") {
  ApiFixture f;
  server::LiveHub live(*f.store, f.commit_order, [] { return kNow; });
  const std::string t = f.login("owner@romashka.ru");
  const long long source = first_source(f, t);
  const std::int64_t before = f.store->last_seq(f.account_a);
  for (int i = 0; i < 30; ++i)
    REQUIRE(f.post("/api/ingest", t, ingest_body(source, i)).status == 201);
  const std::int64_t last = f.store->last_seq(f.account_a);
  REQUIRE(last == before + 30);

  server::RetentionOptions options;
  options.keep_events = 10;
  options.max_deleted_per_run = 15;
  server::Retention retention(*f.store, f.commit_order, options);
  const std::int64_t retained = last - f.store->first_retained_seq(f.account_a) + 1;
  const server::PruneStats first_run = retention.prune(kNow);
  CHECK(first_run.events == std::min<std::int64_t>(15, retained - 10));
  retention.prune(kNow);
  retention.prune(kNow);
  CHECK(f.store->first_retained_seq(f.account_a) == last - 9);
  CHECK(retention.prune(kNow).events == 0);
  CHECK(f.store->last_seq(f.account_a) == last);  // the counter goes on

  // Within the window: the missed events, then hello.
  const std::vector<core::Json> recent = resume(live, t, last - 2);
  REQUIRE(recent.size() == 3);
  CHECK(recent[0]["seq"] == last - 1);
  CHECK(recent[0]["message"]["text"] == "Сообщение 28");
  CHECK(recent[1]["seq"] == last);
  CHECK(recent[2]["kind"] == "hello");
  // From before the window: resync, then hello.
  const std::vector<core::Json> old = resume(live, t, last - 20);
  REQUIRE(old.size() == 2);
  CHECK(old[0]["kind"] == "resync");
  CHECK(old[0]["seq"] == last);
  CHECK(old[1]["kind"] == "hello");
}

TEST_CASE("idempotency keys expire after their lifetime: a later retry is a new request") {
  ApiFixture f;
  const std::string t = f.login("owner@romashka.ru");
  const core::Json row = f.first_row(t, "accepted");
  const std::string path = api_test::dialog_path(row, "/notes");
  const std::map<std::string, std::string> key = {{"idempotency-key", "note-1"}};
  const server::TimeMs saved_from = wall_ms();
  REQUIRE(f.post(path, t, {{"text", "Один"}}, key).status == 201);
  const server::TimeMs saved_by = wall_ms();

  server::RetentionOptions options;
  options.idempotency_ttl_ms = 60'000;
  server::Retention retention(*f.store, f.commit_order, options);
  CHECK(retention.prune(saved_from + 60'000).idempotency_keys == 0);  // not a minute old yet
  CHECK(f.post(path, t, {{"text", "Один"}}, key).headers["idempotent-replay"] == "true");
  CHECK(retention.prune(saved_by + 60'001).idempotency_keys == 1);
  const auto again = f.post(path, t, {{"text", "Один"}}, key);
  CHECK(again.status == 201);
  CHECK(again.headers.count("idempotent-replay") == 0);
  CHECK(f.feed.count(core::EventKind::MessageAdded) == 2);
}

TEST_CASE("the timer prunes once per interval") {
  ApiFixture f;
  server::RetentionOptions options;
  options.interval_ms = 5000;
  options.idempotency_ttl_ms = 0;
  server::Retention retention(*f.store, f.commit_order, options);
  const std::string t = f.login("owner@romashka.ru");
  const core::Json row = f.first_row(t, "accepted");
  const std::map<std::string, std::string> key = {{"idempotency-key", "k"}};
  const std::string path = api_test::dialog_path(row, "/notes");
  REQUIRE(f.post(path, t, {{"text", "a"}}, key).status == 201);
  const server::TimeMs base = wall_ms();
  CHECK(retention.tick(base + 1).idempotency_keys == 1);  // the first call runs
  REQUIRE(f.post(path, t, {{"text", "a"}}, {{"idempotency-key", "k2"}}).status == 201);
  CHECK(retention.tick(base + 4000).idempotency_keys == 0);  // too soon
  CHECK(retention.tick(base + 5001).idempotency_keys == 1);
}
