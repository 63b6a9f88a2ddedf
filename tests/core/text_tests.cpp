// Specs of the UTF-8 helpers: validation, case folding for search, phone digits.
#include <doctest/doctest.h>

#include <string>

#include "core/text.hpp"

using core::digits_only;
using core::fold_case;
using core::is_valid_utf8;

TEST_CASE("ASCII, Cyrillic, CJK and emoji text is valid UTF-8") {
  CHECK(is_valid_utf8(""));
  CHECK(is_valid_utf8("Hello, world"));
  CHECK(is_valid_utf8("Привет, Ёлка"));
  CHECK(is_valid_utf8("日本語"));
  CHECK(is_valid_utf8("\xF0\x9F\x98\x80"));      // U+1F600
  CHECK(is_valid_utf8("\xF4\x8F\xBF\xBF"));      // U+10FFFF, the last code point
  CHECK(is_valid_utf8("\xEF\xBF\xBF"));          // U+FFFF
  CHECK(is_valid_utf8(std::string("a\0b", 3)));  // NUL is a character
}

TEST_CASE("overlong encodings are not valid UTF-8") {
  CHECK_FALSE(is_valid_utf8("\xC0\xAF"));  // '/' in two bytes
  CHECK_FALSE(is_valid_utf8("\xC1\xBF"));
  CHECK_FALSE(is_valid_utf8("\xE0\x80\xAF"));      // '/' in three bytes
  CHECK_FALSE(is_valid_utf8("\xE0\x9F\xBF"));      // U+07FF in three bytes
  CHECK_FALSE(is_valid_utf8("\xF0\x8F\xBF\xBF"));  // U+FFFF in four bytes
}

TEST_CASE("surrogates and code points above U+10FFFF are not valid UTF-8") {
  CHECK_FALSE(is_valid_utf8("\xED\xA0\x80"));      // U+D800
  CHECK_FALSE(is_valid_utf8("\xED\xBF\xBF"));      // U+DFFF
  CHECK(is_valid_utf8("\xED\x9F\xBF"));            // U+D7FF, just below
  CHECK(is_valid_utf8("\xEE\x80\x80"));            // U+E000, just above
  CHECK_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // U+110000
  CHECK_FALSE(is_valid_utf8("\xF5\x80\x80\x80"));
  CHECK_FALSE(is_valid_utf8("\xF8\x88\x80\x80\x80"));  // five-byte form
  CHECK_FALSE(is_valid_utf8("\xFF"));
}

TEST_CASE("truncated sequences and stray continuation bytes are not valid UTF-8") {
  CHECK_FALSE(is_valid_utf8("\xD0"));
  CHECK_FALSE(is_valid_utf8("abc\xE2\x82"));
  CHECK_FALSE(is_valid_utf8("\xF0\x9F\x98"));
  CHECK_FALSE(is_valid_utf8("\x80"));
  CHECK_FALSE(is_valid_utf8("\xD0\x41"));  // lead byte followed by ASCII
  CHECK_FALSE(is_valid_utf8("\xE2\x28\xA1"));
}

TEST_CASE("folding lowers Latin letters and leaves digits and punctuation") {
  CHECK(fold_case("Hello WORLD 42!") == "hello world 42!");
  CHECK(fold_case("") == "");
}

TEST_CASE("folding lowers every Cyrillic capital from А to Я") {
  CHECK(fold_case("АБВГДЕЖЗИЙКЛМНОП") == "абвгдежзийклмноп");
  CHECK(fold_case("РСТУФХЦЧШЩЪЫЬЭЮЯ") == "рстуфхцчшщъыьэюя");
  CHECK(fold_case("Мария Петрова") == "мария петрова");
}

TEST_CASE("Ё and ё both fold to е so either spelling finds the other") {
  CHECK(fold_case("Ёлка") == "елка");
  CHECK(fold_case("ёжик") == "ежик");
  CHECK(fold_case("Фёдор") == fold_case("Федор"));
}

TEST_CASE("folding leaves other scripts and invalid bytes unchanged") {
  CHECK(fold_case("ÄÖÜ") == "ÄÖÜ");
  CHECK(fold_case("Ѐ Ђ Ї") == "Ѐ Ђ Ї");  // Cyrillic outside А..Я and Ё
  CHECK(fold_case("日本") == "日本");
  CHECK(fold_case("\xD0"
                  "A") ==
        "\xD0"
        "a");  // a lone lead byte does not swallow the next
  CHECK(fold_case("\xD1") == "\xD1");
}

TEST_CASE("digits_only keeps the digits of a formatted phone number") {
  CHECK(digits_only("+7 (999) 123-45-67") == "79991234567");
  CHECK(digits_only("no digits") == "");
  CHECK(digits_only("٣") == "");  // only ASCII digits count
}

TEST_CASE("a comma-separated list splits into its non-empty parts") {
  CHECK(core::split_commas("whatsapp,vk") == std::vector<std::string>{"whatsapp", "vk"});
  CHECK(core::split_commas(",a,,b,") == std::vector<std::string>{"a", "b"});
  CHECK(core::split_commas("").empty());
}

TEST_CASE("percent_encode keeps unreserved characters and round-trips any bytes") {
  CHECK(core::percent_encode("a-b_c.d~e") == "a-b_c.d~e");
  CHECK(core::percent_encode("Анна Иванова") ==
        "%D0%90%D0%BD%D0%BD%D0%B0%20%D0%98%D0%B2%D0%B0%D0%BD%D0%BE%D0%B2%D0%B0");
  CHECK(core::percent_encode("a,b&c=d") == "a%2Cb%26c%3Dd");
  CHECK(core::percent_encode("a,b&c", ",") == "a,b%26c");  // a list separator kept plain
  std::string bytes;
  for (int c = 1; c < 256; ++c) bytes += static_cast<char>(c);
  CHECK(core::percent_decode(core::percent_encode(bytes), true) == bytes);
  CHECK(core::percent_decode(core::percent_encode(bytes, ","), false) == bytes);
}
