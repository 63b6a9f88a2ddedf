// The website chat end to end over loopback: a visitor's session, messages
// into the inbox, the operator's answer reaching the visitor's long poll,
// delivery and read receipts moving the operator's ticks.
#include "server/channels_fixture.hpp"

namespace {

using channels_test::ChannelServer;
using channels_test::delivery_of;
using channels_test::eventually;

long long connect_webchat(ChannelServer& s) {
  auto r = s.call("POST", "/api/sources",
                  {{"channel", "webchat"},
                   {"name", "Чат на сайте"},
                   {"settings", {{"greeting", "Здравствуйте! Чем помочь?"}}}});
  REQUIRE(r.status == 201);
  return s.json(r)["id"];
}

struct Visitor {
  ChannelServer& s;
  long long source;
  std::string token;
  Visitor(ChannelServer& server, long long source_id) : s(server), source(source_id) {
    auto r = testclient::fetch(s.port(), "POST", path("/visitors"));
    REQUIRE(r.status == 201);
    token = s.json(r)["token"];
  }
  std::string path(const std::string& rest) const {
    return "/api/webchat/" + std::to_string(source) + rest;
  }
  testclient::Response post(const std::string& rest, const core::Json& body) {
    return testclient::fetch(
        s.port(), "POST", path(rest),
        {{"authorization", "Bearer " + token}, {"content-type", "application/json"}}, body.dump());
  }
  testclient::Response write(const std::string& id, const std::string& text) {
    return post("/messages", {{"id", id}, {"text", text}, {"name", "Ольга"}});
  }
  core::Json poll(long long after, int wait) {
    testclient::HttpClient c(s.port());
    auto r = c.request(
        "GET", path("/messages?after=" + std::to_string(after) + "&wait=" + std::to_string(wait)),
        {{"authorization", "Bearer " + token}}, "", std::chrono::seconds(wait + 5));
    REQUIRE(r.status == 200);
    return s.json(r)["messages"];
  }
};

}  // namespace

