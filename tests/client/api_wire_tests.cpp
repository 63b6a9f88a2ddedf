// The HTTP backend's pure half: URLs from view queries, bodies into app data.
#include <doctest/doctest.h>

#include "core/codec.hpp"
#include "net/api_wire.hpp"

TEST_CASE("the default view asks for new dialogs by last message, newest first") {
  CHECK(net::dialogs_url(core::ViewQuery{}, 50) ==
        "api/dialogs?mode=new&sort=last_message&order=desc&limit=50");
}

TEST_CASE("every filter kind becomes its comma-separated parameter") {
  core::ViewQuery q;
  q.mode = core::DialogMode::Archived;
  q.sort = {core::SortKey::Price, false};
  q.filter.channels = {core::ChannelKind::WhatsApp, core::ChannelKind::VK};
  q.filter.sources = {3, 4};
  q.filter.statuses = {0, 7};
  q.filter.responsibles = {2};
  q.filter.tags = {9};
  q.filter.created = {1000, 2000};
  q.filter.last_message = {0, 5000};
  q.filter.types = {core::ReadType::Unread, core::ReadType::Unanswered};
  CHECK(net::dialogs_url(q, 200) ==
        "api/dialogs?mode=archived&sort=price&order=asc&channels=whatsapp%2Cvk&sources=3%2C4"
        "&statuses=0%2C7&responsibles=2&tags=9&created_from=1000&created_to=2000&last_to=5000"
        "&types=unread%2Cunanswered&limit=200");
}

TEST_CASE("a Cyrillic search with spaces and ampersands is percent-encoded") {
  core::ViewQuery q;
  q.filter.search = "Анна & Co";
  const std::string url = net::dialogs_url(q, 10);
  CHECK(url.find("&search=%D0%90%D0%BD%D0%BD%D0%B0%20%26%20Co&") != std::string::npos);
}

TEST_CASE("the events path resumes after the last sequence number") {
  CHECK(net::events_path(-1) == "api/events");         // the first connection
  CHECK(net::events_path(0) == "api/events?after=0");  // a log still empty: miss nothing
  CHECK(net::events_path(42) == "api/events?after=42");
}

TEST_CASE("a list body decodes rows, the view total and counts per mode") {
  core::DialogRow row;
  row.dialog.id = 7;
  row.dialog.mode = core::DialogMode::Accepted;
  row.client.id = 3;
  row.client.display_name = "Анна";
  core::Json body = {{"rows", core::Json::array({core::encode(row)})},
                     {"total", 12},
                     {"counts",
                      {{"new", {{"total", 5}, {"unread", 2}}},
                       {"accepted", {{"total", 12}, {"unread", 1}}},
                       {"archived", {{"total", 0}, {"unread", 0}}}}},
                     {"next_cursor", "abc"}};
  const app::ListPage page = net::parse_list_page(body.dump());
  REQUIRE(page.rows.size() == 1);
  CHECK(page.rows[0].dialog.id == 7);
  CHECK(page.rows[0].client.display_name == "Анна");
  CHECK(page.total == 12);
  CHECK(page.counts[0].total == 5);
  CHECK(page.counts[0].unread == 2);
  CHECK(page.counts[1].total == 12);
}

TEST_CASE("malformed or mistyped list bodies throw a DecodeError, never crash") {
  CHECK_THROWS_AS(net::parse_list_page("<html>"), core::DecodeError);
  CHECK_THROWS_AS(net::parse_list_page(""), core::DecodeError);
  CHECK_THROWS_AS(net::parse_list_page("[1,2]"), core::DecodeError);
  CHECK_THROWS_AS(net::parse_list_page(R"({"rows": [], "total": "many"})"), core::DecodeError);
  CHECK_THROWS_AS(net::parse_list_page(R"({"rows": [{"dialog": 1}], "total": 1})"),
                  core::DecodeError);
}

TEST_CASE("the directory body decodes its lists") {
  core::Operator op;
  op.id = 1;
  op.name = "Ольга";
  op.role = core::Role::Owner;
  core::Json body = {{"operators", core::Json::array({core::encode(op)})},
                     {"sources", core::Json::array()},
                     {"statuses", core::Json::array()},
                     {"tags", core::Json::array()},
                     {"templates", core::Json::array()},
                     {"channels", core::Json::array()}};
  const core::Directory d = net::parse_directory(body.dump());
  REQUIRE(d.operators.size() == 1);
  CHECK(d.operators[0].name == "Ольга");
  CHECK_THROWS_AS(net::parse_directory("{\"operators\": 5}"), core::DecodeError);
}

TEST_CASE("an error body yields its message; anything else yields nothing") {
  CHECK(net::error_message(R"({"error":{"code":"unauthorized","message":"wrong login"}})") ==
        "wrong login");
  CHECK(net::error_message("Bad Gateway").empty());
  CHECK(net::error_message(R"({"ok":true})").empty());
}

TEST_CASE("a failed request becomes a code to word and the server's own text") {
  auto f = net::failure_of(0, "");
  CHECK((f.code == "offline" && f.message.empty()));
  CHECK(net::failure_of(401, R"({"error":{"code":"unauthorized","message":"expired"}})").code ==
        "session_expired");
  f = net::failure_of(
      422, R"({"error":{"code":"refused","reason":"not_new","message":"Only a new dialog"}})");
  CHECK((f.code == "not_new" && f.message == "Only a new dialog"));
  f = net::failure_of(400, R"({"error":{"code":"bad_request","message":"tag_ids[2]: bad"}})");
  CHECK((f.code == "bad_request" && f.message == "tag_ids[2]: bad"));
  f = net::failure_of(502, "<html>Bad Gateway</html>");
  CHECK((f.code == "server_error" && f.message == "HTTP 502"));
  f = net::failure_of(500, R"({"error":{"message":"no code"}})");
  CHECK((f.code == "server_error" && f.message == "HTTP 500"));
}

