// The wire of the list's windows, bulk actions and writing first.
#include <doctest/doctest.h>

#include "core/codec.hpp"
#include "net/api_wire.hpp"

TEST_CASE("a window's URL carries the view and the encoded cursor") {
  core::ViewQuery q;
  q.mode = core::DialogMode::Accepted;
  const std::string url = net::window_url(q, 200, "1700:42/+=");
  CHECK(url.find("api/dialogs?mode=accepted") == 0);
  CHECK(url.find("&limit=200") != std::string::npos);
  CHECK(url.size() - url.find("&cursor=1700%3A42%2F%2B%3D") == 26);
}

TEST_CASE("a list body's next_cursor is read; none or null means the last window") {
  const std::string base = R"({"rows": [], "total": 0)";
  CHECK(net::parse_list_page(base + R"(, "next_cursor": "abc"})").next_cursor == "abc");
  CHECK(net::parse_list_page(base + R"(, "next_cursor": ""})").next_cursor.empty());
  CHECK(net::parse_list_page(base + R"(, "next_cursor": null})").next_cursor.empty());
  CHECK(net::parse_list_page(base + "}").next_cursor.empty());
  CHECK_THROWS_AS(net::parse_list_page(base + R"(, "next_cursor": 5})"), core::DecodeError);
}

TEST_CASE("a bulk body names ids or the query, and the results decode per dialog") {
  core::BulkRequest r;
  r.command.action = core::BulkAction::Assign;
  r.command.operator_id = 4;
  r.selection.dialog_ids = {1, 2};
  const core::Json body = core::parse_json(net::bulk_body(r));
  CHECK(body["command"]["action"] == "assign");
  CHECK(body["command"]["operator_id"] == 4);
  CHECK(body["selection"]["dialog_ids"] == core::Json::array({1, 2}));

  const auto results = net::parse_bulk_results(
      R"({"results": [{"dialog_id": 1, "outcome": "applied", "error": ""},
                      {"dialog_id": 2, "outcome": "refused", "error": "archived"}]})");
  REQUIRE(results.size() == 2);
  CHECK(results[1].outcome == core::BulkOutcome::Refused);
  CHECK(results[1].error == "archived");
  CHECK_THROWS_AS(net::parse_bulk_results(R"({"results": [{"outcome": "maybe"}]})"),
                  core::DecodeError);
}

TEST_CASE("write-first and me bodies") {
  const core::Json body = core::parse_json(net::write_first_body(3, "+7 999", "Привет"));
  CHECK(body == core::Json{{"source_id", 3}, {"to", "+7 999"}, {"text", "Привет"}});
  CHECK(net::me_operator_id(R"({"operator": {"id": 12, "name": "Анна"}, "account": {}})") == 12);
  CHECK(net::me_operator_id("nonsense") == core::kNoId);
}
