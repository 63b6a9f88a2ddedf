// Guessing passwords: past the failed logins allowed per e-mail or per client
// address the answer is 429 with Retry-After, without the password looked at.
#include "server/api_fixture.hpp"

using api_test::ApiFixture;
using api_test::kPassword;
using api_test::Reply;

namespace {

Reply login(ApiFixture& f, const std::string& email, const std::string& password,
            const std::string& address = "192.0.2.1") {
  return f.call("POST", "/api/login", {},
                core::Json{{"email", email}, {"password", password}}.dump(), {}, address);
}

void fail_times(ApiFixture& f, const std::string& email, int n,
                const std::string& address = "192.0.2.1") {
  for (int i = 0; i < n; ++i)
    REQUIRE(login(f, email, "wrong-" + std::to_string(i), address).status == 401);
}

}  // namespace

TEST_CASE("the sixth wrong password for an e-mail is a 429, and so is the right one then") {
  ApiFixture f(10);
  fail_times(f, "maria@romashka.ru", server::kMaxFailedLoginsPerEmail);

  const Reply wrong = login(f, "maria@romashka.ru", "wrong-again");
  CHECK(wrong.status == 429);
  CHECK(wrong.json["error"]["code"] == "too_many_attempts");
  REQUIRE(wrong.headers.count("retry-after"));
  CHECK(std::stoi(wrong.headers.at("retry-after")) == server::kAttemptWindowMs / 1000);

  const Reply right = login(f, "maria@romashka.ru", kPassword);
  CHECK(right.status == 429);
  CHECK(!right.json.contains("token"));
  CHECK(!right.headers.count("set-cookie"));
  // The e-mail's case does not make it another e-mail.
  CHECK(login(f, "Maria@Romashka.RU", kPassword).status == 429);
  // From another address too: the limit is the e-mail's.
  CHECK(login(f, "maria@romashka.ru", kPassword, "198.51.100.7").status == 429);
}

TEST_CASE("other e-mails still log in while one is locked") {
  ApiFixture f(10);
  fail_times(f, "maria@romashka.ru", server::kMaxFailedLoginsPerEmail);
  REQUIRE(login(f, "maria@romashka.ru", kPassword).status == 429);
  CHECK(login(f, "oleg@romashka.ru", kPassword).status == 200);
  CHECK(login(f, "b.maria@romashka.ru", kPassword).status == 200);
}

TEST_CASE("the lock ends when the window has passed since the failures") {
  ApiFixture f(10);
  fail_times(f, "maria@romashka.ru", server::kMaxFailedLoginsPerEmail);
  f.now += 60'000;
  const Reply locked = login(f, "maria@romashka.ru", kPassword);
  REQUIRE(locked.status == 429);
  CHECK(std::stoi(locked.headers.at("retry-after")) == server::kAttemptWindowMs / 1000 - 60);

  f.now += server::kAttemptWindowMs - 60'000 - 1000;  // one second short
  CHECK(login(f, "maria@romashka.ru", kPassword).status == 429);
  f.now += 1000;
  CHECK(login(f, "maria@romashka.ru", kPassword).status == 200);
}

TEST_CASE("a successful login forgets the e-mail's earlier failures") {
  ApiFixture f(10);
  fail_times(f, "maria@romashka.ru", server::kMaxFailedLoginsPerEmail - 1);
  REQUIRE(login(f, "maria@romashka.ru", kPassword).status == 200);
  // A fresh count: as many failures again before the lock.
  fail_times(f, "maria@romashka.ru", server::kMaxFailedLoginsPerEmail);
  CHECK(login(f, "maria@romashka.ru", kPassword).status == 429);
}

TEST_CASE("one address trying many e-mails is stopped, other addresses are not") {
  ApiFixture f(10);
  // Spread over e-mails, so that no one e-mail reaches its own limit.
  const char* emails[] = {"owner@romashka.ru", "admin@romashka.ru", "maria@romashka.ru",
                          "oleg@romashka.ru", "nobody@romashka.ru"};
  for (int i = 0; i < server::kMaxFailedLoginsPerAddress; ++i) {
    REQUIRE(login(f, emails[i % 5], "wrong", "203.0.113.9").status == 401);
  }
  const Reply stopped = login(f, "kate@romashka.ru", kPassword, "203.0.113.9");
  CHECK(stopped.status == 429);
  CHECK(stopped.headers.count("retry-after"));
  // Its failures were under each e-mail's limit: elsewhere they still work.
  CHECK(login(f, "kate@romashka.ru", kPassword, "198.51.100.7").status == 200);
  CHECK(login(f, "owner@romashka.ru", kPassword, "198.51.100.7").status == 200);
}

TEST_CASE("a malformed login is a 400 and does not count as a failure") {
  ApiFixture f(10);
  for (int i = 0; i < server::kMaxFailedLoginsPerEmail + 2; ++i) {
    REQUIRE(f.post("/api/login", {}, {{"email", "maria@romashka.ru"}}).status == 400);
  }
  CHECK(login(f, "maria@romashka.ru", kPassword).status == 200);
}
