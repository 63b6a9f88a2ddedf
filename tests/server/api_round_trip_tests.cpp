// What makes PostgreSQL's writes fast enough: few round trips to the server
// per message (each costs it a wake-up and a reply, more than the statements'
// own work). Writes whose answer nobody reads travel with the next statement
// (libpq's pipeline mode), a dialog's tags and tasks come in one read, and a
// client with its row in one. Counted by the engine, so not timed.
#include "server/api_fixture.hpp"
#include "server/storage/sql/sql_store.hpp"

using api_test::ApiFixture;

namespace {

core::Json message(long long source, const std::string& external_id, const std::string& identity) {
  return {{"source_id", source},
          {"external_id", external_id},
          {"client", {{"identity", identity}, {"name", "Постоянный клиент"}}},
          {"text", "Ещё вопрос"}};
}

std::int64_t round_trips(ApiFixture& f) {
  return dynamic_cast<server::sql::SqlStore&>(*f.store).work_done();
}

}  // namespace

TEST_CASE("a message into a known dialog costs PostgreSQL few round trips" *
          doctest::skip(!storage_test::on_postgres())) {
  ApiFixture f;
  const std::string t = f.login("owner@romashka.ru");
  const long long wa = f.source_of(t, "whatsapp");
  constexpr int kClients = 20;
  core::Json first = core::Json::array();
  for (int i = 0; i < kClients; ++i) {
    first.push_back(message(wa, "first." + std::to_string(i), "7999100" + std::to_string(i)));
  }
  REQUIRE(f.post("/api/ingest/batch", t, {{"messages", first}}).status == 200);
  // The statements' first use prepares them: once per connection, not counted below.
  REQUIRE(f.post("/api/ingest", t, message(wa, "warm", "79991000")).status == 201);

  // One request: the writer's transaction (begin, commit) around the message's
  // job: block list, the external id, the client, its identities, the dialog,
  // its tags and tasks, the dialog's update, the account's seq, the job's end.
  const std::int64_t before_one = round_trips(f);
  REQUIRE(f.post("/api/ingest", t, message(wa, "one", "79991001")).status == 201);
  const std::int64_t one = round_trips(f) - before_one;
  MESSAGE("one message: " << one << " round trips");
  CHECK(one <= 11);  // 16 with a round trip per statement and three reads more

  // A batch shares the transaction and the block list.
  core::Json batch = core::Json::array();
  for (int i = 0; i < kClients; ++i) {
    batch.push_back(message(wa, "again." + std::to_string(i), "7999100" + std::to_string(i)));
  }
  const std::int64_t before_batch = round_trips(f);
  auto r = f.post("/api/ingest/batch", t, {{"messages", batch}});
  REQUIRE(r.status == 200);
  for (const auto& item : r.json["results"]) CHECK(item["status"] == 201);
  const std::int64_t per_message = (round_trips(f) - before_batch) / kClients;
  MESSAGE("in a batch: " << per_message << " round trips a message");
  CHECK(per_message <= 7);  // 11 with a round trip per statement and three reads more
}
