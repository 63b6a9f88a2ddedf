// Formatting for the list's columns; plain functions, tested natively.
#include "app/format.hpp"

#include <cctype>
#include <cstdlib>

namespace app {
namespace {

constexpr std::int64_t kMinute = 60'000;
constexpr std::int64_t kHour = 60 * kMinute;
constexpr std::int64_t kDay = 24 * kHour;

std::string two_digits(std::int64_t v) {
  return (v < 10 ? "0" : "") + std::to_string(v);
}

// Length of the UTF-8 sequence that starts with byte c.
std::size_t utf8_length(unsigned char c) {
  if (c < 0x80) return 1;
  if ((c >> 5) == 0x6) return 2;
  if ((c >> 4) == 0xE) return 3;
  if ((c >> 3) == 0x1E) return 4;
  return 1;
}

// Upper case of one Latin or Cyrillic letter given as UTF-8.
std::string upper(std::string_view letter) {
  if (letter.size() == 1 && letter[0] >= 'a' && letter[0] <= 'z') {
    return std::string(1, static_cast<char>(letter[0] - 'a' + 'A'));
  }
  if (letter.size() == 2) {
    const unsigned code = ((static_cast<unsigned char>(letter[0]) & 0x1F) << 6) |
                          (static_cast<unsigned char>(letter[1]) & 0x3F);
    unsigned up = code;
    if (code >= 0x430 && code <= 0x44F) up = code - 0x20;
    if (code == 0x451) up = 0x401;
    return {static_cast<char>(0xC0 | (up >> 6)), static_cast<char>(0x80 | (up & 0x3F))};
  }
  return std::string(letter);
}

}  // namespace

// The calendar date of a day since the epoch (Howard Hinnant's algorithm).
CivilDate civil_date(std::int64_t days) {
  const std::int64_t z = days + 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const std::int64_t d = doy - (153 * mp + 2) / 5 + 1;
  const std::int64_t m = mp < 10 ? mp + 3 : mp - 9;
  return {yoe + era * 400 + (m <= 2 ? 1 : 0), m, d};
}

// The day since the epoch of a calendar date (the inverse of civil_date).
std::int64_t days_from_civil(std::int64_t y, std::int64_t m, std::int64_t d) {
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yoe = y - era * 400;
  const std::int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

std::string format_price(std::int64_t minor, Locale locale) {
  const std::int64_t units = minor / 100;
  std::string digits = std::to_string(std::llabs(units));
  std::string grouped;
  const char* sep = locale == Locale::Ru ? "\xc2\xa0" : ",";  // no-break space groups in Russian
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) grouped += sep;
    grouped += digits[i];
  }
  if (units < 0) grouped = "-" + grouped;
  return grouped + "\xc2\xa0\xe2\x82\xbd";  // " ₽"
}

std::string format_duration(std::int64_t ms, Locale locale) {
  const bool ru = locale == Locale::Ru;
  if (ms < kMinute) return std::to_string(ms / 1000) + (ru ? " сек" : " s");
  if (ms < kHour) return std::to_string(ms / kMinute) + (ru ? " мин" : " min");
  if (ms < kDay) {
    const std::int64_t minutes = (ms % kHour) / kMinute;
    std::string out = std::to_string(ms / kHour) + (ru ? " ч" : " h");
    if (minutes) out += " " + std::to_string(minutes) + (ru ? " мин" : " min");
    return out;
  }
  const std::int64_t hours = (ms % kDay) / kHour;
  std::string out = std::to_string(ms / kDay) + (ru ? " д" : " d");
  if (hours) out += " " + std::to_string(hours) + (ru ? " ч" : " h");
  return out;
}

std::string format_time_left(core::TimeMs due, core::TimeMs now, Locale locale) {
  const bool ru = locale == Locale::Ru;
  if (due >= now) {
    return (ru ? "через " : "in ") + format_duration(due - now, locale);
  }
  return (ru ? "просрочена на " : "overdue ") + format_duration(now - due, locale);
}

std::string format_message_time(core::TimeMs at, core::TimeMs now, std::int64_t offset,
                                Locale locale) {
  const std::int64_t local = at + offset;
  const std::int64_t day = local / kDay;
  const std::int64_t today = (now + offset) / kDay;
  if (day == today) {
    return two_digits((local % kDay) / kHour) + ":" + two_digits((local % kHour) / kMinute);
  }
  if (day == today - 1) return locale == Locale::Ru ? "вчера" : "yesterday";
  const CivilDate date = civil_date(day);
  return two_digits(date.day) + "." + two_digits(date.month);
}

namespace {

// Whether a word's initial can be `ch`: a letter or a digit, not an emoji, a
// symbol or punctuation (U+0080–U+00BF, and from U+2000 on).
bool can_be_initial(std::string_view ch) {
  const auto lead = static_cast<unsigned char>(ch[0]);
  if (lead < 0x80) return std::isalnum(lead) != 0;
  return lead > 0xC2 && lead < 0xE2;
}

}  // namespace

std::string initials(std::string_view name) {
  std::string out;
  int letters = 0;
  bool at_word_start = true;
  for (std::size_t i = 0; i < name.size() && letters < 2;) {
    const std::size_t n = utf8_length(static_cast<unsigned char>(name[i]));
    const std::string_view ch = name.substr(i, n);
    const bool separator = ch == " " || ch == "_" || ch == "." || ch == "-" || ch == "@";
    if (at_word_start && !separator && !can_be_initial(ch)) {
      i += n;  // the word's letters may follow: "🌸Анна", "«Ромашка»"
      continue;
    }
    if (!separator && at_word_start) {
      out += upper(ch);
      ++letters;
    }
    at_word_start = separator;
    i += n;
  }
  return out.empty() ? "?" : out;
}

std::string format_clock(core::TimeMs at, std::int64_t utc_offset_ms) {
  const std::int64_t local = at + utc_offset_ms;
  const std::int64_t in_day = ((local % kDay) + kDay) % kDay;
  return two_digits(in_day / kHour) + ":" + two_digits(in_day % kHour / kMinute);
}

std::int64_t local_day(core::TimeMs at, std::int64_t utc_offset_ms) {
  const std::int64_t local = at + utc_offset_ms;
  return local >= 0 ? local / kDay : (local - kDay + 1) / kDay;
}

std::string format_day(std::int64_t day, std::int64_t today, Locale locale) {
  const bool ru = locale == Locale::Ru;
  if (day == today) return ru ? "Сегодня" : "Today";
  if (day == today - 1) return ru ? "Вчера" : "Yesterday";
  static const char* ru_months[] = {"января",   "февраля", "марта",  "апреля",
                                    "мая",      "июня",    "июля",   "августа",
                                    "сентября", "октября", "ноября", "декабря"};
  static const char* en_months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const CivilDate date = civil_date(day);
  std::string out = ru ? std::to_string(date.day) + " " + ru_months[date.month - 1]
                       : std::string(en_months[date.month - 1]) + " " + std::to_string(date.day);
  if (date.year != civil_date(today).year) out += " " + std::to_string(date.year);
  return out;
}

}  // namespace app
