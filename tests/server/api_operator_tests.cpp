// The team as an admin runs it: an operator who leaves is deactivated (their
// sessions end, their dialogs are left with nobody, the name stays, signing in
// is refused), and a new one joins by an invitation link that sets their
// password once, expires, and is replaced by a fresh one.
#include "server/api_fixture.hpp"

using api_test::ApiFixture;
using api_test::kPassword;
using api_test::Reply;

namespace {

long long my_id(ApiFixture& f, const std::string& token) {
  return f.call("GET", "/api/me", token).json["operator"]["id"];
}

// The whole operator as a PUT replaces it, with `active` set.
std::string with_active(const core::Json& op, bool active) {
  core::Json body = {{"name", op["name"]},
                     {"email", op["email"]},
                     {"role", op["role"]},
                     {"source_ids", op["source_ids"]},
                     {"supervisor", op["supervisor"]},
                     {"active", active}};
  return body.dump();
}

std::size_t dialogs_of(ApiFixture& f, const std::string& token, long long id) {
  std::size_t n = 0;
  for (const char* mode : {"new", "accepted", "archived"}) {
    n += f.call("GET",
                std::string("/api/dialogs?limit=200&mode=") + mode +
                    "&responsibles=" + std::to_string(id),
                token)
             .json["total"]
             .get<std::size_t>();
  }
  return n;
}

long long first_dialog(ApiFixture& f, const std::string& token) {
  return f.call("GET", "/api/dialogs?mode=new&limit=1", token).json["rows"][0]["dialog"]["id"];
}

// The token of a link "http://host/#invite=<token>".
std::string token_of(const core::Json& invitation) {
  const std::string url = invitation["url"];
  const std::string token = invitation["token"];
  CHECK(url.size() > token.size());
  CHECK(url.substr(url.size() - token.size() - 8) == "#invite=" + token);
  return token;
}

}  // namespace

TEST_CASE("a deactivated operator is signed out, cannot sign in, and holds no dialog") {
  ApiFixture f(60);
  const std::string owner = f.login("owner@romashka.ru");
  const std::string maria = f.login("maria@romashka.ru");
  const long long id = my_id(f, maria);
  REQUIRE(f.call("PUT", "/api/dialogs/" + std::to_string(first_dialog(f, owner)) + "/responsible",
                 owner, core::Json{{"operator_id", id}}.dump())
              .status == 200);
  REQUIRE(dialogs_of(f, owner, id) > 0);
  const core::Json before = f.operator_in_directory(owner, id);
  CHECK(before["active"] == true);
  const std::size_t events = f.feed.count(core::EventKind::DirectoryChanged);

  const Reply off =
      f.call("PUT", "/api/operators/" + std::to_string(id), owner, with_active(before, false));
  REQUIRE(off.status == 200);
  CHECK(off.json["active"] == false);
  CHECK(f.feed.count(core::EventKind::DirectoryChanged) == events + 1);
  // Kept, with the name the history shows, and marked.
  CHECK(f.operator_in_directory(owner, id)["name"] == before["name"]);
  CHECK(f.operator_in_directory(owner, id)["active"] == false);
  CHECK(f.call("GET", "/api/me", maria).status == 401);
  CHECK(dialogs_of(f, owner, id) == 0);
  const Reply refused = f.login_as("maria@romashka.ru", kPassword);
  CHECK(refused.status == 403);
  CHECK(refused.json["error"]["reason"] == "operator_inactive");
  // A wrong password still reads as one: the state is not told to a guess.
  CHECK(f.login_as("maria@romashka.ru", "not-her-password").status == 401);

  // An edit that leaves "active" out keeps them inactive.
  core::Json renamed = before;
  renamed["name"] = "Мария (ушла)";
  core::Json body = core::Json::parse(with_active(renamed, false));
  body.erase("active");
  REQUIRE(f.call("PUT", "/api/operators/" + std::to_string(id), owner, body.dump()).status == 200);
  CHECK(f.operator_in_directory(owner, id)["active"] == false);

  REQUIRE(f.call("PUT", "/api/operators/" + std::to_string(id), owner, with_active(renamed, true))
              .status == 200);
  CHECK(f.login_as("maria@romashka.ru", kPassword).status == 200);
}

TEST_CASE("nobody deactivates themself or the owner, and a manager deactivates nobody") {
  ApiFixture f(10);
  const std::string owner = f.login("owner@romashka.ru");
  const std::string maria = f.login("maria@romashka.ru");
  const long long owner_id = my_id(f, owner);
  const long long maria_id = my_id(f, maria);
  const core::Json me = f.operator_in_directory(owner, owner_id);
  CHECK(f.call("PUT", "/api/operators/" + std::to_string(owner_id), owner, with_active(me, false))
            .status == 403);
  const core::Json her = f.operator_in_directory(owner, maria_id);
  CHECK(f.call("PUT", "/api/operators/" + std::to_string(maria_id), maria, with_active(her, false))
            .status == 403);
  core::Json wrong = core::Json::parse(with_active(her, false));
  wrong["active"] = "no";
  CHECK(f.call("PUT", "/api/operators/" + std::to_string(maria_id), owner, wrong.dump()).error() ==
        "active: expected true or false");
  CHECK(f.operator_in_directory(owner, maria_id)["active"] == true);
  CHECK(f.login_as("maria@romashka.ru", kPassword).status == 200);
}

