// Filter state <-> core::Filter, presets against the local day, and chips.
#include "app/filter_state.hpp"

#include <algorithm>
#include <cstdio>

#include "core/channels.hpp"

namespace app {
namespace {

constexpr std::int64_t kDayMs = 24LL * 60 * 60 * 1000;

const char* say(Locale l, const char* ru, const char* en) {
  return l == Locale::Ru ? ru : en;
}

// The first and last local day of a preset, counted back from today.
bool preset_days(DatePreset preset, std::int64_t today, std::int64_t& from, std::int64_t& to) {
  switch (preset) {
    case DatePreset::Today:
      from = to = today;
      return true;
    case DatePreset::Yesterday:
      from = to = today - 1;
      return true;
    case DatePreset::Last7Days:
      from = today - 6;
      to = today;
      return true;
    case DatePreset::Last30Days:
      from = today - 29;
      to = today;
      return true;
    default:
      return false;
  }
}

// A time range read back as a date choice: a preset when it is one today, else custom days.
DateChoice choice_of(const core::TimeRange& range, LocalClock clock) {
  DateChoice c;
  if (range.empty()) return c;
  for (DatePreset p :
       {DatePreset::Today, DatePreset::Yesterday, DatePreset::Last7Days, DatePreset::Last30Days}) {
    DateChoice candidate{p};
    const core::TimeRange r = date_range(candidate, clock);
    if (r.from == range.from && r.to == range.to) return candidate;
  }
  c.preset = DatePreset::Custom;
  c.from_day = range.from ? day_of(range.from, clock) : day_of(range.to - 1, clock);
  c.to_day = range.to ? day_of(range.to - 1, clock) : day_of(clock.now, clock);
  return c;
}

std::string date_chip(const DateChoice& c, Locale l) {
  if (c.preset != DatePreset::Custom) return date_preset_label(c.preset, l);
  if (c.from_day == c.to_day) return format_day_input(c.from_day);
  return format_day_input(c.from_day) + " – " + format_day_input(c.to_day);
}

template <class T>
bool same_set(std::vector<T> a, std::vector<T> b) {
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  return a == b;
}

}  // namespace

bool FilterState::empty() const {
  return channels.empty() && sources.empty() && statuses.empty() && responsibles.empty() &&
         tags.empty() && created.preset == DatePreset::Any &&
         last_message.preset == DatePreset::Any && types.empty();
}

bool FilterState::operator==(const FilterState& o) const {
  return same_set(channels, o.channels) && same_set(sources, o.sources) &&
         same_set(statuses, o.statuses) && same_set(responsibles, o.responsibles) &&
         same_set(tags, o.tags) && created == o.created && last_message == o.last_message &&
         same_set(types, o.types);
}

std::int64_t day_of(core::TimeMs at, LocalClock clock) {
  return local_day(at, clock.utc_offset_ms);
}

core::TimeRange date_range(const DateChoice& choice, LocalClock clock) {
  std::int64_t from = 0, to = 0;
  if (choice.preset == DatePreset::Custom) {
    from = std::min(choice.from_day, choice.to_day);
    to = std::max(choice.from_day, choice.to_day);
  } else if (!preset_days(choice.preset, day_of(clock.now, clock), from, to)) {
    return {};
  }
  return {from * kDayMs - clock.utc_offset_ms, (to + 1) * kDayMs - clock.utc_offset_ms};
}

void to_filter(const FilterState& s, LocalClock clock, core::Filter& f) {
  f.channels = s.channels;
  f.sources = s.sources;
  f.statuses = s.statuses;
  f.responsibles = s.responsibles;
  f.tags = s.tags;
  f.created = date_range(s.created, clock);
  f.last_message = date_range(s.last_message, clock);
  f.types = s.types;
}

FilterState from_filter(const core::Filter& f, LocalClock clock) {
  FilterState s;
  s.channels = f.channels;
  s.sources = f.sources;
  s.statuses = f.statuses;
  s.responsibles = f.responsibles;
  s.tags = f.tags;
  s.created = choice_of(f.created, clock);
  s.last_message = choice_of(f.last_message, clock);
  s.types = f.types;
  return s;
}

std::vector<FilterChip> filter_chips(const FilterState& s, const core::Directory& dir, Locale l) {
  std::vector<FilterChip> out;
  auto add = [&out](FilterKind kind, std::int64_t value, std::string label, std::uint32_t color) {
    out.push_back({kind, value, std::move(label), color});
  };
  for (core::ChannelKind c : s.channels) {
    const core::ChannelInfo& info = core::channel_info(c);
    add(FilterKind::Channel, static_cast<std::int64_t>(c),
        std::string(l == Locale::Ru ? info.name_ru : info.name_en), 0);
  }
  for (core::Id id : s.sources) {
    const core::Source* src = dir.find_source(id);
    add(FilterKind::Source, id, src ? src->name : "#" + std::to_string(id), 0);
  }
  for (core::Id id : s.statuses) {
    const core::FunnelStatus* st = dir.find_status(id);
    if (id == core::kNoId) {
      add(FilterKind::Status, id, say(l, "Без статуса", "No status"), 0);
    } else {
      add(FilterKind::Status, id, st ? st->name : "#" + std::to_string(id), st ? st->color : 0);
    }
  }
  for (core::Id id : s.responsibles) {
    const core::Operator* op = dir.find_operator(id);
    std::string name = id == core::kNoId ? say(l, "Без ответственного", "Nobody responsible")
                                         : (op ? op->name : "#" + std::to_string(id));
    add(FilterKind::Responsible, id, std::move(name), 0);
  }
  for (core::Id id : s.tags) {
    const core::Tag* tag = dir.find_tag(id);
    add(FilterKind::Tag, id, tag ? tag->name : "#" + std::to_string(id), tag ? tag->color : 0);
  }
  if (s.created.preset != DatePreset::Any) {
    add(FilterKind::Created, 0,
        std::string(say(l, "Создан: ", "Created: ")) + date_chip(s.created, l), 0);
  }
  if (s.last_message.preset != DatePreset::Any) {
    add(FilterKind::LastMessage, 0,
        std::string(say(l, "Сообщение: ", "Last message: ")) + date_chip(s.last_message, l), 0);
  }
  for (core::ReadType t : s.types) {
    add(FilterKind::Type, static_cast<std::int64_t>(t), read_type_label(t, l), 0);
  }
  return out;
}

void remove_chip(FilterState& s, const FilterChip& chip) {
  auto drop = [](auto& values, auto value) {
    values.erase(std::remove(values.begin(), values.end(), value), values.end());
  };
  switch (chip.kind) {
    case FilterKind::Channel:
      drop(s.channels, static_cast<core::ChannelKind>(chip.value));
      break;
    case FilterKind::Source:
      drop(s.sources, chip.value);
      break;
    case FilterKind::Status:
      drop(s.statuses, chip.value);
      break;
    case FilterKind::Responsible:
      drop(s.responsibles, chip.value);
      break;
    case FilterKind::Tag:
      drop(s.tags, chip.value);
      break;
    case FilterKind::Created:
      s.created = {};
      break;
    case FilterKind::LastMessage:
      s.last_message = {};
      break;
    case FilterKind::Type:
      drop(s.types, static_cast<core::ReadType>(chip.value));
      break;
  }
}

const char* filter_kind_label(FilterKind kind, Locale l) {
  switch (kind) {
    case FilterKind::Channel:
      return say(l, "Каналы", "Channels");
    case FilterKind::Source:
      return say(l, "Источники", "Sources");
    case FilterKind::Status:
      return say(l, "Статусы воронки", "Funnel statuses");
    case FilterKind::Responsible:
      return say(l, "Ответственные", "Responsible");
    case FilterKind::Tag:
      return say(l, "Теги", "Tags");
    case FilterKind::Created:
      return say(l, "Дата создания", "Created");
    case FilterKind::LastMessage:
      return say(l, "Последнее сообщение", "Last message");
    case FilterKind::Type:
      return say(l, "Тип", "Type");
  }
  return "";
}

const char* read_type_label(core::ReadType t, Locale l) {
  switch (t) {
    case core::ReadType::Unread:
      return say(l, "Непрочитанные", "Unread");
    case core::ReadType::Read:
      return say(l, "Прочитанные", "Read");
    case core::ReadType::Unanswered:
      return say(l, "Неотвеченные", "Unanswered");
    case core::ReadType::Answered:
      return say(l, "Отвеченные", "Answered");
  }
  return "";
}

const char* date_preset_label(DatePreset p, Locale l) {
  switch (p) {
    case DatePreset::Any:
      return say(l, "Любая", "Any");
    case DatePreset::Today:
      return say(l, "Сегодня", "Today");
    case DatePreset::Yesterday:
      return say(l, "Вчера", "Yesterday");
    case DatePreset::Last7Days:
      return say(l, "7 дней", "7 days");
    case DatePreset::Last30Days:
      return say(l, "30 дней", "30 days");
    case DatePreset::Custom:
      return say(l, "Свой период", "Custom range");
  }
  return "";
}

std::string format_day_input(std::int64_t day) {
  const CivilDate d = civil_date(day);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d.%02d.%04d", static_cast<int>(d.day),
                static_cast<int>(d.month), static_cast<int>(d.year));
  return buf;
}

bool parse_day_input(const std::string& text, std::int64_t& day) {
  int d = 0, m = 0, y = 0;
  char tail = 0;
  if (std::sscanf(text.c_str(), " %d.%d.%d %c", &d, &m, &y, &tail) != 3) return false;
  if (y < 1970 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31) return false;
  const std::int64_t candidate = days_from_civil(y, m, d);
  const CivilDate back = civil_date(candidate);
  if (back.day != d || back.month != m) return false;  // 31.02 and the like
  day = candidate;
  return true;
}

}  // namespace app
