// The sidebar's task editor without drawing: a new task or one being edited,
// its due moment (a calendar day in local time and a typed clock, or a preset),
// its assignee, and the change it becomes. Also which task a row shows and
// when a task is overdue.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "app/format.hpp"
#include "core/dialog_change.hpp"

namespace app {

// The due shortcuts, as offsets from now.
enum class DuePreset { InAnHour, Tomorrow, InThreeDays, InAWeek };

struct TaskForm {
  bool ready = false;              // start_new or start_edit ran
  core::Id editing = core::kNoId;  // the task being edited; kNoId: a new one
  std::string text;
  core::TimeMs due = 0;  // 0: no due date
  core::Id assignee = core::kNoId;
  // The calendar: the month it shows, and the clock as typed ("18:00").
  std::int64_t year = 1970, month = 1;
  std::string clock;
  bool clock_bad = false;  // the typed clock does not read as HH:MM
};

void start_new(TaskForm& form, core::TimeMs now, std::int64_t utc_offset_ms);
void start_edit(TaskForm& form, const core::Task& task, core::TimeMs now,
                std::int64_t utc_offset_ms);

core::TimeMs preset_due(DuePreset preset, core::TimeMs now);
void choose_preset(TaskForm& form, DuePreset preset, core::TimeMs now, std::int64_t utc_offset_ms);
// The calendar's day (days since 1970-01-01, local) at the form's clock.
void choose_day(TaskForm& form, std::int64_t day, std::int64_t utc_offset_ms);
// The typed clock; a valid one moves the due time on its day (today when none).
void type_clock(TaskForm& form, std::string_view text, core::TimeMs now,
                std::int64_t utc_offset_ms);
void clear_due(TaskForm& form);
void shift_month(TaskForm& form, int delta);

// "18:05", "9:30", "930", "9" read as minutes after midnight; nothing for anything else.
std::optional<int> parse_clock(std::string_view text);

// The month the calendar draws: its first day and how many blank cells come
// before it in a week that starts on Monday.
struct MonthGrid {
  std::int64_t first_day = 0;  // days since 1970-01-01
  int lead = 0;                // 0..6
  int days = 0;                // 28..31
};
MonthGrid month_grid(std::int64_t year, std::int64_t month);
// "Ноябрь 2026" / "November 2026".
std::string month_title(std::int64_t year, std::int64_t month, Locale locale);
// The due button's words: "Сегодня, 18:00", "Завтра, 10:00", "3 декабря, 9:30", "Без срока".
std::string format_due(core::TimeMs due, core::TimeMs now, std::int64_t utc_offset_ms,
                       Locale locale);

// The form as a change: an added or an edited task; nothing while the text is blank.
std::optional<core::DialogChange> task_change(const TaskForm& form);

bool overdue(const core::Task& task, core::TimeMs now);
// The task a list row shows: the open one due soonest, else an open one with no due date.
const core::Task* next_task(const core::Dialog& dialog);

}  // namespace app
