// A body without a field its route needs is a 400 naming the field, and
// changes nothing: an absent field is never taken as a request to clear,
// unassign or reset (#19).
#include "server/api_fixture.hpp"

using api_test::ApiFixture;
using api_test::dialog_path;

namespace {

const std::string kBom = "\xEF\xBB\xBF";

long long id_where(const core::Json& list, const char* key, const std::string& value) {
  for (const auto& item : list) {
    if (item[key] == value) return item["id"].get<long long>();
  }
  FAIL("no item with " << key << " = " << value);
  return 0;
}

// What a refused request must leave as it was: the dialog, the reference data,
// the block list and the account's event log.
struct Snapshot {
  core::Json dialog, directory, block_list;
  std::int64_t seq = 0;
  bool operator==(const Snapshot& o) const {
    return dialog == o.dialog && directory == o.directory && block_list == o.block_list &&
           seq == o.seq;
  }
};

Snapshot snapshot(ApiFixture& f, const std::string& token, const core::Json& row) {
  return {f.call("GET", dialog_path(row), token).json, f.call("GET", "/api/directory", token).json,
          f.call("GET", "/api/block-list", token).json,
          f.api.context().store().last_seq(f.account_a)};
}

}  // namespace

TEST_CASE("a responsible change without operator_id is refused and leaves the dialog assigned") {
  ApiFixture f;
  const std::string t = f.login("owner@romashka.ru");
  const core::Json row = f.first_row(t, "accepted");
  const auto dir = f.call("GET", "/api/directory", t).json;
  const long long maria = id_where(dir["operators"], "email", "maria@romashka.ru");
  const std::string path = dialog_path(row, "/responsible");
  REQUIRE(f.call("PUT", path, t, core::Json{{"operator_id", maria}}.dump()).status == 200);
  const std::size_t events = f.feed.events.size();
  const std::int64_t seq = f.api.context().store().last_seq(f.account_a);

  for (const std::string body : {"{}", R"({"status_id": 1})", R"({"text": null})",
                                 R"({"operator": 0})", R"({"Operator_id": null})"}) {
    CAPTURE(body);
    const auto refused = f.call("PUT", path, t, body);
    CHECK(refused.status == 400);
    CHECK(refused.json["error"]["code"] == "bad_request");
    CHECK(refused.error() == "operator_id: required");
  }
  CHECK(f.call("GET", dialog_path(row), t).json["dialog"]["responsible_id"] == maria);
  CHECK(f.feed.events.size() == events);
  CHECK(f.api.context().store().last_seq(f.account_a) == seq);
}

TEST_CASE("operator_id 0 or null still unassigns, and says so in an event") {
  ApiFixture f;
  const std::string t = f.login("owner@romashka.ru");
  const core::Json row = f.first_row(t, "accepted");
  const auto dir = f.call("GET", "/api/directory", t).json;
  const long long maria = id_where(dir["operators"], "email", "maria@romashka.ru");
  const std::string path = dialog_path(row, "/responsible");
  for (const std::string none : {R"({"operator_id": 0})", R"({"operator_id": null})"}) {
    CAPTURE(none);
    REQUIRE(f.call("PUT", path, t, core::Json{{"operator_id", maria}}.dump()).status == 200);
    const std::size_t events = f.feed.events.size();
    const auto cleared = f.call("PUT", path, t, none);
    CHECK(cleared.status == 200);
    CHECK(cleared.json["dialog"]["responsible_id"] == 0);
    CHECK(f.call("GET", dialog_path(row), t).json["dialog"]["responsible_id"] == 0);
    CHECK(f.feed.events.size() == events + 1);
  }
}