TEST_CASE("reconnect delays double from 1 s and stop at 15 s") {
  CHECK(net::reconnect_delay_ms(0) == 1000);
  CHECK(net::reconnect_delay_ms(1) == 2000);
  CHECK(net::reconnect_delay_ms(2) == 4000);
  CHECK(net::reconnect_delay_ms(3) == 8000);
  CHECK(net::reconnect_delay_ms(4) == 15000);
  CHECK(net::reconnect_delay_ms(40) == 15000);
}

TEST_CASE("a page of messages and the answers of dialog actions are read") {
  const auto messages = net::parse_messages(
      R"({"messages":[{"attachments":[],"author_id":0,"created_at":1794955041890,"delivery":"sent",)"
      R"("dialog_id":154,"direction":"in","external_id":"demo-156","id":156,"kind":"text",)"
      R"("reply_to":"direct","text":"Хочу оформить заказ"}],"next_before":0})");
  REQUIRE(messages.size() == 1);
  CHECK(messages[0].id == 156);
  CHECK(messages[0].text == "Хочу оформить заказ");

  core::DialogRow row;
  row.dialog.id = 5;
  row.dialog.mode = core::DialogMode::Accepted;
  core::Message m;
  m.id = 9;
  m.dialog_id = 5;
  m.text = "Ответ";
  const net::DialogAnswer sent = net::parse_dialog_answer(
      core::Json{{"message", core::encode(m)}, {"row", core::encode(row)}}.dump());
  REQUIRE(sent.row);
  REQUIRE(sent.message);
  CHECK(sent.message->text == "Ответ");
  const net::DialogAnswer accepted = net::parse_dialog_answer(core::encode(row).dump());
  REQUIRE(accepted.row);
  CHECK(accepted.row->dialog.mode == core::DialogMode::Accepted);
  CHECK_FALSE(accepted.message);
  CHECK(net::messages_url(5, 100) == "api/dialogs/5/messages?limit=100");
  CHECK(net::dialog_url(5, "accept") == "api/dialogs/5/accept");
}

TEST_CASE("each dialog change is the API's request for it") {
  using core::DialogChange;
  auto r = net::change_request(5, DialogChange::status(3));
  CHECK(r.method == "PUT");
  CHECK(r.url == "api/dialogs/5/status");
  CHECK(r.body == R"({"status_id":3})");
  r = net::change_request(5, DialogChange::responsible(core::kNoId));
  CHECK(r.body == R"({"operator_id":null})");
  r = net::change_request(5, DialogChange::add_tag(9));
  CHECK((r.method == "POST" && r.url == "api/dialogs/5/tags" && r.body == R"({"tag_ids":[9]})"));
  r = net::change_request(5, DialogChange::remove_tag(9));
  CHECK((r.method == "DELETE" && r.url == "api/dialogs/5/tags/9"));
  r = net::change_request(5, DialogChange::set_price(150000));
  CHECK((r.method == "PUT" && r.body == R"({"price":150000})"));
  r = net::change_request(5, DialogChange::set_fields({{"Город", "Казань"}}));
  CHECK(r.body == R"({"fields":[{"name":"Город","value":"Казань"}]})");
  r = net::change_request(5, DialogChange::add_task("Позвонить", 1000, 2));
  CHECK((r.method == "POST" && r.url == "api/dialogs/5/tasks"));
  CHECK(r.body == R"({"assignee_id":2,"due":1000,"text":"Позвонить"})");
  r = net::change_request(5, DialogChange::task_done(77, true));
  CHECK((r.method == "PATCH" && r.url == "api/dialogs/5/tasks/77" && r.body == R"({"done":true})"));
  r = net::change_request(5, DialogChange::edit_task(77, "Позвонить в 15:00", 0, core::kNoId));
  CHECK((r.method == "PATCH" && r.url == "api/dialogs/5/tasks/77"));
  CHECK(r.body == R"({"assignee_id":null,"due":null,"text":"Позвонить в 15:00"})");
  r = net::change_request(5, DialogChange::delete_task(77));
  CHECK((r.method == "DELETE" && r.url == "api/dialogs/5/tasks/77"));
  CHECK(net::change_request(5, DialogChange::accept()).url == "api/dialogs/5/accept");
  CHECK(net::change_request(5, DialogChange::mark_unread()).url == "api/dialogs/5/unread");
}

TEST_CASE("the composer's message, reply in comments and note are the API's requests") {
  net::Outgoing m;
  m.text = "Здравствуйте";
  auto r = net::send_request(5, m);
  CHECK((r.url == "api/dialogs/5/messages" && r.body == R"({"text":"Здравствуйте"})"));
  m.reply_to = core::ReplyTarget::Comment;
  m.attachments.push_back({"счёт.pdf", "application/pdf", "/api/uploads/ab", 10});
  r = net::send_request(5, m);
  CHECK(r.body == R"({"attachments":[{"mime":"application/pdf","name":"счёт.pdf","size":10,)"
                  R"("url":"/api/uploads/ab"}],"reply_to":"comment","text":"Здравствуйте"})");
  m.note = true;
  r = net::send_request(5, m);
  CHECK((r.url == "api/dialogs/5/notes" && r.body == R"({"text":"Здравствуйте"})"));
  CHECK(net::messages_url(5, 42, 100) == "api/dialogs/5/messages?before=42&limit=100");
  CHECK(net::parse_message_page(R"({"messages":[],"next_before":17})").next_before == 17);
}
