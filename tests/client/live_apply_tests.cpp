// Live events patch the list in view: replace, enter, leave, sorted place, counts.
#include <doctest/doctest.h>

#include <algorithm>

#include "app/live_apply.hpp"

namespace {

core::DialogRow make_row(core::Id id, core::TimeMs last, core::DialogMode mode,
                         const char* name = "Клиент", int unread = 0) {
  core::DialogRow r;
  r.dialog.id = id;
  r.dialog.mode = mode;
  r.dialog.created_at = 1000;
  r.dialog.last_message_at = last;
  r.dialog.unread = unread;
  r.client.id = id;
  r.client.display_name = name;
  return r;
}

// A New view of three rows (ids 1..3, newest first) holding the whole view.
app::ListView new_view() {
  app::ListView v;
  v.page.rows = {make_row(3, 3000, core::DialogMode::New), make_row(2, 2000, core::DialogMode::New),
                 make_row(1, 1000, core::DialogMode::New)};
  v.page.total = 3;
  v.page.counts[0] = {3, 0};
  v.page.counts[1] = {10, 0};
  return v;
}

core::Event changed(const core::DialogRow& row) {
  core::Event e;
  e.seq = 5;
  e.kind = core::EventKind::DialogChanged;
  e.row = row;
  return e;
}

core::Event message(const core::DialogRow& row, core::TimeMs at) {
  core::Event e = changed(row);
  e.kind = core::EventKind::MessageAdded;
  core::Message m;
  m.dialog_id = row.dialog.id;
  m.created_at = at;
  e.message = m;
  return e;
}

std::vector<core::Id> ids(const app::ListView& v) {
  std::vector<core::Id> out;
  for (const auto& r : v.page.rows) out.push_back(r.dialog.id);
  return out;
}

}  // namespace

TEST_CASE("a changed row in view is replaced in place") {
  app::ListView v = new_view();
  core::DialogRow r = make_row(2, 2000, core::DialogMode::New, "Анна");
  CHECK(app::apply(v, changed(r)));
  CHECK(ids(v) == std::vector<core::Id>{3, 2, 1});
  CHECK(v.page.rows[1].client.display_name == "Анна");
  CHECK(v.page.total == 3);
  CHECK(v.page.counts[0].total == 3);
}

TEST_CASE("a new message moves a row to its sorted place") {
  app::ListView v = new_view();
  CHECK(app::apply(v, message(make_row(1, 5000, core::DialogMode::New, "Клиент", 1), 5000)));
  CHECK(ids(v) == std::vector<core::Id>{1, 3, 2});
  CHECK(v.page.total == 3);
  CHECK(v.page.counts[0].total == 3);
  CHECK(v.page.counts[0].unread == 1);
}

TEST_CASE("a dialog created by a message enters at its sorted place and is counted") {
  app::ListView v = new_view();
  core::DialogRow r = make_row(9, 2500, core::DialogMode::New, "Новый", 1);
  r.dialog.created_at = 2500;
  CHECK(app::apply(v, message(r, 2500)));
  CHECK(ids(v) == std::vector<core::Id>{3, 9, 2, 1});
  CHECK(v.page.total == 4);
  CHECK(v.page.counts[0].total == 4);
  CHECK(v.page.counts[0].unread == 1);
}

TEST_CASE("a row that no longer matches leaves, and its mode's counts follow") {
  app::ListView v = new_view();
  v.selection.click(2);
  CHECK(app::apply(v, changed(make_row(2, 2000, core::DialogMode::Accepted))));
  CHECK(ids(v) == std::vector<core::Id>{3, 1});
  CHECK(v.page.total == 2);
  CHECK(v.page.counts[0].total == 2);
  CHECK(v.page.counts[1].total == 11);
  CHECK_FALSE(v.selection.contains(2));
}

TEST_CASE("a row that stops matching the search leaves the view") {
  app::ListView v = new_view();
  v.query.filter.search = "клиент";
  CHECK(app::apply(v, changed(make_row(3, 3000, core::DialogMode::New, "Пётр"))));
  CHECK(ids(v) == std::vector<core::Id>{2, 1});
  CHECK(v.page.counts[0].total == 2);
}

TEST_CASE("a dialog from another mode enters a complete view") {
  app::ListView v = new_view();
  CHECK(app::apply(v, changed(make_row(7, 1500, core::DialogMode::New))));
  CHECK(ids(v) == std::vector<core::Id>{3, 2, 7, 1});
  CHECK(v.page.total == 4);
  CHECK(v.page.counts[0].total == 4);
}

TEST_CASE("a new dialog that does not match the view changes only its mode's count") {
  app::ListView v = new_view();
  v.query.filter.search = "клиент";
  core::DialogRow r = make_row(9, 9000, core::DialogMode::New, "Пётр");
  r.dialog.created_at = 9000;
  CHECK(app::apply(v, message(r, 9000)));
  CHECK(ids(v) == std::vector<core::Id>{3, 2, 1});
  CHECK(v.page.counts[0].total == 3);
}

TEST_CASE("ascending order puts an entering row by the same rule") {
  app::ListView v = new_view();
  v.query.sort.descending = false;
  std::reverse(v.page.rows.begin(), v.page.rows.end());
  CHECK(app::apply(v, changed(make_row(8, 2500, core::DialogMode::New))));
  CHECK(ids(v) == std::vector<core::Id>{1, 2, 8, 3});
}

TEST_CASE("a row sorting after a partial window stays beyond it") {
  app::ListView v = new_view();
  v.page.total = 50;  // only the first three are loaded
  CHECK_FALSE(app::apply(v, changed(make_row(20, 500, core::DialogMode::New))));
  CHECK(ids(v) == std::vector<core::Id>{3, 2, 1});
  CHECK(v.page.total == 50);
}

TEST_CASE("other kinds of events leave the view alone") {
  app::ListView v = new_view();
  core::Event e;
  e.kind = core::EventKind::Heartbeat;
  CHECK_FALSE(app::apply(v, e));
  CHECK(ids(v) == std::vector<core::Id>{3, 2, 1});
}
