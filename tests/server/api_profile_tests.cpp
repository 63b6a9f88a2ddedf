// The caller's own profile: PUT /api/me changes the name (and the e-mail,
// with the current password), POST /api/me/password changes the password and
// ends every other session of the operator; the operator's picture.
#include "server/api_fixture.hpp"

using api_test::ApiFixture;
using api_test::kPassword;
using api_test::Reply;

TEST_CASE("an operator renames themself; everyone's directory shows it after directory_changed") {
  ApiFixture f(10);
  const std::string maria = f.login("maria@romashka.ru");
  const std::string owner = f.login("owner@romashka.ru");
  const long long id = f.call("GET", "/api/me", maria).json["operator"]["id"];
  const std::size_t events = f.feed.count(core::EventKind::DirectoryChanged);

  const Reply r = f.call("PUT", "/api/me", maria, R"({"name": "Мария Козлова-Лебедева"})");
  REQUIRE(r.status == 200);
  CHECK(r.json["operator"]["name"] == "Мария Козлова-Лебедева");
  CHECK(r.json["operator"]["role"] == "manager");
  CHECK(r.json["operator"]["email"] == "maria@romashka.ru");
  CHECK(f.call("GET", "/api/me", maria).json["operator"]["name"] == "Мария Козлова-Лебедева");
  CHECK(f.operator_in_directory(owner, id)["name"] == "Мария Козлова-Лебедева");
  // Her grants are as they were: a profile edit is not a role edit.
  CHECK(f.operator_in_directory(owner, id)["source_ids"].size() == 3);
  CHECK(f.feed.count(core::EventKind::DirectoryChanged) == events + 1);
  CHECK(f.feed.events.back().first == f.account_a);
  CHECK(f.login_as("maria@romashka.ru", kPassword).status == 200);
}

TEST_CASE("a profile edit refuses a blank name and fields it does not know") {
  ApiFixture f(10);
  const std::string maria = f.login("maria@romashka.ru");
  CHECK(f.call("PUT", "/api/me", maria, R"({"name": "  "})").error() ==
        "name: required and not blank");
  CHECK(f.call("PUT", "/api/me", maria, R"({"role": "owner"})").error() ==
        "name, email or avatar_url: required, at least one");
  CHECK(f.call("GET", "/api/me", maria).json["operator"]["role"] == "manager");
  CHECK(f.call("PUT", "/api/me", {}, R"({"name": "x"})").status == 401);
  CHECK(f.feed.events.empty());
}

TEST_CASE("changing one's e-mail needs the current password, and a free address") {
  ApiFixture f(10);
  const std::string maria = f.login("maria@romashka.ru");
  CHECK(f.call("PUT", "/api/me", maria, R"({"email": "maria.k@romashka.ru"})").error() ==
        "current_password: required and not blank");
  const Reply wrong = f.call("PUT", "/api/me", maria,
                             R"({"email": "maria.k@romashka.ru", "current_password": "guess"})");
  CHECK(wrong.status == 403);
  CHECK(wrong.error() == "current_password: wrong password");
  CHECK(wrong.json["error"]["reason"] == "wrong_password");  // the client words it
  const Reply taken =
      f.call("PUT", "/api/me", maria,
             core::Json{{"email", "b.oleg@romashka.ru"}, {"current_password", kPassword}}.dump());
  CHECK(taken.status == 409);
  CHECK(f.call("PUT", "/api/me", maria, R"({"email": "maria@"})").status == 400);

  const Reply moved =
      f.call("PUT", "/api/me", maria,
             core::Json{{"email", "maria.k@romashka.ru"}, {"current_password", kPassword}}.dump());
  REQUIRE(moved.status == 200);
  CHECK(moved.json["operator"]["email"] == "maria.k@romashka.ru");
  CHECK(f.login_as("maria.k@romashka.ru", kPassword).status == 200);
  CHECK(f.login_as("maria@romashka.ru", kPassword).status == 401);
}

TEST_CASE("a password change ends the operator's other sessions and keeps the caller's") {
  ApiFixture f(10);
  const std::string laptop = f.login("maria@romashka.ru");
  const std::string phone = f.login("maria@romashka.ru");
  const std::string oleg = f.login("oleg@romashka.ru");
  REQUIRE(f.call("GET", "/api/me", phone).status == 200);  // cached as a live session

  const Reply r = f.post("/api/me/password", laptop,
                         {{"current_password", kPassword}, {"new_password", "new-secret-42"}});
  REQUIRE(r.status == 200);
  CHECK(r.json["ok"] == true);

  CHECK(f.call("GET", "/api/me", phone).status == 401);
  CHECK(f.call("GET", "/api/dialogs", phone).status == 401);
  CHECK(f.call("GET", "/api/me", laptop).status == 200);
  CHECK(f.call("GET", "/api/me", oleg).status == 200);  // someone else's stays
  CHECK(f.login_as("maria@romashka.ru", kPassword).status == 401);
  CHECK(f.login_as("maria@romashka.ru", "new-secret-42").status == 200);
}