TEST_CASE("an invited operator sets a password by the link once, and is signed in") {
  ApiFixture f(10);
  const std::string owner = f.login("owner@romashka.ru");
  const Reply made = f.post("/api/operators", owner,
                            {{"name", "Пётр Новиков"},
                             {"email", "petr@romashka.ru"},
                             {"role", "manager"},
                             {"invite", true}},
                            {{"host", "inbox.romashka.ru"}});
  REQUIRE(made.status == 201);
  const std::string url = made.json["invitation"]["url"];
  CHECK(url.rfind("http://inbox.romashka.ru/#invite=", 0) == 0);
  const std::string token = token_of(made.json["invitation"]);
  // No password yet: nothing to sign in with.
  CHECK(f.login_as("petr@romashka.ru", "").status == 400);
  CHECK(f.login_as("petr@romashka.ru", "anything-at-all").status == 401);

  const Reply shown = f.call("GET", "/api/invitations/" + token);
  REQUIRE(shown.status == 200);
  CHECK(shown.json["name"] == "Пётр Новиков");
  CHECK(shown.json["email"] == "petr@romashka.ru");
  CHECK(shown.json["business"] == "ООО «Ромашка»");
  CHECK(f.post("/api/invitations/" + token, {}, {{"password", "short"}}).status == 400);

  const Reply joined = f.post("/api/invitations/" + token, {}, {{"password", "petr-secret-1"}});
  REQUIRE(joined.status == 200);
  CHECK(joined.json["operator"]["email"] == "petr@romashka.ru");
  const std::string petr = joined.json["token"];
  CHECK(f.call("GET", "/api/me", petr).status == 200);
  CHECK(f.login_as("petr@romashka.ru", "petr-secret-1").status == 200);
  // Used up: the link cannot set the password again.
  CHECK(f.call("GET", "/api/invitations/" + token).status == 404);
  const Reply again = f.post("/api/invitations/" + token, {}, {{"password", "taken-over-1"}});
  CHECK(again.status == 404);
  CHECK(again.json["error"]["reason"] == "invitation_invalid");
  CHECK(f.login_as("petr@romashka.ru", "taken-over-1").status == 401);
}

TEST_CASE("a fresh link replaces the old one, ends the operator's sessions when used") {
  ApiFixture f(10);
  const std::string owner = f.login("owner@romashka.ru");
  const std::string maria = f.login("maria@romashka.ru");
  const std::string maria_id = std::to_string(my_id(f, maria));
  const Reply first = f.post("/api/operators/" + maria_id + "/invitation", owner, {});
  REQUIRE(first.status == 200);
  const Reply second = f.post("/api/operators/" + maria_id + "/invitation", owner, {});
  REQUIRE(second.status == 200);
  const std::string old_token = token_of(first.json["invitation"]);
  const std::string token = token_of(second.json["invitation"]);
  CHECK(old_token != token);
  CHECK(f.call("GET", "/api/invitations/" + old_token).status == 404);
  CHECK(f.call("GET", "/api/me", maria).status == 200);  // a link alone changes nothing

  REQUIRE(f.post("/api/invitations/" + token, {}, {{"password", "maria-new-pass"}}).status == 200);
  CHECK(f.call("GET", "/api/me", maria).status == 401);
  CHECK(f.login_as("maria@romashka.ru", kPassword).status == 401);
  const Reply back = f.login_as("maria@romashka.ru", "maria-new-pass");
  REQUIRE(back.status == 200);
  // Only admins issue links; the owner has none; another account's operator is unknown.
  const std::string maria_again = back.json["token"];
  CHECK(f.post("/api/operators/" + maria_id + "/invitation", maria_again, {}).status == 403);
  CHECK(f.post("/api/operators/" + std::to_string(my_id(f, owner)) + "/invitation", owner, {})
            .status == 403);
  CHECK(f.post("/api/operators/999999/invitation", owner, {}).status == 404);
}

TEST_CASE("an invitation expires after a week and dies with a deactivation") {
  ApiFixture f(10);
  const std::string owner = f.login("owner@romashka.ru");
  const Reply made = f.post("/api/operators", owner,
                            {{"name", "Ольга"}, {"email", "olga@romashka.ru"}, {"invite", true}});
  REQUIRE(made.status == 201);
  const std::string token = token_of(made.json["invitation"]);
  const long long id = made.json["id"];
  CHECK(made.json["invitation"]["expires_at"].get<long long>() ==
        f.now.load() + 7LL * 24 * 3600 * 1000);
  f.now += 7LL * 24 * 3600 * 1000;
  CHECK(f.call("GET", "/api/invitations/" + token).status == 404);
  const Reply fresh = f.post("/api/operators/" + std::to_string(id) + "/invitation", owner, {});
  REQUIRE(fresh.status == 200);
  const std::string token2 = token_of(fresh.json["invitation"]);
  CHECK(f.call("GET", "/api/invitations/" + token2).status == 200);
  REQUIRE(f.call("PUT", "/api/operators/" + std::to_string(id), owner,
                 with_active(f.operator_in_directory(owner, id), false))
              .status == 200);
  CHECK(f.call("GET", "/api/invitations/" + token2).status == 404);
  CHECK(f.post("/api/operators/" + std::to_string(id) + "/invitation", owner, {}).status == 422);
  for (const char* bad : {"x", "../../etc/passwd", "ZZZZ"}) {
    CHECK(f.call("GET", std::string("/api/invitations/") + bad).status == 404);
  }
  // Creating with neither a password nor an invitation is a clear 400.
  CHECK(f.post("/api/operators", owner, {{"name", "Без пароля"}, {"email", "nopass@romashka.ru"}})
            .error() == "password: required and not blank");
}
