// The task editor's state: presets, the calendar, the typed clock, editing,
// and which task a row shows as overdue.
#include <doctest/doctest.h>

#include "app/task_form.hpp"

using app::DuePreset;
using app::Locale;
using app::TaskForm;

namespace {
constexpr std::int64_t kMinute = 60'000;
constexpr std::int64_t kHour = 60 * kMinute;
constexpr std::int64_t kMsk = 3 * kHour;
// 2026-11-26 06:21:00 UTC = 09:21 in Moscow, a Thursday.
constexpr core::TimeMs kNow = 1'795'674'060'000;

core::Task task(core::Id id, core::TimeMs due, bool done = false) {
  core::Task t;
  t.id = id;
  t.text = "t" + std::to_string(id);
  t.due = due;
  t.done = done;
  return t;
}
}  // namespace

TEST_CASE("a new task is due tomorrow, on whole five minutes, with nobody assigned") {
  TaskForm f;
  app::start_new(f, kNow, kMsk);
  CHECK(f.ready);
  CHECK(f.editing == core::kNoId);
  CHECK(f.due >= kNow + 24 * kHour);
  CHECK(f.due < kNow + 24 * kHour + 5 * kMinute);
  CHECK(f.due % (5 * kMinute) == 0);
  CHECK(f.clock == "9:25");
  CHECK(f.assignee == core::kNoId);
  CHECK((f.year == 2026 && f.month == 11));
  CHECK(app::format_due(f.due, kNow, kMsk, Locale::Ru) == "Завтра, 9:25");
}

TEST_CASE("presets are offsets from now and move the calendar to their month") {
  TaskForm f;
  app::start_new(f, kNow, kMsk);
  app::choose_preset(f, DuePreset::InAWeek, kNow, kMsk);
  CHECK(f.due - kNow >= 7 * 24 * kHour);
  CHECK((f.year == 2026 && f.month == 12));
  CHECK(app::format_due(f.due, kNow, kMsk, Locale::Ru) == "3 декабря, 9:25");
  app::choose_preset(f, DuePreset::InAnHour, kNow, kMsk);
  CHECK(app::format_due(f.due, kNow, kMsk, Locale::En) == "Today, 10:25");
}

TEST_CASE("a day on the calendar keeps the typed clock; a bad clock keeps the due time") {
  TaskForm f;
  app::start_new(f, kNow, kMsk);
  app::type_clock(f, "18:30", kNow, kMsk);
  CHECK_FALSE(f.clock_bad);
  CHECK(app::format_due(f.due, kNow, kMsk, Locale::Ru) == "Завтра, 18:30");
  const std::int64_t dec1 = app::days_from_civil(2026, 12, 1);
  app::choose_day(f, dec1, kMsk);
  CHECK(app::format_due(f.due, kNow, kMsk, Locale::Ru) == "1 декабря, 18:30");
  CHECK(app::local_day(f.due, kMsk) == dec1);
  const core::TimeMs before = f.due;
  app::type_clock(f, "25:00", kNow, kMsk);
  CHECK(f.clock_bad);
  CHECK(f.clock == "25:00");  // what was typed stays to be corrected
  CHECK(f.due == before);
  app::clear_due(f);
  CHECK(f.due == 0);
  CHECK(app::format_due(f.due, kNow, kMsk, Locale::Ru) == "Без срока");
  app::type_clock(f, "9:00", kNow, kMsk);  // with no due date the clock means today
  CHECK(app::format_due(f.due, kNow, kMsk, Locale::Ru) == "Сегодня, 9:00");
}

TEST_CASE("the clock reads as typed by people") {
  CHECK(app::parse_clock("18:05") == 18 * 60 + 5);
  CHECK(app::parse_clock(" 9:30 ") == 9 * 60 + 30);
  CHECK(app::parse_clock("9.30") == 9 * 60 + 30);
  CHECK(app::parse_clock("930") == 9 * 60 + 30);
  CHECK(app::parse_clock("1745") == 17 * 60 + 45);
  CHECK(app::parse_clock("9") == 9 * 60);
  CHECK(app::parse_clock("0:00") == 0);
  CHECK_FALSE(app::parse_clock(""));
  CHECK_FALSE(app::parse_clock("24:00"));
  CHECK_FALSE(app::parse_clock("12:60"));
  CHECK_FALSE(app::parse_clock("12:5"));
  CHECK_FALSE(app::parse_clock("1:2:3"));
  CHECK_FALSE(app::parse_clock("утром"));
  CHECK_FALSE(app::parse_clock("12345"));
}

TEST_CASE("the month grid starts on Monday and the months turn over years") {
  const app::MonthGrid nov = app::month_grid(2026, 11);  // 1 November 2026 is a Sunday
  CHECK(nov.lead == 6);
  CHECK(nov.days == 30);
  CHECK(app::month_grid(2024, 2).days == 29);
  CHECK(app::month_grid(2026, 6).lead == 0);  // 1 June 2026 is a Monday
  TaskForm f;
  f.year = 2026;
  f.month = 12;
  app::shift_month(f, 1);
  CHECK((f.year == 2027 && f.month == 1));
  app::shift_month(f, -13);
  CHECK((f.year == 2025 && f.month == 12));
  CHECK(app::month_title(2026, 11, Locale::Ru) == "Ноябрь 2026");
  CHECK(app::month_title(2027, 1, Locale::En) == "January 2027");
}

TEST_CASE("editing fills the form from the task and becomes an edit of that task") {
  core::Task t = task(77, kNow + 2 * kHour);
  t.text = "Перезвонить";
  t.assignee_id = 3;
  TaskForm f;
  app::start_edit(f, t, kNow, kMsk);
  CHECK(f.editing == 77);
  CHECK(f.text == "Перезвонить");
  CHECK(f.assignee == 3);
  CHECK(f.clock == "11:21");
  f.text = "Перезвонить после обеда";
  f.assignee = core::kNoId;
  auto change = app::task_change(f);
  REQUIRE(change);
  CHECK(change->kind == core::ChangeKind::EditTask);
  CHECK(change->id == 77);
  CHECK(change->task.text == "Перезвонить после обеда");
  CHECK(change->task.due == kNow + 2 * kHour);
  CHECK(change->task.assignee_id == core::kNoId);
  f.text = "   ";
  CHECK_FALSE(app::task_change(f));

  TaskForm fresh;
  app::start_new(fresh, kNow, kMsk);
  fresh.text = "Выставить счёт";
  fresh.assignee = 2;
  change = app::task_change(fresh);
  REQUIRE(change);
  CHECK(change->kind == core::ChangeKind::AddTask);
  CHECK(change->task.assignee_id == 2);
}

TEST_CASE("a row shows the open task due soonest; undated ones come last and are never overdue") {
  core::Dialog d;
  d.tasks = {task(1, 0), task(2, kNow + kHour), task(3, kNow - kHour, true),
             task(4, kNow - 2 * kHour)};
  REQUIRE(app::next_task(d));
  CHECK(app::next_task(d)->id == 4);
  CHECK(app::overdue(*app::next_task(d), kNow));
  CHECK_FALSE(app::overdue(d.tasks[0], kNow));  // no due date
  CHECK_FALSE(app::overdue(d.tasks[2], kNow));  // done
  CHECK_FALSE(app::overdue(d.tasks[1], kNow));
  d.tasks = {task(1, 0), task(3, kNow, true)};
  CHECK(app::next_task(d)->id == 1);
  d.tasks = {task(3, kNow, true)};
  CHECK_FALSE(app::next_task(d));
}
