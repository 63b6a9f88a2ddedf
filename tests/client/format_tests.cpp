// How prices, durations and times read in the list.
#include <doctest/doctest.h>

#include "app/format.hpp"
#include "app/price_input.hpp"

using app::Locale;

TEST_CASE("prices group thousands and carry the rouble sign") {
  CHECK(app::format_price(1250000, Locale::Ru) ==
        "12\xc2\xa0"
        "500\xc2\xa0\xe2\x82\xbd");
  CHECK(app::format_price(99900, Locale::En) == "999\xc2\xa0\xe2\x82\xbd");
  CHECK(app::format_price(123456700, Locale::En) == "1,234,567\xc2\xa0\xe2\x82\xbd");
}

TEST_CASE("durations read in the largest two units") {
  CHECK(app::format_duration(42'000, Locale::Ru) == "42 сек");
  CHECK(app::format_duration(5 * 60'000, Locale::Ru) == "5 мин");
  CHECK(app::format_duration(65 * 60'000, Locale::Ru) == "1 ч 5 мин");
  CHECK(app::format_duration(2 * 3'600'000, Locale::En) == "2 h");
  CHECK(app::format_duration(26 * 3'600'000, Locale::Ru) == "1 д 2 ч");
}

TEST_CASE("time left to a task says when it is overdue") {
  CHECK(app::format_time_left(3 * 3'600'000, 0, Locale::Ru) == "через 3 ч");
  CHECK(app::format_time_left(0, 30 * 60'000, Locale::Ru) == "просрочена на 30 мин");
}

TEST_CASE("message times show the clock today, 'yesterday', then the date") {
  const core::TimeMs now = 1'700'000'000'000;  // 2023-11-14 22:13:20 UTC
  CHECK(app::format_message_time(now - 60'000, now, 0, Locale::Ru) == "22:12");
  CHECK(app::format_message_time(now - 24 * 3'600'000, now, 0, Locale::Ru) == "вчера");
  CHECK(app::format_message_time(now - 5 * 24 * 3'600'000, now, 0, Locale::Ru) == "09.11");
  // Three hours ahead of UTC the same instant is already the next day.
  CHECK(app::format_message_time(now, now, 3 * 3'600'000, Locale::Ru) == "01:13");
}

TEST_CASE("initials take the first letter of two words, Cyrillic upper-cased") {
  CHECK(app::initials("Анна Смирнова") == "АС");
  CHECK(app::initials("ёжик в тумане") == "ЁВ");
  CHECK(app::initials("max_power") == "MP");
  CHECK(app::initials("") == "?");
}

TEST_CASE("initials pass over emoji, symbols and quotes to the letters") {
  CHECK(app::initials("Эмма \xF0\x9F\x8C\xB8") == "Э");  // a flower after the name
  CHECK(app::initials("\xF0\x9F\x8C\xB8Эмма Ким") == "ЭК");
  CHECK(app::initials("«Ромашка» ООО") == "РО");
  CHECK(app::initials("\xE2\x98\x85 7 звёзд") == "7З");
  CHECK(app::initials("\xF0\x9F\x99\x8F") == "?");
}

TEST_CASE("a typed price becomes minor units; anything else is refused") {
  CHECK(app::parse_price("12 500") == 1'250'000);
  CHECK(app::parse_price("12\xc2\xa0"
                         "500") == 1'250'000);
  CHECK(app::parse_price("1500,5") == 150'050);
  CHECK(app::parse_price("99.99") == 9'999);
  CHECK(app::parse_price("0") == 0);
  CHECK_FALSE(app::parse_price(""));
  CHECK_FALSE(app::parse_price("-5"));
  CHECK_FALSE(app::parse_price("1,2,3"));
  CHECK_FALSE(app::parse_price("12.345"));
  CHECK_FALSE(app::parse_price("сто"));
  CHECK(app::price_text(1'250'000) == "12500");
  CHECK(app::price_text(150'005) == "1500,05");
}
