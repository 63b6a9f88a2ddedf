// Settings endpoints end to end through the handlers, and session expiry.
#include "server/api_fixture.hpp"

using api_test::ApiFixture;

namespace {

long long id_of(const api_test::Reply& r) {
  return r.json["id"].get<long long>();
}

}  // namespace

TEST_CASE("templates, statuses and tags can be created, changed and deleted by an admin") {
  ApiFixture f;
  const std::string admin = f.login("admin@romashka.ru");
  auto tpl = f.post("/api/templates", admin, {{"title", "Счёт"}, {"text", "Счёт отправлен"}});
  REQUIRE(tpl.status == 201);
  const std::string tpl_path = "/api/templates/" + std::to_string(id_of(tpl));
  auto changed = f.call("PUT", tpl_path, admin, R"({"title": "Счёт", "text": "Отправили счёт"})");
  CHECK(changed.json["text"] == "Отправили счёт");
  CHECK(f.call("PUT", tpl_path, admin, R"({"title": "", "text": "x"})").status == 400);
  CHECK(f.call("DELETE", tpl_path, admin).status == 200);
  CHECK(f.call("DELETE", tpl_path, admin).status == 404);
  CHECK(f.call("PUT", "/api/templates/99999999", admin, R"({"title": "a", "text": "b"})").status ==
        404);

  auto status = f.post("/api/statuses", admin, {{"name", "Думает"}, {"group", "active"}});
  REQUIRE(status.status == 201);
  const std::string status_path = "/api/statuses/" + std::to_string(id_of(status));
  auto moved = f.call("PUT", status_path, admin,
                      R"({"name": "Думает", "order": 9, "color": "#00aa00", "group": "failure"})");
  CHECK(moved.json["group"] == "failure");
  CHECK(moved.json["order"] == 9);
  CHECK(f.call("PUT", status_path, admin, R"({"name": "x", "group": "maybe"})").status == 400);
  CHECK(f.call("DELETE", status_path, admin).status == 200);

  auto tag = f.post("/api/tags", admin, {{"name", "Срочно"}});
  REQUIRE(tag.status == 201);
  CHECK(f.call("DELETE", "/api/tags/" + std::to_string(id_of(tag)), admin).status == 200);
  CHECK(f.feed.count(core::EventKind::DirectoryChanged) == 8);  // one per change that succeeded
}

TEST_CASE("the block list can be listed and an entry removed; bad kinds are refused") {
  ApiFixture f;
  const std::string owner = f.login("owner@romashka.ru");
  auto word = f.post("/api/block-list", owner, {{"kind", "stop_word"}, {"value", "спам"}});
  REQUIRE(word.status == 201);
  CHECK(f.post("/api/block-list", owner, {{"kind", "ip"}, {"value", "1.2.3.4"}}).status == 400);
  CHECK(f.post("/api/block-list", owner, {{"kind", "client"}, {"value", "abc"}}).status == 400);
  auto list = f.call("GET", "/api/block-list", owner);
  REQUIRE(list.json["entries"].size() == 1);
  const std::string path = "/api/block-list/" + std::to_string(id_of(word));
  CHECK(f.call("DELETE", path, owner).status == 200);
  CHECK(f.call("DELETE", path, owner).status == 404);
  CHECK(f.call("GET", "/api/block-list", f.login("maria@romashka.ru")).status == 403);
}

TEST_CASE(
    "operators: the owner cannot be edited or deleted, and a deleted operator's session ends") {
  ApiFixture f;
  const std::string owner = f.login("owner@romashka.ru");
  const auto dir = f.call("GET", "/api/directory", owner);
  long long owner_id = 0, oleg_id = 0;
  for (const auto& op : dir.json["operators"]) {
    if (op["role"] == "owner") owner_id = op["id"];
    if (op["email"] == "oleg@romashka.ru") oleg_id = op["id"];
  }
  CHECK(f.call("PUT", "/api/operators/" + std::to_string(owner_id), owner,
               R"({"name": "X", "email": "x@y.z"})")
            .status == 403);
  CHECK(f.call("DELETE", "/api/operators/" + std::to_string(owner_id), owner).status == 403);
  const std::string oleg = f.login("oleg@romashka.ru");
  CHECK(f.call("GET", "/api/me", oleg).status == 200);
  CHECK(f.call("DELETE", "/api/operators/" + std::to_string(oleg_id), owner).status == 200);
  CHECK(f.call("GET", "/api/me", oleg).status == 401);
}

TEST_CASE("an expired session is refused like a forged one") {
  ApiFixture f;
  const std::string token = server::new_token();
  const auto creds = f.store->credentials_by_email("owner@romashka.ru");
  REQUIRE(creds);
  f.store->save_session(
      {server::token_hash(token), creds->op.id, creds->op.account_id, api_test::kNow - 1});
  auto r = f.call("GET", "/api/me", token);
  CHECK(r.status == 401);
  CHECK(r.json["error"]["code"] == "unauthorized");
}

TEST_CASE("a used status is counted, and deleting it with move_to moves its dialogs live") {
  ApiFixture f;
  const std::string owner = f.login("owner@romashka.ru");
  auto from = f.post("/api/statuses", owner, {{"name", "Думает"}});
  auto to = f.post("/api/statuses", owner, {{"name", "Перезвонить"}});
  REQUIRE(from.status == 201);
  REQUIRE(to.status == 201);
  const long long from_id = id_of(from);
  const long long to_id = id_of(to);
  const core::Json row = f.first_row(owner, "accepted");
  const long long dialog_id = row["dialog"]["id"].get<long long>();
  REQUIRE(f.call("PUT", api_test::dialog_path(row, "/status"), owner,
                 core::Json{{"status_id", from_id}}.dump())
              .status == 200);
  auto usage = f.call("GET", "/api/statuses/usage", owner);
  REQUIRE(usage.status == 200);
  CHECK(usage.json["usage"][std::to_string(from_id)] == 1);
  CHECK_FALSE(usage.json["usage"].contains(std::to_string(to_id)));

  const std::string path = "/api/statuses/" + std::to_string(from_id);
  // Bad targets are refused and nothing is deleted.
  CHECK(f.call("DELETE", path + "?move_to=abc", owner).status == 400);
  CHECK(f.call("DELETE", path + "?move_to=" + std::to_string(from_id), owner).status == 400);
  CHECK(f.call("DELETE", path + "?move_to=99999999", owner).status == 400);
  CHECK(f.call("GET", "/api/statuses/usage", owner).json["usage"][std::to_string(from_id)] == 1);

  const int changed_before = f.feed.count(core::EventKind::DialogChanged);
  REQUIRE(f.call("DELETE", path + "?move_to=" + std::to_string(to_id), owner).status == 200);
  CHECK(f.feed.count(core::EventKind::DialogChanged) == changed_before + 1);
  auto moved = f.call("GET", "/api/dialogs/" + std::to_string(dialog_id), owner);
  REQUIRE(moved.status == 200);
  CHECK(moved.json["dialog"]["status_id"] == to_id);
  // The list index follows: the new status's filter finds the dialog.
  auto listed =
      f.call("GET", "/api/dialogs?mode=accepted&statuses=" + std::to_string(to_id), owner);
  REQUIRE(listed.status == 200);
  REQUIRE(listed.json["rows"].size() == 1);
  CHECK(listed.json["rows"][0]["dialog"]["id"] == dialog_id);
  CHECK(f.call("GET", "/api/statuses/usage", owner).json["usage"][std::to_string(to_id)] == 1);
  // A manager may not see the usage.
  CHECK(f.call("GET", "/api/statuses/usage", f.login("maria@romashka.ru")).status == 403);
}
