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

// Every mutating route, with what it answers to `{}`: a 400 naming the field
// it needs, or, for a route that takes no body (docs/api.md), anything but a
// 400. The table must list exactly the router's mutating routes, so a route
// added later fails here until it is given its line.
TEST_CASE("an empty object to every mutating route is a 400 naming the missing field") {
  ApiFixture f;
  const std::string t = f.login("owner@romashka.ru");
  const core::Json row = f.first_row(t, "accepted");
  const auto dir = f.call("GET", "/api/directory", t).json;
  const std::string d = dialog_path(row);
  const std::string status = std::to_string(dir["statuses"][0]["id"].get<long long>());
  const std::string tag = std::to_string(dir["tags"][0]["id"].get<long long>());
  const std::string tpl = std::to_string(dir["templates"][0]["id"].get<long long>());
  const std::string admin =
      std::to_string(id_where(dir["operators"], "email", "admin@romashka.ru"));
  const std::string absent = "99999999";
  const auto invited = f.post("/api/operators/" + admin + "/invitation", t, {});
  REQUIRE(invited.status == 200);
  const std::string invitation = invited.json["invitation"]["token"];

  struct Case {
    std::string route;  // as the router names it
    std::string path;
    const char* error;  // nullptr: the route takes no body
  };
  const std::vector<Case> cases = {
      {"POST /api/login", "/api/login", "email: required and not blank"},
      {"POST /api/signup", "/api/signup", "business: required and not blank"},
      {"PUT /api/me", "/api/me", "name, email or avatar_url: required, at least one"},
      {"POST /api/me/password", "/api/me/password", "new_password: required and not blank"},
      {"POST /api/dialogs/{}/accept", d + "/accept", nullptr},
      {"POST /api/dialogs/{}/archive", d + "/archive", nullptr},
      {"POST /api/dialogs/{}/read", d + "/read", nullptr},
      {"POST /api/dialogs/{}/unread", d + "/unread", nullptr},
      {"PUT /api/dialogs/{}/status", d + "/status", "status_id: required"},
      {"PUT /api/dialogs/{}/responsible", d + "/responsible", "operator_id: required"},
      {"POST /api/dialogs/{}/tags", d + "/tags", "tag_ids: required, at least one"},
      {"DELETE /api/dialogs/{}/tags/{}", d + "/tags/" + absent, nullptr},
      {"PUT /api/dialogs/{}/price", d + "/price", "price: required"},
      {"PUT /api/dialogs/{}/fields", d + "/fields", "fields: required"},
      {"POST /api/dialogs/{}/tasks", d + "/tasks", "text: required and not blank"},
      {"PATCH /api/dialogs/{}/tasks/{}", d + "/tasks/" + absent,
       "text, done, due or assignee_id: required, at least one"},
      {"DELETE /api/dialogs/{}/tasks/{}", d + "/tasks/" + absent, nullptr},
      {"POST /api/bulk", "/api/bulk", "bulk_request.command: missing required field"},
      {"POST /api/dialogs/{}/messages", d + "/messages",
       "text: required when there are no attachments"},
      {"POST /api/dialogs/{}/notes", d + "/notes", "text: required and not blank"},
      {"POST /api/uploads", "/api/uploads",
       "x-file-name: required, a plain UTF-8 file name up to 255 bytes"},
      {"POST /api/write-first", "/api/write-first", "source_id: required"},
      {"POST /api/statuses", "/api/statuses", "name: required and not blank"},
      {"PUT /api/statuses/{}", "/api/statuses/" + status, "name: required"},
      {"DELETE /api/statuses/{}", "/api/statuses/" + absent, nullptr},
      {"POST /api/tags", "/api/tags", "name: required and not blank"},
      {"PUT /api/tags/{}", "/api/tags/" + tag, "name: required"},
      {"DELETE /api/tags/{}", "/api/tags/" + absent, nullptr},
      {"POST /api/templates", "/api/templates", "title: required and not blank"},
      {"PUT /api/templates/{}", "/api/templates/" + tpl, "title: required and not blank"},
      {"DELETE /api/templates/{}", "/api/templates/" + absent, nullptr},
      {"POST /api/operators", "/api/operators", "name: required and not blank"},
      {"PUT /api/operators/{}", "/api/operators/" + admin, "name: required"},
      {"DELETE /api/operators/{}", "/api/operators/" + absent, nullptr},
      {"POST /api/operators/{}/invitation", "/api/operators/" + absent + "/invitation", nullptr},
      {"POST /api/invitations/{}", "/api/invitations/" + invitation,
       "password: required and not blank"},
      {"POST /api/block-list", "/api/block-list", "kind: required and not blank"},
      {"DELETE /api/block-list/{}", "/api/block-list/" + absent, nullptr},
      {"POST /api/ingest", "/api/ingest", "source_id: required"},
      {"POST /api/ingest/batch", "/api/ingest/batch", "messages: required, an array"},
      {"POST /api/dialogs/{}/messages/{}/retry", d + "/messages/" + absent + "/retry", nullptr},
      {"POST /api/sources", "/api/sources", "channel: required and not blank"},
      {"PATCH /api/sources/{}", "/api/sources/" + absent,
       "name, enabled, credentials or settings: required, at least one"},
      {"DELETE /api/sources/{}", "/api/sources/" + absent, nullptr},
      // The channels' and visitors' routes answer 404 for a source that is not
      // theirs before reading a body; their own tests send {} to a real one.
      {"POST /api/hooks/{}", "/api/hooks/" + absent, nullptr},
      {"POST /api/webchat/{}/visitors", "/api/webchat/" + absent + "/visitors", nullptr},
      {"POST /api/webchat/{}/messages", "/api/webchat/" + absent + "/messages", nullptr},
      {"POST /api/webchat/{}/receipts", "/api/webchat/" + absent + "/receipts", nullptr},
      {"POST /api/logout", "/api/logout", nullptr},  // last: it ends the session
  };

  std::set<std::string> mutating, listed;
  for (const std::string& pattern : f.api.router().patterns()) {
    if (pattern.rfind("GET ", 0) != 0) mutating.insert(pattern);
  }
  for (const Case& c : cases) CHECK_MESSAGE(listed.insert(c.route).second, c.route << " twice");
  for (const std::string& r : mutating) CHECK_MESSAGE(listed.count(r), r << ": not in the table");
  for (const std::string& r : listed) CHECK_MESSAGE(mutating.count(r), r << ": no such route");

  const Snapshot before = snapshot(f, t, row);
  for (const Case& c : cases) {
    if (!c.error) continue;
    CAPTURE(c.route);
    const auto reply = f.call(c.route.substr(0, c.route.find(' ')), c.path, t, "{}");
    CHECK(reply.status == 400);
    CHECK(reply.json["error"]["code"] == "bad_request");
    CHECK(reply.error() == c.error);
  }
  CHECK(snapshot(f, t, row) == before);
  CHECK(f.feed.events.empty());

  for (const Case& c : cases) {
    if (c.error) continue;
    CAPTURE(c.route);
    CHECK(f.call(c.route.substr(0, c.route.find(' ')), c.path, t, "{}").status != 400);
  }
}
