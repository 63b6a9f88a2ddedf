// Phone numbers as people read them, and the list showing the phone a search found.
#include <doctest/doctest.h>

#include "app/phone.hpp"

using app::format_phone;

TEST_CASE("Russian and Kazakh numbers read +7 999 123-45-67") {
  CHECK(format_phone("79991234567") == "+7 999 123-45-67");
  CHECK(format_phone("+7 (999) 123-45-67") == "+7 999 123-45-67");
  CHECK(format_phone("77012345678") == "+7 701 234-56-78");
  CHECK(format_phone("89991234567") == "8 999 123-45-67");
}

TEST_CASE("other countries are grouped after their country code") {
  CHECK(format_phone("14155550123") == "+1 415 555 0123");
  CHECK(format_phone("447911123456") == "+44 791 112 3456");
  CHECK(format_phone("375291234567") == "+375 29 123-45-67");
  CHECK(format_phone("380671234567") == "+380 67 123-45-67");
  CHECK(format_phone("4915112345678") == "+49 151 123 456 78");
  CHECK(format_phone("97142345678") == "+971 423 456 78");
}

TEST_CASE("what is not a phone number comes back as it was") {
  CHECK(format_phone("ivan_petrov") == "ivan_petrov");
  CHECK(format_phone("anna@example.ru") == "anna@example.ru");
  CHECK(format_phone("12345") == "12345");
  CHECK(format_phone("1234567890123456") == "1234567890123456");
  CHECK(format_phone("") == "");
  CHECK(format_phone("7999 abc") == "7999 abc");
}

TEST_CASE("the list shows the phone when the search found the client by it") {
  core::Client c;
  c.display_name = "Анна";
  c.phone = "79991234567";
  CHECK(app::phone_match(c, "999 123") == "+7 999 123-45-67");
  CHECK(app::phone_match(c, "+7 (999) 123-45") == "+7 999 123-45-67");
  CHECK(app::phone_match(c, "Анна") == "");
  CHECK(app::phone_match(c, "12") == "");  // too few digits to say it matched
  CHECK(app::phone_match(c, "555") == "");
  c.phone.clear();
  CHECK(app::phone_match(c, "999") == "");
}
