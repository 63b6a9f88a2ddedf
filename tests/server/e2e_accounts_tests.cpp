// Accounts over real HTTP: a sign-up's cookie is a session, and the login
// limit's Retry-After reaches the client, counted by its TCP address.
#include "server/api/login_limit.hpp"
#include "server/e2e_fixture.hpp"

using e2e::LiveServer;

TEST_CASE("over HTTP: a sign-up's cookie opens the new account's session") {
  LiveServer s;
  auto r =
      testclient::fetch(s.port(), "POST", "/api/signup", {{"content-type", "application/json"}},
                        core::Json{{"business", "Лаванда"},
                                   {"name", "Вера"},
                                   {"email", "vera@lavanda.ru"},
                                   {"password", "lavanda-2026"}}
                            .dump());
  REQUIRE(r.status == 201);
  const std::string cookie = r.header("set-cookie");
  REQUIRE(cookie.rfind("chats_session=", 0) == 0);
  auto me = testclient::fetch(s.port(), "GET", "/api/me",
                              {{"cookie", cookie.substr(0, cookie.find(';'))}});
  REQUIRE(me.status == 200);
  CHECK(core::Json::parse(me.body)["account"]["name"] == "Лаванда");
}

TEST_CASE("over HTTP: past the failed logins allowed, a 429 with Retry-After in seconds") {
  LiveServer s;
  auto login = [&s](const std::string& password) {
    return testclient::fetch(
        s.port(), "POST", "/api/login", {{"content-type", "application/json"}},
        core::Json{{"email", "maria@romashka.ru"}, {"password", password}}.dump());
  };
  for (int i = 0; i < server::kMaxFailedLoginsPerEmail; ++i) REQUIRE(login("wrong").status == 401);
  auto limited = login("demo1234");
  CHECK(limited.status == 429);
  const int seconds = std::stoi(limited.header("retry-after"));
  CHECK(seconds > 0);
  CHECK(seconds <= server::kAttemptWindowMs / 1000);
  CHECK(core::Json::parse(limited.body)["error"]["code"] == "too_many_attempts");
}
