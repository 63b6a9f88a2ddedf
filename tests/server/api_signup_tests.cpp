// Sign-up: a new business gets an account of its own with the default funnel
// and its owner logged in; nothing of another account is visible to it.
#include "server/api_fixture.hpp"

using api_test::ApiFixture;
using api_test::Reply;

namespace {

core::Json signup_body(const std::string& email = "owner@lavanda.ru") {
  return {{"business", "Лаванда"},
          {"name", "Вера Лаврова"},
          {"email", email},
          {"password", "lavanda-2026"}};
}

}  // namespace

TEST_CASE("sign-up opens an account whose owner is logged in and can log in again") {
  ApiFixture f(20);
  CHECK(f.call("GET", "/api/signup").json == core::Json{{"enabled", true}});

  const Reply r = f.post("/api/signup", {}, signup_body());
  REQUIRE(r.status == 201);
  CHECK(r.json["operator"]["name"] == "Вера Лаврова");
  CHECK(r.json["operator"]["email"] == "owner@lavanda.ru");
  CHECK(r.json["operator"]["role"] == "owner");
  CHECK(r.json["account"]["name"] == "Лаванда");
  REQUIRE(r.headers.count("set-cookie"));
  CHECK(
      r.headers.at("set-cookie").rfind("chats_session=" + r.json["token"].get<std::string>(), 0) ==
      0);

  const std::string token = r.json["token"];
  const Reply me = f.call("GET", "/api/me", token);
  REQUIRE(me.status == 200);
  CHECK(me.json["account"]["name"] == "Лаванда");
  CHECK(me.json["operator"]["id"] == r.json["operator"]["id"]);

  const Reply again =
      f.post("/api/login", {}, {{"email", "owner@lavanda.ru"}, {"password", "lavanda-2026"}});
  REQUIRE(again.status == 200);
  CHECK(again.json["operator"]["id"] == r.json["operator"]["id"]);
}

TEST_CASE("a new account starts with an empty inbox and the default funnel statuses") {
  ApiFixture f(20);
  const std::string token = f.post("/api/signup", {}, signup_body()).json["token"];
  for (const char* mode : {"new", "accepted", "archived"}) {
    CAPTURE(mode);
    const Reply list = f.call("GET", std::string("/api/dialogs?mode=") + mode, token);
    REQUIRE(list.status == 200);
    CHECK(list.json["rows"].empty());
    CHECK(list.json["total"] == 0);
  }
  const core::Json dir = f.call("GET", "/api/directory", token).json;
  REQUIRE(dir["statuses"].size() == 6);
  CHECK(dir["statuses"][0]["name"] == "Первичный контакт");
  CHECK(dir["statuses"][0]["group"] == "active");
  CHECK(dir["statuses"][3]["group"] == "success");
  CHECK(dir["statuses"][4]["group"] == "failure");
  CHECK(dir["statuses"][5]["group"] == "not_a_lead");
  // The same funnel as the demo account's, under ids of its own.
  const std::string demo = f.login("owner@romashka.ru");
  const core::Json demo_dir = f.call("GET", "/api/directory", demo).json;
  for (std::size_t i = 0; i < 6; ++i) {
    CHECK(dir["statuses"][i]["name"] == demo_dir["statuses"][i]["name"]);
    CHECK(dir["statuses"][i]["id"] != demo_dir["statuses"][i]["id"]);
  }
  CHECK(dir["sources"].empty());
  CHECK(dir["tags"].empty());
  CHECK(dir["templates"].empty());
  REQUIRE(dir["operators"].size() == 1);
  CHECK(dir["operators"][0]["email"] == "owner@lavanda.ru");
}

TEST_CASE("a new account's owner sees none of the demo account's dialogs, operators or ids") {
  ApiFixture f(20);
  const std::string token = f.post("/api/signup", {}, signup_body()).json["token"];
  const std::string demo = f.login("owner@romashka.ru");
  const core::Json row = f.first_row(demo, "accepted");
  const std::string client = row["client"]["display_name"];

  CHECK(f.call("GET", api_test::dialog_path(row), token).status == 404);
  CHECK(f.call("GET", api_test::dialog_path(row, "/messages"), token).status == 404);
  const Reply search = f.call("GET", "/api/dialogs?mode=accepted&search=" + client, token);
  CHECK(search.json["rows"].empty());
  const std::string dir = f.call("GET", "/api/directory", token).json.dump();
  CHECK(dir.find("romashka") == std::string::npos);
  CHECK(dir.find("Анна Смирнова") == std::string::npos);
  // Its settings are its own: a status it adds is not the demo's.
  const Reply added = f.post("/api/statuses", token, {{"name", "Думает"}});
  REQUIRE(added.status == 201);
  CHECK(f.call("GET", "/api/directory", demo).json.dump().find("Думает") == std::string::npos);
}

