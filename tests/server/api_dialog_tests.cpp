// The list and every change to a dialog, through the API.
#include "server/api_fixture.hpp"

using api_test::ApiFixture;
using api_test::dialog_path;

TEST_CASE("the list shows one mode, counts every mode, and pages with a cursor") {
  ApiFixture f;
  const std::string t = f.login("owner@romashka.ru");
  auto first = f.call("GET", "/api/dialogs?mode=accepted&limit=7", t);
  REQUIRE(first.status == 200);
  const auto& counts = first.json["counts"];
  CHECK(counts["new"]["total"].get<int>() + counts["accepted"]["total"].get<int>() +
            counts["archived"]["total"].get<int>() ==
        80);
  CHECK(first.json["total"] == counts["accepted"]["total"]);
  std::set<long long> seen;
  std::string cursor = first.json["next_cursor"];
  for (const auto& row : first.json["rows"]) seen.insert(row["dialog"]["id"].get<long long>());
  while (!cursor.empty()) {
    auto next = f.call("GET", "/api/dialogs?mode=accepted&limit=7&cursor=" + cursor, t);
    REQUIRE(next.status == 200);
    for (const auto& row : next.json["rows"]) {
      CHECK(row["dialog"]["mode"] == "accepted");
      CHECK(seen.insert(row["dialog"]["id"].get<long long>()).second);  // no repeats
    }
    cursor = next.json["next_cursor"];
  }
  CHECK(static_cast<int>(seen.size()) == first.json["total"].get<int>());
}

TEST_CASE("filters apply to the rows and the counts") {
  ApiFixture f;
  const std::string t = f.login("owner@romashka.ru");
  auto wa = f.call("GET", "/api/dialogs?mode=accepted&channels=whatsapp,telegram&types=unread", t);
  REQUIRE(wa.status == 200);
  for (const auto& row : wa.json["rows"]) {
    const std::string ch = row["dialog"]["channel"];
    CHECK((ch == "whatsapp" || ch == "telegram"));
    CHECK(row["dialog"]["unread"].get<int>() > 0);
  }
  auto unassigned = f.call("GET", "/api/dialogs?mode=new&responsibles=0", t);
  for (const auto& row : unassigned.json["rows"]) CHECK(row["dialog"]["responsible_id"] == 0);
  auto search = f.call("GET", "/api/dialogs?mode=accepted&search=%D0%B0%D0%BD%D0%BD%D0%B0", t);
  CHECK(search.status == 200);  // the transport decodes; raw bytes here are a plain string
}

TEST_CASE("invalid filter values get 400 naming the parameter") {
  ApiFixture f;
  const std::string t = f.login("owner@romashka.ru");
  CHECK(f.call("GET", "/api/dialogs?channels=whatsapp,icq", t).error().rfind("channels[1]", 0) ==
        0);
  CHECK(f.call("GET", "/api/dialogs?mode=trash", t).status == 400);
  CHECK(f.call("GET", "/api/dialogs?sort=colour", t).status == 400);
  CHECK(f.call("GET", "/api/dialogs?order=up", t).error() == "order: expected asc or desc");
  CHECK(f.call("GET", "/api/dialogs?limit=0", t).status == 400);
  CHECK(f.call("GET", "/api/dialogs?limit=100000", t).status == 400);
  CHECK(f.call("GET", "/api/dialogs?tags=1,x", t).error().rfind("tags", 0) == 0);
  CHECK(f.call("GET", "/api/dialogs?created_from=-5", t).status == 400);
  CHECK(f.call("GET", "/api/dialogs?cursor=zzzz", t).status == 400);
  CHECK(f.call("GET", "/api/dialogs?search=%ff", t).status == 200);  // undecoded here: plain text
  CHECK(f.call("GET", std::string("/api/dialogs?search=\xff\xfe"), t).error() ==
        "search: invalid UTF-8");
}

