// Selection of all matching dialogs and bulk actions through the app, against
// the demo backend (the core's bulk rules), with the summary the operator reads.
#include <doctest/doctest.h>

#include <memory>

#include "app/bulk_summary.hpp"
#include "app/inbox_app.hpp"
#include "net/demo_backend.hpp"

namespace {

constexpr core::TimeMs kNow = 1'780'000'000'000;

app::InboxApp make_app() {
  app::InboxApp app(std::make_unique<net::DemoBackend>(1500, kNow));
  app::Intents in;
  in.mode = core::DialogMode::Accepted;
  app.apply(in);
  app.update(kNow);
  return app;
}

void apply(app::InboxApp& app, app::ListIntents list) {
  app::Intents in;
  in.list = std::move(list);
  app.apply(in);
  app.update(kNow);
}

}  // namespace

TEST_CASE("select all matching goes beyond the loaded rows and a click ends it") {
  app::Selection s;
  std::vector<core::DialogRow> rows(3);
  for (int i = 0; i < 3; ++i) rows[i].dialog.id = i + 1;
  s.select_loaded(rows);
  CHECK(s.size() == 3);
  s.select_all_matching();
  CHECK(s.all_matching());
  CHECK(s.contains(999));  // not loaded, still selected
  s.toggle(2);
  CHECK_FALSE(s.all_matching());
  CHECK(s.ids() == std::set<core::Id>{1, 3});
  s.select_all_matching();
  s.clear();
  CHECK(s.empty());
}

TEST_CASE("a bulk request lists the selected ids, or the view's query for all matching") {
  app::ListView v;
  v.query.mode = core::DialogMode::Accepted;
  v.query.filter.search = "анна";
  v.selection.toggle(4);
  v.selection.toggle(2);
  core::BulkCommand assign;
  assign.action = core::BulkAction::Assign;
  assign.operator_id = 3;
  core::BulkRequest r = app::bulk_request(v, assign);
  CHECK(r.selection.dialog_ids == std::vector<core::Id>{2, 4});
  CHECK_FALSE(r.selection.all_matching);
  CHECK(r.command.operator_id == 3);
  v.selection.select_all_matching();
  r = app::bulk_request(v, assign);
  CHECK(r.selection.all_matching);
  CHECK(r.selection.query.filter.search == "анна");
  CHECK(r.selection.query.mode == core::DialogMode::Accepted);
}

TEST_CASE("the summary counts outcomes and quotes why some were refused") {
  std::vector<core::BulkResult> results;
  for (int i = 0; i < 12; ++i) results.push_back({i, core::BulkOutcome::Applied, "", ""});
  results.push_back({20, core::BulkOutcome::Refused, "диалог уже в архиве", ""});
  results.push_back({21, core::BulkOutcome::Refused, "диалог уже в архиве", ""});
  results.push_back({22, core::BulkOutcome::Unchanged, "", ""});
  CHECK(app::summarize_bulk(results, app::Locale::Ru) ==
        "12 применено, 1 без изменений, 2 отклонено: диалог уже в архиве");
  CHECK(app::summarize_bulk(results, app::Locale::En) ==
        "12 applied, 1 unchanged, 2 refused: диалог уже в архиве");
  CHECK_FALSE(app::bulk_all_applied(results));
  CHECK(app::summarize_bulk({}, app::Locale::Ru) == "Ни один диалог не подошёл");
}

TEST_CASE("a refusal with a rule's code is quoted in the operator's language") {
  const std::vector<core::BulkResult> results = {
      {1, core::BulkOutcome::Applied, "", ""},
      {2, core::BulkOutcome::Refused, "Only a New dialog can be accepted", "not_new"}};
  CHECK(app::summarize_bulk(results, app::Locale::Ru) ==
        "1 применено, 1 отклонено: Принять можно только новый диалог");
  CHECK(app::summarize_bulk(results, app::Locale::En) ==
        "1 applied, 1 refused: Only a new dialog can be accepted");
}

TEST_CASE("assigning all matching dialogs reaches rows that were never loaded") {
  app::InboxApp app = make_app();
  const core::Id op = app.directory().operators.back().id;
  const int total = app.list().page.total;
  REQUIRE(total > static_cast<int>(app.list().page.rows.size()));

  app::ListIntents select;
  select.select_all_matching = true;
  apply(app, select);
  REQUIRE(app.list().selection.all_matching());

  app::ListIntents bulk;
  core::BulkCommand assign;
  assign.action = core::BulkAction::Assign;
  assign.operator_id = op;
  bulk.bulk = assign;
  apply(app, bulk);
  CHECK_FALSE(app.bulk().busy);
  CHECK_FALSE(app.bulk().failed);
  CHECK(app.bulk().summary.find(" применено") != std::string::npos);
  CHECK(app.list().selection.empty());

  // Every dialog of the view now has that operator: filter by them and count.
  app::ListIntents by_op;
  by_op.filter = app.filter();
  by_op.filter->responsibles = {op};
  apply(app, by_op);
  CHECK(app.list().page.total == total);
}

TEST_CASE("accepting selected rows moves them out of New, and the summary says so") {
  app::InboxApp app(std::make_unique<net::DemoBackend>(600, kNow));
  app.update(kNow);
  REQUIRE(app.list().page.rows.size() >= 3);
  const core::Id a = app.list().page.rows[0].dialog.id;
  const core::Id b = app.list().page.rows[2].dialog.id;
  app::Intents pick;
  pick.click_row = a;
  pick.toggle = true;
  app.apply(pick);
  pick.click_row = b;
  app.apply(pick);
  REQUIRE(app.list().selection.size() == 2);
  app::ListIntents bulk;
  core::BulkCommand accept;
  accept.action = core::BulkAction::Accept;
  bulk.bulk = accept;
  apply(app, bulk);
  CHECK(app.bulk().summary == "2 применено");
  for (const core::DialogRow& r : app.list().page.rows) {
    CHECK(r.dialog.id != a);
    CHECK(r.dialog.id != b);
  }
}

TEST_CASE("a bulk command with an unknown status is refused as a whole") {
  app::InboxApp app = make_app();
  app::Intents pick;
  pick.click_row = app.list().page.rows[0].dialog.id;
  pick.toggle = true;
  app.apply(pick);
  app::ListIntents bulk;
  core::BulkCommand status;
  status.action = core::BulkAction::SetStatus;
  status.status_id = 987654;
  bulk.bulk = status;
  apply(app, bulk);
  CHECK(app.bulk().failed);
  CHECK_FALSE(app.bulk().summary.empty());
  CHECK(app.list().selection.size() == 1);  // kept, so the operator can try another
}