TEST_CASE("sign-up with an e-mail any operator already has is a 409 and opens nothing") {
  ApiFixture f(10);
  const std::size_t accounts = f.api.context().store().account_ids().size();
  for (const std::string email :
       {"owner@romashka.ru", "MARIA@romashka.ru", "b.admin@romashka.ru"}) {
    CAPTURE(email);
    const Reply r = f.post("/api/signup", {}, signup_body(email));
    CHECK(r.status == 409);
    CHECK(r.json["error"]["code"] == "conflict");
    CHECK(r.error() == "email: already in use");
    CHECK(!r.headers.count("set-cookie"));
  }
  REQUIRE(f.post("/api/signup", {}, signup_body()).status == 201);
  CHECK(f.post("/api/signup", {}, signup_body()).status == 409);  // and the new one's too
  CHECK(f.api.context().store().account_ids().size() == accounts + 1);
}

TEST_CASE("malformed sign-ups are a 400 naming the field, and open nothing") {
  ApiFixture f(10);
  const std::size_t accounts = f.api.context().store().account_ids().size();
  auto without = [](const char* field) {
    core::Json b = signup_body();
    b.erase(field);
    return b;
  };
  auto with = [](const char* field, core::Json value) {
    core::Json b = signup_body();
    b[field] = std::move(value);
    return b;
  };
  const std::vector<std::pair<core::Json, std::string>> cases = {
      {without("business"), "business: required and not blank"},
      {without("name"), "name: required and not blank"},
      {without("email"), "email: required and not blank"},
      {without("password"), "password: required and not blank"},
      {with("business", "   "), "business: required and not blank"},
      {with("email", "not-an-address"), "email: expected an address like name@example.ru"},
      {with("email", "a@b"), "email: expected an address like name@example.ru"},
      {with("email", "a b@c.ru"), "email: expected an address like name@example.ru"},
      {with("email", "a@@c.ru"), "email: expected an address like name@example.ru"},
      {with("password", "short12"), "password: at least 8 characters"},
  };
  for (const auto& [body, error] : cases) {
    CAPTURE(body.dump());
    const Reply r = f.post("/api/signup", {}, body);
    CHECK(r.status == 400);
    CHECK(r.json["error"]["code"] == "bad_request");
    CHECK(r.error() == error);
  }
  CHECK(f.call("POST", "/api/signup", {}, "{\"business\":").status == 400);
  CHECK(f.call("POST", "/api/signup", {}, "[]").status == 400);
  CHECK(f.api.context().store().account_ids().size() == accounts);
}

TEST_CASE("with sign-up turned off, GET says so and POST is a 403 that opens nothing") {
  server::ApiOptions o = ApiFixture::options();
  o.signup_enabled = false;
  ApiFixture f(10, o);
  const std::size_t accounts = f.api.context().store().account_ids().size();
  CHECK(f.call("GET", "/api/signup").json == core::Json{{"enabled", false}});
  const Reply r = f.post("/api/signup", {}, signup_body());
  CHECK(r.status == 403);
  CHECK(r.json["error"]["code"] == "forbidden");
  CHECK(f.api.context().store().account_ids().size() == accounts);
  CHECK(f.post("/api/login", {}, {{"email", "owner@lavanda.ru"}, {"password", "lavanda-2026"}})
            .status == 401);
}

TEST_CASE("sign-ups from one address are limited; another address may still sign up") {
  ApiFixture f(10);
  for (int i = 0; i < server::kMaxSignupsPerAddress; ++i) {
    // Refused ones count too: each costs the server a look-up or a hash.
    CHECK(f.post("/api/signup", {}, signup_body("owner@romashka.ru")).status == 409);
  }
  const Reply r = f.call("POST", "/api/signup", {}, signup_body().dump(), {}, "198.51.100.7");
  CHECK(r.status == 201);
  const Reply limited = f.post("/api/signup", {}, signup_body("other@lavanda.ru"));
  CHECK(limited.status == 429);
  CHECK(limited.json["error"]["code"] == "too_many_attempts");
  REQUIRE(limited.headers.count("retry-after"));
  CHECK(std::stoi(limited.headers.at("retry-after")) == server::kAttemptWindowMs / 1000);

  f.now += server::kAttemptWindowMs;  // the window has passed
  CHECK(f.post("/api/signup", {}, signup_body("other@lavanda.ru")).status == 201);
}