TEST_CASE("the list names the last event it shows, so a client can replay what follows") {
  ApiFixture f;
  const std::string t = f.login("owner@romashka.ru");
  const core::Json row = f.first_row(t, "new");
  const auto before = f.call("GET", "/api/dialogs?mode=accepted&limit=5", t);
  REQUIRE(before.status == 200);
  REQUIRE(before.json["seq"].is_number_integer());
  REQUIRE(f.call("POST", dialog_path(row, "/accept"), t).status == 200);
  REQUIRE(f.feed.events.size() == 1);
  const std::int64_t event_seq = f.feed.events[0].second.seq;
  CHECK(event_seq > before.json["seq"].get<std::int64_t>());
  const auto after = f.call("GET", "/api/dialogs?mode=accepted&limit=200", t);
  CHECK(after.json["seq"].get<std::int64_t>() == event_seq);
  bool shown = false;
  for (const auto& r : after.json["rows"])
    shown = shown || r["dialog"]["id"] == row["dialog"]["id"];
  CHECK(shown);
}

TEST_CASE("accepting moves a New dialog to Accepted once, and publishes the row") {
  ApiFixture f;
  const std::string t = f.login("owner@romashka.ru");
  const core::Json row = f.first_row(t, "new");
  auto accepted = f.call("POST", dialog_path(row, "/accept"), t);
  REQUIRE(accepted.status == 200);
  CHECK(accepted.json["dialog"]["mode"] == "accepted");
  REQUIRE(f.feed.events.size() == 1);
  CHECK(f.feed.events[0].second.kind == core::EventKind::DialogChanged);
  CHECK(f.feed.events[0].second.seq > 0);
  auto again = f.call("POST", dialog_path(row, "/accept"), t);
  CHECK(again.status == 422);
  CHECK(again.json["error"]["code"] == "refused");
  CHECK(again.json["error"]["reason"] == "not_new");  // the rule's code, for the client's words
  CHECK(f.feed.events.size() == 1);                   // a refused change publishes nothing
}

TEST_CASE("a closing funnel status archives; unknown ids are 400; absent dialogs 404") {
  ApiFixture f;
  const std::string t = f.login("owner@romashka.ru");
  const core::Json row = f.first_row(t, "accepted");
  const auto dir = f.call("GET", "/api/directory", t).json;
  long long success = 0;
  for (const auto& s : dir["statuses"]) {
    if (s["group"] == "success") success = s["id"];
  }
  auto done =
      f.call("PUT", dialog_path(row, "/status"), t, core::Json{{"status_id", success}}.dump());
  REQUIRE(done.status == 200);
  CHECK(done.json["dialog"]["mode"] == "archived");
  CHECK(f.call("PUT", dialog_path(row, "/status"), t, R"({"status_id": 999999})").error() ==
        "status_id: no such funnel status");
  CHECK(f.call("PUT", dialog_path(row, "/status"), t, R"({"status_id": "5"})").error() ==
        "status_id: expected a positive integer id");
  CHECK(f.call("PUT", "/api/dialogs/99999999/status", t, core::Json{{"status_id", success}}.dump())
            .status == 404);
  CHECK(f.call("PUT", "/api/dialogs/abc/status", t, "{}").status == 404);
}

TEST_CASE("responsible, tags, price, fields and tasks change the dialog") {
  ApiFixture f;
  const std::string t = f.login("admin@romashka.ru");
  const core::Json row = f.first_row(t, "accepted");
  const auto dir = f.call("GET", "/api/directory", t).json;
  const auto op = dir["operators"][2]["id"];
  const auto tag = dir["tags"][0]["id"];
  CHECK(f.call("PUT", dialog_path(row, "/responsible"), t, core::Json{{"operator_id", op}}.dump())
            .json["dialog"]["responsible_id"] == op);
  CHECK(f.call("PUT", dialog_path(row, "/responsible"), t, R"({"operator_id": 424242})").status ==
        400);
  auto tagged = f.post(dialog_path(row, "/tags"), t, {{"tag_ids", {tag}}});
  CHECK(std::count(tagged.json["dialog"]["tag_ids"].begin(), tagged.json["dialog"]["tag_ids"].end(),
                   tag) == 1);
  auto untagged =
      f.call("DELETE", dialog_path(row, "/tags/") + std::to_string(tag.get<long long>()), t);
  CHECK(std::count(untagged.json["dialog"]["tag_ids"].begin(),
                   untagged.json["dialog"]["tag_ids"].end(), tag) == 0);
  CHECK(f.call("PUT", dialog_path(row, "/price"), t, R"({"price": 1250000})")
            .json["dialog"]["price"] == 1250000);
  CHECK(f.call("PUT", dialog_path(row, "/price"), t, R"({"price": -1})").status == 400);
  CHECK(f.call("PUT", dialog_path(row, "/price"), t, R"({"price": 1.5})").status == 400);
  auto fields = f.call("PUT", dialog_path(row, "/fields"), t,
                       R"({"fields": [{"name": "Город", "value": "Казань"}]})");
  CHECK(fields.json["dialog"]["fields"][0]["value"] == "Казань");
  auto task = f.post(dialog_path(row, "/tasks"), t,
                     {{"text", "Перезвонить"}, {"due", api_test::kNow + 3600000}});
  REQUIRE(task.status == 200);
  core::Json created;
  for (const auto& x : task.json["dialog"]["tasks"]) {
    if (x["text"] == "Перезвонить") created = x;
  }
  REQUIRE(created.is_object());
  const std::string task_path =
      dialog_path(row, "/tasks/") + std::to_string(created["id"].get<long long>());
  CHECK(f.call("PATCH", task_path, t, R"({"done": true})").status == 200);
  CHECK(f.call("PATCH", task_path, t, R"({"done": "yes"})").status == 400);
  CHECK(f.call("DELETE", task_path, t).status == 200);
  CHECK(f.call("DELETE", task_path, t).status == 404);
}

