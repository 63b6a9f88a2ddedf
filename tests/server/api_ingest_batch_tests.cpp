// The batch form of ingest: per-item answers in order, idempotent per external
// id, the block list applied, bad items refused alone, and a bounded size.
#include "server/api_fixture.hpp"

using api_test::ApiFixture;

namespace {

core::Json item(long long source, const std::string& external_id, const std::string& identity,
                const std::string& text) {
  return {{"source_id", source},
          {"external_id", external_id},
          {"client", {{"identity", identity}, {"name", "Пакетный клиент"}}},
          {"text", text}};
}

int history_count(ApiFixture& f, const std::string& token, long long dialog_id) {
  auto r = f.call("GET", "/api/dialogs/" + std::to_string(dialog_id) + "/messages?limit=50", token);
  REQUIRE(r.status == 200);
  return static_cast<int>(r.json["messages"].size());
}

}  // namespace

TEST_CASE("a batch answers each message in its place; bad ones do not spoil the others") {
  ApiFixture f;
  const std::string t = f.login("owner@romashka.ru");
  const long long wa = f.source_of(t, "whatsapp");
  const long long tg = f.source_of(t, "telegram");
  REQUIRE(f.post("/api/block-list", t, {{"kind", "stop_word"}, {"value", "казино"}}).status == 201);
  const core::Json batch = {
      {"messages",
       {item(wa, "wamid.A", "79990000001", "Здравствуйте"),
        item(wa, "wamid.B", "79990000001", "Есть доставка?"),
        {{"source_id", wa}, {"external_id", "wamid.C"}},  // no client
        item(999999999, "x", "79990000002", "не туда"),   // unknown source
        "not an object",
        item(tg, "tg.1", "@spam", "Лучшее КАЗИНО"),
        item(wa, "wamid.A", "79990000001", "Здравствуйте"),  // repeated within the batch
        item(tg, "tg.2", "@ivan", "")}}};                    // no text, no attachments
  auto r = f.post("/api/ingest/batch", t, batch);
  REQUIRE(r.status == 200);
  const core::Json& res = r.json["results"];
  REQUIRE(res.size() == 8);
  CHECK(res[0]["status"] == 201);
  CHECK(res[1]["status"] == 201);
  CHECK(res[1]["dialog_id"] == res[0]["dialog_id"]);  // the same client's dialog
  CHECK(res[2]["status"] == 400);
  CHECK(res[2]["error"]["message"] == "client: required, an object");
  CHECK(res[3]["error"]["message"] == "source_id: no such source");
  CHECK(res[4]["error"]["code"] == "bad_request");
  CHECK(res[5]["blocked"] == true);
  CHECK(res[5]["reason"] == "stop_word");
  CHECK(res[6]["duplicate"] == true);
  CHECK(res[6]["message_id"] == res[0]["message_id"]);
  CHECK(res[7]["status"] == 400);
  CHECK(f.feed.count(core::EventKind::MessageAdded) == 2);  // only the two added
  const long long dialog = res[0]["dialog_id"];
  CHECK(history_count(f, t, dialog) == 2);

  // Sent again (a connector's retry): everything known is a duplicate, nothing is added.
  auto again = f.post("/api/ingest/batch", t,
                      {{"messages",
                        {item(wa, "wamid.A", "79990000001", "Здравствуйте"),
                         item(wa, "wamid.B", "79990000001", "Есть доставка?")}}});
  REQUIRE(again.status == 200);
  CHECK(again.json["results"][0]["duplicate"] == true);
  CHECK(again.json["results"][1]["message_id"] == res[1]["message_id"]);
  CHECK(f.feed.count(core::EventKind::MessageAdded) == 2);
  CHECK(history_count(f, t, dialog) == 2);
  // The single endpoint sees the batch's messages too.
  auto single = f.post("/api/ingest", t, item(wa, "wamid.B", "79990000001", "Есть доставка?"));
  CHECK(single.json["duplicate"] == true);
}

TEST_CASE("a batch is refused whole when malformed, too large or not an admin's") {
  ApiFixture f;
  const std::string t = f.login("owner@romashka.ru");
  const long long wa = f.source_of(t, "whatsapp");
  CHECK(f.post("/api/ingest/batch", t, {{"items", core::Json::array()}}).error() ==
        "messages: required, an array");
  CHECK(f.post("/api/ingest/batch", t, core::Json::array()).status == 400);
  core::Json many = core::Json::array();
  for (int i = 0; i < 501; ++i) many.push_back(item(wa, "big-" + std::to_string(i), "x", "y"));
  auto too_many = f.post("/api/ingest/batch", t, {{"messages", many}});
  CHECK(too_many.status == 400);
  CHECK(too_many.error() == "messages: more than 500");
  const std::string maria = f.login("maria@romashka.ru");
  CHECK(f.post("/api/ingest/batch", maria, {{"messages", {item(wa, "m", "x", "y")}}}).status ==
        403);
  CHECK(f.feed.count(core::EventKind::MessageAdded) == 0);
  auto empty = f.post("/api/ingest/batch", t, {{"messages", core::Json::array()}});
  CHECK(empty.status == 200);
  CHECK(empty.json["results"].empty());
}
