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
