// How numbers and times read in the list: prices, response times, time left
// to a task, the time of the last message, initials for an avatar.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/entities.hpp"

namespace app {

enum class Locale { Ru, En };

std::string format_price(std::int64_t minor_units, Locale locale);                // "12 500 ₽"
std::string format_duration(std::int64_t ms, Locale locale);                      // "1 ч 5 мин"
std::string format_time_left(core::TimeMs due, core::TimeMs now, Locale locale);  // "через 3 ч"
// "14:32" today, "вчера" yesterday, else "12.11"; utc_offset_ms shifts to local time.
std::string format_message_time(core::TimeMs at, core::TimeMs now, std::int64_t utc_offset_ms,
                                Locale locale);
// "14:32" in local time, under a message bubble.
std::string format_clock(core::TimeMs at, std::int64_t utc_offset_ms);
// The local day a moment falls on (days since 1970-01-01), for day separators.
std::int64_t local_day(core::TimeMs at, std::int64_t utc_offset_ms);
// "Сегодня", "Вчера", "12 марта", "12 марта 2024" (another year) for a local day.
std::string format_day(std::int64_t day, std::int64_t today, Locale locale);
struct CivilDate {
  std::int64_t year, month, day;
};
// The calendar date of a day since 1970-01-01, and back.
CivilDate civil_date(std::int64_t days);
std::int64_t days_from_civil(std::int64_t year, std::int64_t month, std::int64_t day);
// Up to two capital letters from the words of a name (UTF-8 aware).
std::string initials(std::string_view name);

}  // namespace app
