#include "core/account_rules.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace core;

TEST_SUITE("account rules") {
  TEST_CASE("an e-mail is name@domain with a dot in the domain") {
    CHECK(plausible_email("owner@romashka.ru"));
    CHECK(plausible_email("a.b+c@mail.example.com"));
    CHECK(plausible_email("владелец@ромашка.рф"));
    CHECK_FALSE(plausible_email(""));
    CHECK_FALSE(plausible_email("owner"));
    CHECK_FALSE(plausible_email("@romashka.ru"));
    CHECK_FALSE(plausible_email("owner@romashka"));
    CHECK_FALSE(plausible_email("owner@.ru"));
    CHECK_FALSE(plausible_email("owner@romashka."));
    CHECK_FALSE(plausible_email("own er@romashka.ru"));
    CHECK_FALSE(plausible_email("a@b@romashka.ru"));
    CHECK_FALSE(plausible_email("owner@romashka..ru"));
    CHECK_FALSE(plausible_email("owner\x01@romashka.ru"));
    CHECK_FALSE(plausible_email(std::string(320, 'a') + "@x.ru"));
  }

  TEST_CASE("a password has at least eight characters, counted as characters") {
    CHECK(password_problem("demo1234") == AccountProblem::None);
    CHECK(password_problem("demo123") == AccountProblem::ShortPassword);
    CHECK(password_problem("пароль12") == AccountProblem::None);  // 8 characters, 14 bytes
    CHECK(password_problem("пароль1") == AccountProblem::ShortPassword);
    CHECK(password_problem(std::string(1025, 'a')) == AccountProblem::LongPassword);
  }

  TEST_CASE("a sign-up names the business and its owner first") {
    CHECK(signup_problem("Ромашка", "Анна", "anna@romashka.ru", "demo1234") ==
          AccountProblem::None);
    CHECK(signup_problem("  ", "Анна", "anna@romashka.ru", "demo1234") ==
          AccountProblem::NoBusiness);
    CHECK(signup_problem("Ромашка", "", "anna@romashka.ru", "demo1234") == AccountProblem::NoName);
    CHECK(signup_problem("Ромашка", "Анна", "anna", "demo1234") == AccountProblem::BadEmail);
    CHECK(signup_problem("Ромашка", "Анна", " anna@romashka.ru ", "short") ==
          AccountProblem::ShortPassword);
  }
}