TEST_CASE("a body with a byte order mark is refused as malformed, even a valid object after it") {
  ApiFixture f;
  const std::string t = f.login("owner@romashka.ru");
  const core::Json row = f.first_row(t, "accepted");
  const auto dir = f.call("GET", "/api/directory", t).json;
  const long long maria = id_where(dir["operators"], "email", "maria@romashka.ru");
  const Snapshot before = snapshot(f, t, row);
  for (const std::string body : {kBom + "{}", kBom + R"({"operator_id": 0})",
                                 kBom + core::Json{{"operator_id", maria}}.dump()}) {
    CAPTURE(body);
    const auto refused = f.call("PUT", dialog_path(row, "/responsible"), t, body);
    CHECK(refused.status == 400);
    CHECK(refused.error() == "body: starts with a byte order mark");
  }
  CHECK(f.call("POST", dialog_path(row, "/notes"), t, kBom + R"({"text": "x"})").error() ==
        "body: starts with a byte order mark");
  CHECK(snapshot(f, t, row) == before);
  CHECK(f.feed.events.empty());
}

TEST_CASE("a task patch that names no known field is refused and leaves the task as it was") {
  ApiFixture f;
  const std::string t = f.login("owner@romashka.ru");
  const core::Json row = f.first_row(t, "accepted");
  auto added = f.post(dialog_path(row, "/tasks"), t, {{"text", "Перезвонить"}});
  REQUIRE(added.status == 200);
  const core::Json task = added.json["dialog"]["tasks"].back();
  const std::string path =
      dialog_path(row, "/tasks/") + std::to_string(task["id"].get<long long>());
  const std::size_t events = f.feed.events.size();
  for (const std::string body : {"{}", R"({"Done": true})", R"({"title": "x"})"}) {
    CAPTURE(body);
    CHECK(f.call("PATCH", path, t, body).error() ==
          "text, done, due or assignee_id: required, at least one");
  }
  CHECK(f.call("GET", dialog_path(row), t).json["dialog"]["tasks"].back() == task);
  CHECK(f.feed.events.size() == events);
  CHECK(f.call("PATCH", path, t, R"({"done": true})").status == 200);  // one known field is enough
}

TEST_CASE("a settings PUT replaces the item whole: a missing field is refused, not reset") {
  ApiFixture f;
  const std::string t = f.login("owner@romashka.ru");
  auto status =
      f.post("/api/statuses", t,
             {{"name", "Думает"}, {"color", "#00aa00"}, {"order", 9}, {"group", "failure"}});
  REQUIRE(status.status == 201);
  const std::string status_path =
      "/api/statuses/" + std::to_string(status.json["id"].get<long long>());
  auto tag = f.post("/api/tags", t, {{"name", "Срочно"}, {"color", "#ff0000"}});
  REQUIRE(tag.status == 201);
  const std::string tag_path = "/api/tags/" + std::to_string(tag.json["id"].get<long long>());
  const auto dir = f.call("GET", "/api/directory", t).json;
  const long long admin = id_where(dir["operators"], "email", "admin@romashka.ru");
  const std::string admin_path = "/api/operators/" + std::to_string(admin);
  const core::Json row = f.first_row(t, "accepted");
  const Snapshot before = snapshot(f, t, row);

  // Each would have reset what it leaves out: the group to active, the colour
  // to grey, the admin to a manager without sources.
  CHECK(f.call("PUT", status_path, t, R"({"name": "Думает"})").error() == "color: required");
  CHECK(f.call("PUT", status_path, t, R"({"name": "x", "color": "#00aa00", "order": 9})").error() ==
        "group: required");
  CHECK(f.call("PUT", tag_path, t, R"({"name": "Срочно"})").error() == "color: required");
  CHECK(
      f.call("PUT", admin_path, t, R"({"name": "Админ", "email": "admin@romashka.ru"})").error() ==
      "role: required");
  CHECK(
      f.call("PUT", admin_path, t,
             R"({"name": "A", "email": "admin@romashka.ru", "role": "admin", "supervisor": false})")
          .error() == "source_ids: required");
  CHECK(snapshot(f, t, row) == before);
  CHECK(f.feed.count(core::EventKind::DirectoryChanged) == 2);  // the two creations only

  CHECK(f.call("PUT", tag_path, t, R"({"name": "Срочно!", "color": "#ff0000"})").status == 200);
}
