// The filters bar's state: the eight filters of the core as the operator set
// them (a date range may be a preset such as "last 7 days"), a plain value
// that converts to and from core::Filter, and the chips that show it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "app/format.hpp"
#include "core/entities.hpp"
#include "core/filter.hpp"

namespace app {

enum class DatePreset { Any, Today, Yesterday, Last7Days, Last30Days, Custom };

// A date filter: a preset resolved against the local day when the query is
// made, or a custom range of local days [from_day, to_day] (days since 1970-01-01).
struct DateChoice {
  DatePreset preset = DatePreset::Any;
  std::int64_t from_day = 0;  // Custom only
  std::int64_t to_day = 0;    // Custom only, inclusive
  bool operator==(const DateChoice& o) const {
    return preset == o.preset &&
           (preset != DatePreset::Custom || (from_day == o.from_day && to_day == o.to_day));
  }
};

// Which filter a chip or a popup is about.
enum class FilterKind { Channel, Source, Status, Responsible, Tag, Created, LastMessage, Type };
constexpr int kFilterKindCount = 8;

struct FilterState {
  std::vector<core::ChannelKind> channels;
  std::vector<core::Id> sources;
  std::vector<core::Id> statuses;
  std::vector<core::Id> responsibles;  // core::kNoId: dialogs with nobody responsible
  std::vector<core::Id> tags;
  DateChoice created;
  DateChoice last_message;
  std::vector<core::ReadType> types;

  bool empty() const;
  bool operator==(const FilterState& o) const;
  bool operator!=(const FilterState& o) const { return !(*this == o); }
};

// The local clock presets are resolved against.
struct LocalClock {
  core::TimeMs now = 0;
  std::int64_t utc_offset_ms = 0;
};

// The filter a query carries; the search text is left as it is.
void to_filter(const FilterState& state, LocalClock clock, core::Filter& filter);
// Back from a query (e.g. a deep link): a range that equals a preset today reads as it.
FilterState from_filter(const core::Filter& filter, LocalClock clock);
// The time range of a date choice: [start of from_day, start of the day after to_day).
core::TimeRange date_range(const DateChoice& choice, LocalClock clock);

// Adds the value when absent, removes it when present (a multi-select's checkbox).
template <class T>
void toggle_value(std::vector<T>& values, const T& value) {
  for (auto it = values.begin(); it != values.end(); ++it) {
    if (*it == value) {
      values.erase(it);
      return;
    }
  }
  values.push_back(value);
}

// One active filter value as a removable chip.
struct FilterChip {
  FilterKind kind;
  std::int64_t value = 0;   // the id, channel or read type; 0 for a date
  std::string label;        // "Канал: WhatsApp", "Создан: 7 дней"
  std::uint32_t color = 0;  // 0xRRGGBB of a status or tag; 0 for none
};

std::vector<FilterChip> filter_chips(const FilterState& state, const core::Directory& directory,
                                     Locale locale);
void remove_chip(FilterState& state, const FilterChip& chip);

// Names for the bar and the popups.
const char* filter_kind_label(FilterKind kind, Locale locale);    // "Каналы"
const char* read_type_label(core::ReadType type, Locale locale);  // "Непрочитанные"
const char* date_preset_label(DatePreset preset, Locale locale);  // "7 дней"
// "12.03.2026" <-> a local day; nothing for a malformed or impossible date.
std::string format_day_input(std::int64_t day);
bool parse_day_input(const std::string& text, std::int64_t& day);
std::int64_t day_of(core::TimeMs at, LocalClock clock);

}  // namespace app