TEST_CASE("a password change with a wrong current password is a 403 and changes nothing") {
  ApiFixture f(10);
  const std::string laptop = f.login("maria@romashka.ru");
  const std::string phone = f.login("maria@romashka.ru");
  const Reply wrong =
      f.post("/api/me/password", laptop,
             {{"current_password", "guess-1234"}, {"new_password", "new-secret-42"}});
  CHECK(wrong.status == 403);
  CHECK(wrong.json["error"]["code"] == "forbidden");
  CHECK(f.post("/api/me/password", laptop,
               {{"current_password", kPassword}, {"new_password", "short"}})
            .error() == "new_password: at least 8 characters");
  CHECK(f.post("/api/me/password", laptop, {{"new_password", "new-secret-42"}}).error() ==
        "current_password: required and not blank");
  CHECK(f.call("GET", "/api/me", phone).status == 200);
  CHECK(f.login_as("maria@romashka.ru", kPassword).status == 200);
  CHECK(f.login_as("maria@romashka.ru", "new-secret-42").status == 401);
}

TEST_CASE("wrong current passwords count as failed logins: a stolen session cannot guess on") {
  ApiFixture f(10);
  const std::string maria = f.login("maria@romashka.ru");
  for (int i = 0; i < server::kMaxFailedLoginsPerEmail; ++i) {
    REQUIRE(f.post("/api/me/password", maria,
                   {{"current_password", "guess-" + std::to_string(i)},
                    {"new_password", "new-secret-42"}})
                .status == 403);
  }
  const Reply limited =
      f.post("/api/me/password", maria,
             {{"current_password", kPassword}, {"new_password", "new-secret-42"}});
  CHECK(limited.status == 429);
  CHECK(limited.headers.count("retry-after"));
  CHECK(f.login_as("maria@romashka.ru", kPassword).status == 429);
}

TEST_CASE("a refused password change is not kept as the answer to its Idempotency-Key") {
  ApiFixture f(10);
  const std::string maria = f.login("maria@romashka.ru");
  const std::map<std::string, std::string> key = {{"idempotency-key", "change-password-1"}};
  for (int i = 0; i < server::kMaxFailedLoginsPerEmail; ++i) {
    REQUIRE(f.post("/api/me/password", maria,
                   {{"current_password", "guess"}, {"new_password", "new-secret-42"}}, key)
                .status == 403);
  }
  const core::Json right = {{"current_password", kPassword}, {"new_password", "new-secret-42"}};
  REQUIRE(f.post("/api/me/password", maria, right, key).status == 429);
  f.now += server::kAttemptWindowMs;
  const Reply retried = f.post("/api/me/password", maria, right, key);
  CHECK(retried.status == 200);
  CHECK(!retried.headers.count("idempotent-replay"));
  CHECK(f.login_as("maria@romashka.ru", "new-secret-42").status == 200);
}

TEST_CASE("an operator's picture is an image uploaded to their account, kept by admin edits") {
  ApiFixture f(10);
  const std::string maria = f.login("maria@romashka.ru");
  const std::string owner = f.login("owner@romashka.ru");
  const long long id = f.call("GET", "/api/me", maria).json["operator"]["id"];
  const std::string png("\x89PNG\r\n\x1a\n-picture-", 18);
  const Reply up = f.call("POST", "/api/uploads", maria, png,
                          {{"x-file-name", "me.png"}, {"content-type", "image/png"}});
  REQUIRE(up.status == 201);
  const std::string url = up.json["url"];
  const Reply text = f.call("POST", "/api/uploads", maria, "not a picture",
                            {{"x-file-name", "notes.txt"}, {"content-type", "text/plain"}});
  REQUIRE(text.status == 201);

  CHECK(f.call("PUT", "/api/me", maria, core::Json{{"avatar_url", text.json["url"]}}.dump())
            .error() == "avatar_url: not a picture uploaded to this account");
  CHECK(f.call("PUT", "/api/me", maria, R"({"avatar_url": "https://elsewhere.example/x.png"})")
            .status == 400);
  const Reply set = f.call("PUT", "/api/me", maria, core::Json{{"avatar_url", url}}.dump());
  REQUIRE(set.status == 200);
  CHECK(set.json["operator"]["avatar_url"] == url);
  CHECK(f.operator_in_directory(owner, id)["avatar_url"] == url);
  // Another business's operator cannot point at it.
  const std::string other = f.login("b.owner@romashka.ru");
  CHECK(f.call("PUT", "/api/me", other, core::Json{{"avatar_url", url}}.dump()).status == 400);

  // An admin's edit of her role keeps her picture; "" takes it off.
  core::Json edit = f.operator_in_directory(owner, id);
  edit.erase("id");
  edit.erase("account_id");
  edit.erase("avatar_url");
  edit["role"] = "admin";
  REQUIRE(f.call("PUT", "/api/operators/" + std::to_string(id), owner, edit.dump()).status == 200);
  CHECK(f.operator_in_directory(owner, id)["avatar_url"] == url);
  REQUIRE(f.call("PUT", "/api/me", maria, R"({"avatar_url": ""})").status == 200);
  CHECK(f.operator_in_directory(owner, id)["avatar_url"] == "");
}