TEST_SUITE("webchat") {
  TEST_CASE("a visitor's message opens a dialog in New, once, whatever the retries") {
    ChannelServer s;
    const long long source = connect_webchat(s);
    auto config =
        testclient::fetch(s.port(), "GET", "/api/webchat/" + std::to_string(source) + "/config");
    CHECK(config.status == 200);
    CHECK(s.json(config)["greeting"] == "Здравствуйте! Чем помочь?");
    CHECK(s.json(config)["name"] == "Чат на сайте");

    Visitor v(s, source);
    CHECK(v.write("m1", "Можно заказать на завтра?").status == 201);
    CHECK(v.write("m1", "Можно заказать на завтра?").status == 200);  // the page's retry
    const std::vector<core::Json> rows = s.rows_of(source);
    REQUIRE(rows.size() == 1);
    CHECK(rows[0]["dialog"]["mode"] == "new");
    CHECK(rows[0]["client"]["display_name"] == "Ольга");
    CHECK(s.messages_of(rows[0]["dialog"]["id"]).size() == 1);
    // The visitor's own poll shows it at once.
    const core::Json mine = v.poll(0, 0);
    REQUIRE(mine.size() == 1);
    CHECK(mine[0]["direction"] == "in");
    CHECK(mine[0].contains("author_id") == false);
  }

  TEST_CASE("the operator's answer reaches the waiting poll, and receipts move the ticks") {
    ChannelServer s;
    const long long source = connect_webchat(s);
    Visitor v(s, source);
    v.write("a", "Добрый день");
    const long long first = v.poll(0, 0)[0]["id"];
    const long long dialog = s.rows_of(source)[0]["dialog"]["id"];

    core::Json got;
    std::thread visitor([&] { got = v.poll(first, 10); });
    std::this_thread::sleep_for(std::chrono::milliseconds(300));  // the poll is waiting
    const auto sent_at = std::chrono::steady_clock::now();
    auto sent = s.call("POST", "/api/dialogs/" + std::to_string(dialog) + "/messages",
                       {{"text", "Здравствуйте, Ольга!"}});
    REQUIRE(sent.status == 201);
    const long long answer = s.json(sent)["message"]["id"];
    visitor.join();
    CHECK(std::chrono::steady_clock::now() - sent_at < std::chrono::seconds(3));
    REQUIRE(got.size() == 1);
    CHECK(got[0]["text"] == "Здравствуйте, Ольга!");
    CHECK(got[0]["direction"] == "out");
    CHECK(eventually([&] { return delivery_of(s, dialog, answer) == "sent"; }));

    CHECK(v.post("/receipts", {{"delivered", answer}}).status == 200);
    CHECK(delivery_of(s, dialog, answer) == "delivered");
    CHECK(v.post("/receipts", {{"read", answer}}).status == 200);
    CHECK(delivery_of(s, dialog, answer) == "read");
    CHECK(v.post("/receipts", {{"delivered", answer}}).status == 200);  // late: no step back
    CHECK(delivery_of(s, dialog, answer) == "read");
  }

  TEST_CASE("a note never reaches the visitor") {
    ChannelServer s;
    const long long source = connect_webchat(s);
    Visitor v(s, source);
    v.write("a", "Вопрос");
    const long long first = v.poll(0, 0)[0]["id"];
    const long long dialog = s.rows_of(source)[0]["dialog"]["id"];
    s.call("POST", "/api/dialogs/" + std::to_string(dialog) + "/notes", {{"text", "Внутреннее"}});
    CHECK(v.poll(first, 1).empty());
  }

  TEST_CASE("a visitor sees only its own conversation") {
    ChannelServer s;
    const long long source = connect_webchat(s);
    Visitor a(s, source), b(s, source);
    a.write("1", "Я первый посетитель");
    b.write("1", "Я второй");
    const core::Json seen_by_b = b.poll(0, 0);
    REQUIRE(seen_by_b.size() == 1);
    CHECK(seen_by_b[0]["text"] == "Я второй");
    CHECK(s.rows_of(source).size() == 2);
  }

  TEST_CASE("a bad token, an unknown source and a bad body are refused and keep nothing") {
    ChannelServer s;
    const long long source = connect_webchat(s);
    Visitor v(s, source);
    const std::string base = "/api/webchat/" + std::to_string(source);
    auto no_token =
        testclient::fetch(s.port(), "POST", base + "/messages",
                          {{"content-type", "application/json"}}, R"({"id":"x","text":"hi"})");
    CHECK(no_token.status == 401);
    auto bad_token = testclient::fetch(
        s.port(), "POST", base + "/messages",
        {{"authorization", "Bearer nothex"}, {"content-type", "application/json"}},
        R"({"id":"x","text":"hi"})");
    CHECK(bad_token.status == 401);
    CHECK(testclient::fetch(s.port(), "POST", "/api/webchat/999999/visitors").status == 404);
    // A source of another channel is no website chat.
    const core::Json dir = s.json(s.call("GET", "/api/directory"));
    const long long telegram = dir["sources"][0]["id"];
    CHECK(testclient::fetch(s.port(), "POST",
                            "/api/webchat/" + std::to_string(telegram) + "/visitors")
              .status == 404);
    CHECK(v.post("/messages", core::Json::object()).status == 400);
    auto empty = v.post("/messages", core::Json::object());
    CHECK(s.json(empty)["error"]["message"] == "id: required and not blank");
    CHECK(v.post("/messages", {{"id", "1"}, {"text", "   "}}).status == 400);
    CHECK(v.post("/messages", {{"id", "1"}, {"text", 5}}).status == 400);
    auto broken = testclient::fetch(
        s.port(), "POST", base + "/messages",
        {{"authorization", "Bearer " + v.token}, {"content-type", "application/json"}},
        "{\"id\":\"1\",\"text\":\"\xC3\x28\"}");
    CHECK(broken.status == 400);
    CHECK(v.post("/receipts", core::Json::object()).status == 404);  // no conversation yet
    CHECK(s.rows_of(source).empty());
  }

  TEST_CASE("a disabled website chat takes no visitors") {
    ChannelServer s;
    const long long source = connect_webchat(s);
    Visitor v(s, source);
    REQUIRE(
        s.call("PATCH", "/api/sources/" + std::to_string(source), {{"enabled", false}}).status ==
        200);
    CHECK(v.write("1", "Есть кто?").status == 404);
    CHECK(testclient::fetch(s.port(), "POST", v.path("/visitors")).status == 404);
  }
}
