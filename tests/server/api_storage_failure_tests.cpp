// Specs of the answers when the disk under the database fails
// (tests/server/failing_disk.hpp): a full disk is a 507 storage_full, a
// read-only or failing one a 503 storage_unavailable, each saying nothing was
// written; nothing is written or published, reads go on, and the same request
// is taken as new once the disk writes again.
#include "failing_disk.hpp"
#include "server/api_fixture.hpp"

using api_test::ApiFixture;
using api_test::dialog_path;
using storage_test::FailingDisk;

namespace {

core::Json ingest(long long source, const std::string& external_id) {
  return {{"source_id", source},
          {"external_id", external_id},
          {"client", {{"identity", "79990001122"}, {"name", "Клиент"}}},
          {"text", "Сообщение " + external_id}};
}

long long first_source(ApiFixture& f, const std::string& token) {
  return f.call("GET", "/api/directory", token).json["sources"][0]["id"];
}

}  // namespace

// An SQLite file on a failing disk (the PostgreSQL run skips it).
TEST_CASE("a full disk answers 507 storage_full and writes nothing; with room the retry is new" *
          doctest::skip(storage_test::on_postgres())) {
  FailingDisk disk;  // before the fixture's store
  ApiFixture f(20);
  const std::string t = f.login("owner@romashka.ru");
  const long long source = first_source(f, t);
  const core::Json row = f.first_row(t, "accepted");
  const std::map<std::string, std::string> key = {{"idempotency-key", "full-1"}};
  const std::size_t events = f.feed.events.size();

  FailingDisk::set(FailingDisk::Mode::Full);
  auto in = f.post("/api/ingest", t, ingest(source, "full.1"));
  CHECK(in.status == 507);
  CHECK(in.json["error"]["code"] == "storage_full");
  CHECK(in.error().find("nothing was written") != std::string::npos);
  auto send = f.post(dialog_path(row, "/messages"), t, {{"text", "На полный диск"}}, key);
  CHECK(send.status == 507);
  auto batch = f.post("/api/ingest/batch", t, {{"messages", {ingest(source, "full.2")}}});
  CHECK(batch.status == 507);  // the whole batch refused, as documented
  CHECK(f.call("GET", "/api/dialogs?mode=accepted&limit=5", t).status == 200);  // reads go on
  CHECK(f.feed.events.size() == events);                                        // nothing published

  FailingDisk::set(FailingDisk::Mode::Ok);
  auto again = f.post("/api/ingest", t, ingest(source, "full.1"));
  CHECK(again.status == 201);  // not a duplicate: the first one kept nothing
  auto resent = f.post(dialog_path(row, "/messages"), t, {{"text", "На полный диск"}}, key);
  CHECK(resent.status == 201);
  CHECK(resent.headers.count("idempotent-replay") == 0);  // the refusal was not kept as the answer
  CHECK(f.post("/api/ingest/batch", t, {{"messages", {ingest(source, "full.2")}}})
            .json["results"][0]["status"] == 201);
}

// An SQLite file on a failing disk (the PostgreSQL run skips it).
TEST_CASE("a read-only disk answers 503 storage_unavailable and writes nothing" *
          doctest::skip(storage_test::on_postgres())) {
  FailingDisk disk;
  ApiFixture f(20);
  const std::string t = f.login("owner@romashka.ru");
  const long long source = first_source(f, t);
  const std::size_t events = f.feed.events.size();

  FailingDisk::set(FailingDisk::Mode::ReadOnly);
  auto in = f.post("/api/ingest", t, ingest(source, "ro.1"));
  CHECK(in.status == 503);
  CHECK(in.json["error"]["code"] == "storage_unavailable");
  CHECK(in.error().find("nothing was written") != std::string::npos);
  CHECK(f.call("GET", "/api/dialogs?limit=5", t).status == 200);
  CHECK(f.feed.events.size() == events);

  FailingDisk::set(FailingDisk::Mode::Ok);
  CHECK(f.post("/api/ingest", t, ingest(source, "ro.1")).status == 201);
}
