// The task editor's state and rules (see task_form.hpp).
#include "app/task_form.hpp"

#include <algorithm>
#include <cctype>

namespace app {
namespace {

constexpr std::int64_t kMinute = 60'000;
constexpr std::int64_t kHour = 60 * kMinute;
constexpr std::int64_t kDay = 24 * kHour;
constexpr std::int64_t kStep = 5 * kMinute;  // presets land on whole five minutes

std::string two_digits(std::int64_t v) {
  return (v < 10 ? "0" : "") + std::to_string(v);
}

std::string clock_text(core::TimeMs at, std::int64_t utc_offset_ms) {
  const std::int64_t local = at + utc_offset_ms;
  const std::int64_t minutes = ((local % kDay + kDay) % kDay) / kMinute;
  return std::to_string(minutes / 60) + ":" + two_digits(minutes % 60);
}

void show_month_of(TaskForm& form, core::TimeMs at, std::int64_t utc_offset_ms) {
  const CivilDate date = civil_date(local_day(at, utc_offset_ms));
  form.year = date.year;
  form.month = date.month;
}

void set_due(TaskForm& form, core::TimeMs due, std::int64_t utc_offset_ms) {
  form.due = due;
  form.clock = clock_text(due, utc_offset_ms);
  form.clock_bad = false;
  show_month_of(form, due, utc_offset_ms);
}

}  // namespace

void start_new(TaskForm& form, core::TimeMs now, std::int64_t utc_offset_ms) {
  form = TaskForm{};
  form.ready = true;
  set_due(form, preset_due(DuePreset::Tomorrow, now), utc_offset_ms);
}

void start_edit(TaskForm& form, const core::Task& task, core::TimeMs now,
                std::int64_t utc_offset_ms) {
  form = TaskForm{};
  form.ready = true;
  form.editing = task.id;
  form.text = task.text;
  form.assignee = task.assignee_id;
  if (task.due > 0) {
    set_due(form, task.due, utc_offset_ms);
  } else {
    form.clock = "18:00";
    show_month_of(form, now, utc_offset_ms);
  }
}

core::TimeMs preset_due(DuePreset preset, core::TimeMs now) {
  core::TimeMs after = kHour;
  switch (preset) {
    case DuePreset::InAnHour:
      after = kHour;
      break;
    case DuePreset::Tomorrow:
      after = kDay;
      break;
    case DuePreset::InThreeDays:
      after = 3 * kDay;
      break;
    case DuePreset::InAWeek:
      after = 7 * kDay;
      break;
  }
  const core::TimeMs at = now + after;
  return (at + kStep - 1) / kStep * kStep;
}

void choose_preset(TaskForm& form, DuePreset preset, core::TimeMs now, std::int64_t utc_offset_ms) {
  set_due(form, preset_due(preset, now), utc_offset_ms);
}

void choose_day(TaskForm& form, std::int64_t day, std::int64_t utc_offset_ms) {
  const int minutes = parse_clock(form.clock).value_or(18 * 60);
  set_due(form, day * kDay + minutes * kMinute - utc_offset_ms, utc_offset_ms);
}

void type_clock(TaskForm& form, std::string_view text, core::TimeMs now,
                std::int64_t utc_offset_ms) {
  form.clock = std::string(text);
  const std::optional<int> minutes = parse_clock(text);
  form.clock_bad = !minutes;
  if (!minutes) return;  // the due time stays as it was until the clock reads
  const std::int64_t day = local_day(form.due > 0 ? form.due : now, utc_offset_ms);
  form.due = day * kDay + *minutes * kMinute - utc_offset_ms;
}

void clear_due(TaskForm& form) {
  form.due = 0;
  form.clock_bad = false;
}

void shift_month(TaskForm& form, int delta) {
  std::int64_t index = form.year * 12 + (form.month - 1) + delta;
  form.year = index / 12;
  form.month = index % 12 + 1;
}

std::optional<int> parse_clock(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  std::string digits;
  std::size_t separators = 0, separator_at = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (std::isdigit(static_cast<unsigned char>(c))) {
      digits += c;
    } else if (c == ':' || c == '.') {
      ++separators;
      separator_at = digits.size();
    } else {
      return std::nullopt;
    }
  }
  if (digits.empty() || digits.size() > 4 || separators > 1) return std::nullopt;
  int hours = 0, minutes = 0;
  if (separators == 1) {
    if (separator_at == 0 || separator_at > 2 || digits.size() - separator_at != 2) {
      return std::nullopt;
    }
    hours = std::stoi(digits.substr(0, separator_at));
    minutes = std::stoi(digits.substr(separator_at));
  } else if (digits.size() <= 2) {
    hours = std::stoi(digits);
  } else {
    hours = std::stoi(digits.substr(0, digits.size() - 2));
    minutes = std::stoi(digits.substr(digits.size() - 2));
  }
  if (hours > 23 || minutes > 59) return std::nullopt;
  return hours * 60 + minutes;
}

MonthGrid month_grid(std::int64_t year, std::int64_t month) {
  MonthGrid g;
  g.first_day = days_from_civil(year, month, 1);
  // 1970-01-01 was a Thursday: index 3 in a week from Monday.
  g.lead = static_cast<int>(((g.first_day + 3) % 7 + 7) % 7);
  const std::int64_t next =
      month == 12 ? days_from_civil(year + 1, 1, 1) : days_from_civil(year, month + 1, 1);
  g.days = static_cast<int>(next - g.first_day);
  return g;
}

std::string month_title(std::int64_t year, std::int64_t month, Locale locale) {
  static const char* ru[] = {"Январь", "Февраль", "Март",     "Апрель",  "Май",    "Июнь",
                             "Июль",   "Август",  "Сентябрь", "Октябрь", "Ноябрь", "Декабрь"};
  static const char* en[] = {"January", "February", "March",     "April",   "May",      "June",
                             "July",    "August",   "September", "October", "November", "December"};
  const std::size_t i = static_cast<std::size_t>(std::clamp<std::int64_t>(month, 1, 12) - 1);
  return std::string(locale == Locale::Ru ? ru[i] : en[i]) + " " + std::to_string(year);
}

std::string format_due(core::TimeMs due, core::TimeMs now, std::int64_t utc_offset_ms,
                       Locale locale) {
  const bool ru = locale == Locale::Ru;
  if (due <= 0) return ru ? "Без срока" : "No due date";
  const std::int64_t day = local_day(due, utc_offset_ms);
  const std::int64_t today = local_day(now, utc_offset_ms);
  std::string date;
  if (day == today + 1) {
    date = ru ? "Завтра" : "Tomorrow";
  } else {
    date = format_day(day, today, locale);  // "Сегодня", "Вчера", "3 декабря"
  }
  return date + ", " + clock_text(due, utc_offset_ms);
}

std::optional<core::DialogChange> task_change(const TaskForm& form) {
  if (form.text.find_first_not_of(" \t\r\n") == std::string::npos) return std::nullopt;
  if (form.editing != core::kNoId) {
    return core::DialogChange::edit_task(form.editing, form.text, form.due, form.assignee);
  }
  return core::DialogChange::add_task(form.text, form.due, form.assignee);
}

bool overdue(const core::Task& task, core::TimeMs now) {
  return !task.done && task.due > 0 && task.due < now;
}

const core::Task* next_task(const core::Dialog& dialog) {
  const core::Task* best = nullptr;
  for (const core::Task& t : dialog.tasks) {
    if (t.done) continue;
    if (!best || (t.due > 0 && (best->due == 0 || t.due < best->due))) best = &t;
  }
  return best;
}

}  // namespace app
