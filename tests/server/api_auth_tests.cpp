// Login, sessions, visibility and the isolation of accounts.
#include "server/api_fixture.hpp"

using api_test::ApiFixture;

TEST_CASE("login gives a token and a cookie; a wrong password or unknown e-mail gives 401") {
  ApiFixture f;
  auto ok = f.post("/api/login", {}, {{"email", "owner@romashka.ru"}, {"password", "demo1234"}});
  REQUIRE(ok.status == 200);
  CHECK(ok.json["operator"]["role"] == "owner");
  CHECK(ok.headers["set-cookie"].find("HttpOnly") != std::string::npos);
  auto wrong = f.post("/api/login", {}, {{"email", "owner@romashka.ru"}, {"password", "nope"}});
  CHECK(wrong.status == 401);
  auto unknown = f.post("/api/login", {}, {{"email", "who@nowhere"}, {"password", "demo1234"}});
  CHECK(unknown.status == 401);
  CHECK(unknown.error() == wrong.error());  // nothing tells which e-mails exist
}

TEST_CASE("the session works as a bearer token and as a cookie, and logout ends it") {
  ApiFixture f;
  const std::string token = f.login("maria@romashka.ru");
  CHECK(f.call("GET", "/api/me", token).json["operator"]["name"] == "Мария Козлова");
  CHECK(f.call("GET", "/api/me", token).json["help_url"] == "https://help.example.ru/chats");
  auto by_cookie = f.call("GET", "/api/me", {}, {}, {{"cookie", "x=1; chats_session=" + token}});
  CHECK(by_cookie.status == 200);
  CHECK(f.post("/api/logout", token, core::Json::object()).status == 200);
  CHECK(f.call("GET", "/api/me", token).status == 401);
}

TEST_CASE("missing, forged and oversized tokens get 401 with a JSON error") {
  ApiFixture f;
  for (const std::string token :
       {std::string(), std::string("forged"), std::string(64, 'a'), std::string(5000, 'x')}) {
    auto r = f.call("GET", "/api/dialogs", token);
    CHECK(r.status == 401);
    CHECK(r.json["error"]["code"] == "unauthorized");
  }
}

TEST_CASE("a manager sees only the dialogs of granted sources; others are 404") {
  ApiFixture f;
  const std::string owner = f.login("owner@romashka.ru");
  const std::string maria = f.login("maria@romashka.ru");  // WhatsApp, Telegram, bot
  const auto dir = f.call("GET", "/api/directory", owner).json;
  std::set<long long> granted;
  for (const auto& op : dir["operators"]) {
    if (op["email"] == "maria@romashka.ru") {
      for (const auto& s : op["source_ids"]) granted.insert(s.get<long long>());
    }
  }
  REQUIRE(granted.size() == 3);
  int hidden = 0;
  for (const char* mode : {"new", "accepted", "archived"}) {
    auto all = f.call("GET", std::string("/api/dialogs?limit=200&mode=") + mode, owner).json;
    auto mine = f.call("GET", std::string("/api/dialogs?limit=200&mode=") + mode, maria).json;
    CHECK(mine["total"].get<int>() < all["total"].get<int>());
    for (const auto& row : mine["rows"]) {
      CHECK(granted.count(row["dialog"]["source_id"].get<long long>()) == 1);
    }
    for (const auto& row : all["rows"]) {
      if (granted.count(row["dialog"]["source_id"].get<long long>())) continue;
      CHECK(f.call("GET", api_test::dialog_path(row), maria).status == 404);
      CHECK(f.call("POST", api_test::dialog_path(row, "/read"), maria).status == 404);
      ++hidden;
    }
  }
  CHECK(hidden > 0);
}

TEST_CASE("one account never sees or changes another account's dialogs") {
  ApiFixture f;
  const std::string a = f.login("owner@romashka.ru");
  const std::string b = f.login("b.owner@romashka.ru");
  const core::Json row = f.first_row(a, "new");
  CHECK(f.call("GET", api_test::dialog_path(row), b).status == 404);
  CHECK(f.call("POST", api_test::dialog_path(row, "/accept"), b).status == 404);
  CHECK(f.call("GET", api_test::dialog_path(row, "/messages"), b).status == 404);
  auto bulk = f.post("/api/bulk", b,
                     {{"command", {{"action", "mark_read"}}},
                      {"selection", {{"dialog_ids", {row["dialog"]["id"]}}}}});
  REQUIRE(bulk.status == 200);
  CHECK(bulk.json["results"][0]["outcome"] == "not_found");
  // A's dialog is unchanged.
  CHECK(f.call("GET", api_test::dialog_path(row), a).json["dialog"]["unread"] ==
        row["dialog"]["unread"]);
  for (const auto& [account, event] : f.feed.events) CHECK(account == f.account_b);
}

TEST_CASE("settings are for owners and admins; managers get 403") {
  ApiFixture f;
  const std::string maria = f.login("maria@romashka.ru");
  const std::string admin = f.login("admin@romashka.ru");
  CHECK(f.post("/api/tags", maria, {{"name", "Новый"}, {"color", "#112233"}}).status == 403);
  auto created = f.post("/api/tags", admin, {{"name", "Новый"}, {"color", "#112233"}});
  REQUIRE(created.status == 201);
  CHECK(created.json["color"] == "#112233");
  CHECK(f.feed.count(core::EventKind::DirectoryChanged) == 1);
  bool listed = false;  // the cached directory was refreshed by the change
  const auto dir = f.call("GET", "/api/directory", admin);
  for (const auto& tag : dir.json["tags"]) {
    listed = listed || tag["name"] == "Новый";
  }
  CHECK(listed);
  CHECK(f.post("/api/tags", admin, {{"name", "X"}, {"color", "red"}}).error() ==
        "color: expected #rrggbb");
  auto status = f.post("/api/statuses", admin,
                       {{"name", "Отказ"}, {"color", "#ff0000"}, {"group", "failure"}});
  CHECK(status.status == 201);
  auto op = f.post("/api/operators", admin,
                   {{"name", "Новый оператор"},
                    {"email", "new@romashka.ru"},
                    {"password", "longenough"},
                    {"role", "manager"}});
  CHECK(op.status == 201);
  CHECK(
      f.post("/api/login", {}, {{"email", "new@romashka.ru"}, {"password", "longenough"}}).status ==
      200);
  CHECK(f.post("/api/operators", admin,
               {{"name", "Дубль"}, {"email", "new@romashka.ru"}, {"password", "longenough"}})
            .status == 409);
}