TEST_CASE("bulk actions give a result per dialog and refuse oversize or invalid commands") {
  ApiFixture f;
  const std::string t = f.login("owner@romashka.ru");
  auto list = f.call("GET", "/api/dialogs?mode=new&limit=4", t).json;
  core::Json ids = core::Json::array();
  for (const auto& row : list["rows"]) ids.push_back(row["dialog"]["id"]);
  ids.push_back(987654321);
  auto accepted = f.post(
      "/api/bulk", t, {{"command", {{"action", "accept"}}}, {"selection", {{"dialog_ids", ids}}}});
  REQUIRE(accepted.status == 200);
  REQUIRE(accepted.json["results"].size() == 5);
  for (int i = 0; i < 4; ++i) CHECK(accepted.json["results"][i]["outcome"] == "applied");
  CHECK(accepted.json["results"][4]["outcome"] == "not_found");
  CHECK(f.feed.count(core::EventKind::DialogChanged) == 4);
  CHECK(f.feed.count(core::EventKind::BulkApplied) == 1);

  core::Json many = core::Json::array();
  for (int i = 1; i <= 1001; ++i) many.push_back(i);
  CHECK(f.post("/api/bulk", t,
               {{"command", {{"action", "mark_read"}}}, {"selection", {{"dialog_ids", many}}}})
            .status == 400);
  CHECK(f.post("/api/bulk", t,
               {{"command", {{"action", "set_status"}, {"status_id", 999999}}},
                {"selection", {{"dialog_ids", ids}}}})
            .status == 400);
  CHECK(f.post("/api/bulk", t,
               {{"command", {{"action", "explode"}}}, {"selection", {{"dialog_ids", ids}}}})
            .error()
            .find("action") != std::string::npos);

  const core::Json query = {{"mode", "accepted"}, {"filter", {{"types", {"unread"}}}}};
  const core::Json selection = {{"all_matching", true}, {"query", query}};
  auto all =
      f.post("/api/bulk", t, {{"command", {{"action", "mark_read"}}}, {"selection", selection}});
  REQUIRE(all.status == 200);
  CHECK(!all.json["results"].empty());
  CHECK(f.call("GET", "/api/dialogs?mode=accepted&types=unread", t).json["total"] == 0);
}

TEST_CASE("malformed bodies, wrong types and unknown endpoints get clear errors") {
  ApiFixture f;
  const std::string t = f.login("owner@romashka.ru");
  const core::Json row = f.first_row(t, "accepted");
  CHECK(f.call("POST", dialog_path(row, "/notes"), t, "{\"text\": ").status == 400);
  CHECK(f.call("POST", dialog_path(row, "/notes"), t, "[1,2]").error() ==
        "body: expected a JSON object");
  CHECK(f.call("POST", dialog_path(row, "/notes"), t, "{\"text\": 5}").error() ==
        "text: expected a string");
  CHECK(f.call("POST", dialog_path(row, "/notes"), t, "{\"text\": \"\xc3\x28\"}").status == 400);
  CHECK(f.call("GET", "/api/nothing-here", t).status == 404);
  CHECK(f.call("DELETE", "/api/dialogs", t).status == 405);
  CHECK(f.feed.events.empty());
}
