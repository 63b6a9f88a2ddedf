// The filters bar's state against core::Filter: presets, custom ranges, chips.
#include <doctest/doctest.h>

#include "app/filter_state.hpp"
#include "core/demo_data.hpp"

namespace {

constexpr core::TimeMs kNow = 1'780'000'000'000;  // 2026-05-28 20:26:40 UTC
constexpr std::int64_t kMsk = 3LL * 3600 * 1000;
constexpr std::int64_t kDayMs = 24LL * 3600 * 1000;
const app::LocalClock kClock{kNow, kMsk};

}  // namespace

TEST_CASE("an empty state is an empty filter and keeps the search text") {
  core::Filter f;
  f.search = "анна";
  app::to_filter(app::FilterState{}, kClock, f);
  CHECK(f.empty() == false);  // the search is still there
  f.search.clear();
  CHECK(f.empty());
  CHECK(app::FilterState{}.empty());
}

TEST_CASE("every kind carries over to the core's filter and back") {
  app::FilterState s;
  s.channels = {core::ChannelKind::WhatsApp, core::ChannelKind::Telegram};
  s.sources = {4};
  s.statuses = {2, core::kNoId};
  s.responsibles = {core::kNoId};
  s.tags = {7, 9};
  s.created.preset = app::DatePreset::Last7Days;
  s.last_message = {app::DatePreset::Custom, 20000, 20002};
  s.types = {core::ReadType::Unanswered};
  core::Filter f;
  app::to_filter(s, kClock, f);
  CHECK(f.channels == s.channels);
  CHECK(f.statuses == s.statuses);
  CHECK(f.responsibles == std::vector<core::Id>{core::kNoId});
  CHECK(f.types == s.types);
  CHECK(f.last_message.from == 20000 * kDayMs - kMsk);
  CHECK(f.last_message.to == 20003 * kDayMs - kMsk);  // the last day is included
  CHECK(app::from_filter(f, kClock) == s);
}

TEST_CASE("presets cover whole local days up to the end of today") {
  const std::int64_t today = app::day_of(kNow, kClock);
  const core::TimeRange start_of_today{today * kDayMs - kMsk, (today + 1) * kDayMs - kMsk};
  auto range = [](app::DatePreset p) { return app::date_range({p}, kClock); };
  CHECK(range(app::DatePreset::Today).from == start_of_today.from);
  CHECK(range(app::DatePreset::Today).to == start_of_today.to);
  CHECK(range(app::DatePreset::Today).contains(kNow));
  CHECK(range(app::DatePreset::Yesterday).to == start_of_today.from);
  CHECK_FALSE(range(app::DatePreset::Yesterday).contains(kNow));
  CHECK(range(app::DatePreset::Last7Days).from == start_of_today.from - 6 * kDayMs);
  CHECK(range(app::DatePreset::Last30Days).from == start_of_today.from - 29 * kDayMs);
  CHECK(range(app::DatePreset::Any).empty());
  // A range from elsewhere that is no preset reads back as custom days.
  core::Filter f;
  f.created = {start_of_today.from - 3 * kDayMs, start_of_today.to};
  const app::FilterState s = app::from_filter(f, kClock);
  CHECK(s.created.preset == app::DatePreset::Custom);
  CHECK(s.created.from_day == today - 3);
  CHECK(s.created.to_day == today);
}

TEST_CASE("date inputs read dd.mm.yyyy and refuse impossible dates") {
  std::int64_t day = 0;
  REQUIRE(app::parse_day_input("12.03.2026", day));
  CHECK(app::format_day_input(day) == "12.03.2026");
  CHECK(app::parse_day_input(" 01.01.1970 ", day));
  CHECK(day == 0);
  CHECK_FALSE(app::parse_day_input("31.02.2026", day));
  CHECK_FALSE(app::parse_day_input("12/03/2026", day));
  CHECK_FALSE(app::parse_day_input("12.03.2026x", day));
  CHECK_FALSE(app::parse_day_input("", day));
}

TEST_CASE("each active value is a chip with a readable label; removing one keeps the rest") {
  core::DemoGenerator demo(core::DemoOptions{1, 7, kNow, 60, 18, 1});
  const core::Directory& dir = demo.directory();
  REQUIRE(dir.statuses.size() >= 2);
  REQUIRE(dir.tags.size() >= 1);
  app::FilterState s;
  s.channels = {core::ChannelKind::WhatsApp};
  s.statuses = {dir.statuses[0].id, dir.statuses[1].id};
  s.responsibles = {core::kNoId};
  s.tags = {dir.tags[0].id};
  s.created.preset = app::DatePreset::Today;
  s.types = {core::ReadType::Unread};

  const auto chips = app::filter_chips(s, dir, app::Locale::Ru);
  REQUIRE(chips.size() == 7);
  CHECK(chips[0].label == "WhatsApp");
  CHECK(chips[1].label == dir.statuses[0].name);
  CHECK(chips[1].color == dir.statuses[0].color);
  CHECK(chips[3].label == "Без ответственного");
  CHECK(chips[4].label == dir.tags[0].name);
  CHECK(chips[5].label == "Создан: Сегодня");
  CHECK(chips[6].label == "Непрочитанные");
  CHECK(app::filter_chips(s, dir, app::Locale::En)[6].label == "Unread");

  app::FilterState after = s;
  app::remove_chip(after, chips[1]);
  CHECK(after.statuses == std::vector<core::Id>{dir.statuses[1].id});
  app::remove_chip(after, chips[5]);
  CHECK(after.created.preset == app::DatePreset::Any);
  CHECK(app::filter_chips(after, dir, app::Locale::Ru).size() == 5);
  for (const auto& chip : app::filter_chips(after, dir, app::Locale::Ru)) {
    app::remove_chip(after, chip);
  }
  CHECK(after.empty());
}

TEST_CASE("a multi-select toggles a value in and out") {
  std::vector<core::Id> v;
  app::toggle_value(v, core::Id{3});
  app::toggle_value(v, core::Id{5});
  app::toggle_value(v, core::Id{3});
  CHECK(v == std::vector<core::Id>{5});
}
