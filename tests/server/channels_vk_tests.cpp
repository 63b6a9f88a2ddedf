// The VK community connector against a fake VK API on loopback: connecting
// with a community token, the Callback API's confirmation and secret,
// private messages and wall comments in, messages.send and
// wall.createComment out, VK's errors, and random_id keeping a retry from
// sending twice.
#include "fakes/fake_vk.hpp"
#include "server/channels_fixture.hpp"

namespace {

using channels_test::ChannelServer;
using channels_test::delivery_of;
using channels_test::eventually;
using channels_test::message_of;
using channels_test::only_dialog;
using channels_test::reply;
using fakes::FakeVk;

const std::string kToken = "vk1.a.community-token-TEST";
const std::string kSecret = "s3cr3t-callback-key";
const std::string kConfirmation = "a1b2c3d4";
constexpr long long kGroup = 218001;

long long connect_vk(ChannelServer& s, FakeVk& vk) {
  auto r =
      s.call("POST", "/api/sources",
             {{"channel", "vk"},
              {"name", "Сообщество ВК"},
              {"credentials",
               {{"access_token", kToken}, {"secret", kSecret}, {"confirmation", kConfirmation}}},
              {"settings", {{"base_url", vk.base_url()}}}});
  REQUIRE(r.status == 201);
  return s.json(r)["id"];
}

// Posts an event to the source's Callback API address as VK would.
testclient::Response post_event(ChannelServer& s, long long source, const core::Json& event) {
  return testclient::fetch(s.port(), "POST", "/api/hooks/" + std::to_string(source),
                           {{"content-type", "application/json"}}, event.dump());
}

core::Json event(const std::string& type, const core::Json& object,
                 const std::string& secret = kSecret) {
  static int n = 0;
  return {{"type", type}, {"group_id", kGroup}, {"event_id", "ev" + std::to_string(++n)},
          {"v", "5.199"}, {"secret", secret},   {"object", object}};
}

// message_new as API 5.199 shapes it: the message under object.message.
core::Json message_new(long long user, long long cmid, const std::string& text,
                       const core::Json& attachments = core::Json::array()) {
  return event("message_new", {{"message",
                                {{"date", 1700000000},
                                 {"from_id", user},
                                 {"id", 9000 + cmid},
                                 {"out", 0},
                                 {"attachments", attachments},
                                 {"conversation_message_id", cmid},
                                 {"fwd_messages", core::Json::array()},
                                 {"important", false},
                                 {"is_hidden", false},
                                 {"peer_id", user},
                                 {"random_id", 0},
                                 {"text", text}}},
                               {"client_info", {{"keyboard", true}, {"lang_id", 0}}}});
}

core::Json wall_reply_new(long long user, long long post, long long comment,
                          const std::string& text) {
  return event("wall_reply_new", {{"id", comment},
                                  {"from_id", user},
                                  {"date", 1700000100},
                                  {"text", text},
                                  {"post_owner_id", -kGroup},
                                  {"owner_id", -kGroup},
                                  {"post_id", post},
                                  {"parents_stack", core::Json::array()}});
}

}  // namespace

TEST_SUITE("vk") {
  TEST_CASE("connecting checks the token with groups.getById, and no secret is ever answered") {
    ChannelServer s;
    FakeVk vk(kToken, kGroup);
    const core::Json before = s.json(s.call("GET", "/api/sources"));
    auto refused = s.call(
        "POST", "/api/sources",
        {{"channel", "vk"},
         {"name", "Чужой токен"},
         {"credentials",
          {{"access_token", "vk1.a.wrong"}, {"secret", kSecret}, {"confirmation", kConfirmation}}},
         {"settings", {{"base_url", vk.base_url()}}}});
    CHECK(refused.status == 422);
    const std::string reason = s.json(refused)["error"]["message"];
    CHECK(reason.find("User authorization failed: invalid access_token") != std::string::npos);
    CHECK(reason.find("vk1.a.wrong") == std::string::npos);
    auto no_secret = s.call("POST", "/api/sources",
                            {{"channel", "vk"},
                             {"name", "Без ключа"},
                             {"credentials", {{"access_token", kToken}}},
                             {"settings", {{"base_url", vk.base_url()}}}});
    CHECK(no_secret.status == 422);
    CHECK(s.json(s.call("GET", "/api/sources"))["sources"].size() == before["sources"].size());

    const long long id = connect_vk(s, vk);
    CHECK(vk.count("groups.getById") == 2);  // the refused token, then this one
    CHECK(vk.calls("groups.getById").back().params.at("v") == "5.199");
    const core::Json mine = s.json(s.call("GET", "/api/sources/" + std::to_string(id)));
    CHECK(mine["channel"] == "vk");
    CHECK(mine["address"] == "romashka_shop");
    CHECK(mine["settings"]["group_id"] == kGroup);
    CHECK(mine["credential_keys"].size() == 3);
    for (const char* path : {"/api/sources", "/api/directory", "/api/me"}) {
      const std::string body = s.call("GET", path).body;
      CHECK(body.find(kToken) == std::string::npos);
      CHECK(body.find(kSecret) == std::string::npos);
    }
  }

  TEST_CASE("the confirmation request is answered with the stored string") {
    ChannelServer s;
    FakeVk vk(kToken, kGroup);
    const long long id = connect_vk(s, vk);
    auto r = post_event(s, id, {{"type", "confirmation"}, {"group_id", kGroup}});
    CHECK(r.status == 200);
    CHECK(r.body == kConfirmation);
    CHECK(r.headers["content-type"].find("text/plain") == 0);
    // Another community's confirmation is not this source's.
    auto other = post_event(s, id, {{"type", "confirmation"}, {"group_id", kGroup + 1}});
    CHECK(other.status == 403);
    CHECK(other.body != kConfirmation);
  }

  TEST_CASE("an event without the right secret is refused and keeps nothing") {
    ChannelServer s;
    FakeVk vk(kToken, kGroup);
    const long long id = connect_vk(s, vk);
    CHECK(post_event(s, id, message_new(501, 1, "Здравствуйте")).status == 200);
    only_dialog(s, id);  // the right secret is taken: the checks below can fail

    auto wrong = post_event(s, id, event("message_new", message_new(502, 1, "x")["object"], "no"));
    CHECK(wrong.status == 403);
    CHECK(wrong.body != "ok");
    core::Json unsigned_event = message_new(503, 1, "y");
    unsigned_event.erase("secret");
    CHECK(post_event(s, id, unsigned_event).status == 403);
    auto malformed = testclient::fetch(s.port(), "POST", "/api/hooks/" + std::to_string(id),
                                       {{"content-type", "application/json"}}, "{\"type\": ");
    CHECK(malformed.status == 400);
    CHECK(post_event(s, 999999, message_new(504, 1, "z")).status == 404);
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    CHECK(s.rows_of(id).size() == 1);
  }

  TEST_CASE("a private message opens a dialog live, and a reply goes once with messages.send") {
    ChannelServer s;
    FakeVk vk(kToken, kGroup);
    vk.add_user(777001, "Ольга", "Смирнова");
    const long long id = connect_vk(s, vk);
    auto r = post_event(s, id, message_new(777001, 15, "Сколько стоит букет?"));
    CHECK(r.status == 200);
    CHECK(r.body == "ok");
    // VK repeats an event it did not hear "ok" for: the repeat adds nothing.
    CHECK(post_event(s, id, message_new(777001, 15, "Сколько стоит букет?")).body == "ok");
    const core::Json row = only_dialog(s, id);
    CHECK(row["client"]["display_name"] == "Ольга Смирнова");
    CHECK(row["dialog"]["mode"] == "new");
    CHECK(!row["dialog"].contains("post"));
    const long long dialog = row["dialog"]["id"];
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    const std::vector<core::Json> in = s.messages_of(dialog);
    REQUIRE(in.size() == 1);
    CHECK(in[0]["external_id"] == "msg:777001:15");
    CHECK(in[0]["text"] == "Сколько стоит букет?");

    const long long message = reply(s, dialog, "От 1500 ₽ & доставка");
    REQUIRE(vk.wait_for("messages.send", 1));
    const fakes::VkCall call = vk.calls("messages.send")[0];
    CHECK(call.params.at("peer_id") == "777001");
    CHECK(call.params.at("message") ==
          "От 1500 ₽ & доставка");  // form-encoded, decoded back
    CHECK(std::stoll(call.params.at("random_id")) > 0);
    CHECK(call.params.at("access_token") == kToken);
    CHECK(eventually([&] { return delivery_of(s, dialog, message) == "sent"; }));
    CHECK(message_of(s, dialog, message)["external_id"] == "out:777001:7000");
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    CHECK(vk.count("messages.send") == 1);
    CHECK(vk.delivered() == 1);
  }

  TEST_CASE("the community's own messages and other events are answered ok and kept not") {
    ChannelServer s;
    FakeVk vk(kToken, kGroup);
    const long long id = connect_vk(s, vk);
    core::Json own = message_new(-kGroup, 3, "Автоответ сообщества");
    CHECK(post_event(s, id, own).body == "ok");
    CHECK(post_event(s, id, event("group_join", {{"user_id", 42}, {"join_type", "join"}})).body ==
          "ok");
    CHECK(post_event(s, id, wall_reply_new(-kGroup, 10, 5, "Ответ от сообщества")).body == "ok");
    CHECK(post_event(s, id, message_new(808, 1, "А это клиент")).body == "ok");
    const core::Json row = only_dialog(s, id);  // the client's message alone
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    CHECK(s.messages_of(row["dialog"]["id"]).size() == 1);
    CHECK(s.rows_of(id).size() == 1);
  }

  TEST_CASE("a wall comment opens a dialog with its post; replies go to comments or direct") {
    ChannelServer s;
    FakeVk vk(kToken, kGroup);
    const long long id = connect_vk(s, vk);
    REQUIRE(post_event(s, id, wall_reply_new(606, 42, 1001, "А есть розы?")).body == "ok");
    const core::Json row = only_dialog(s, id);
    const std::string post = "-" + std::to_string(kGroup) + "_42";
    REQUIRE(row["dialog"].contains("post"));
    CHECK(row["dialog"]["post"]["external_id"] == post);
    CHECK(row["dialog"]["post"]["url"] == "https://vk.com/wall" + post);
    const long long dialog = row["dialog"]["id"];
    const std::vector<core::Json> in = s.messages_of(dialog);
    REQUIRE(in.size() == 1);
    CHECK(in[0]["external_id"] == "wall:" + post + ":1001");
    CHECK(in[0]["reply_to"] == "comment");

    const long long in_comments = reply(s, dialog, "Есть, красные и белые", "comment");
    REQUIRE(vk.wait_for("wall.createComment", 1));
    const fakes::VkCall comment = vk.calls("wall.createComment")[0];
    CHECK(comment.params.at("owner_id") == "-" + std::to_string(kGroup));
    CHECK(comment.params.at("post_id") == "42");
    CHECK(comment.params.at("from_group") == std::to_string(kGroup));
    CHECK(comment.params.at("message") == "Есть, красные и белые");
    CHECK(eventually([&] { return delivery_of(s, dialog, in_comments) == "sent"; }));
    CHECK(message_of(s, dialog, in_comments)["external_id"] == "wall:" + post + ":300");
    CHECK(vk.count("messages.send") == 0);

    const long long direct = reply(s, dialog, "Напишу вам в личные", "direct");
    REQUIRE(vk.wait_for("messages.send", 1));
    CHECK(vk.calls("messages.send")[0].params.at("peer_id") == "606");
    CHECK(eventually([&] { return delivery_of(s, dialog, direct) == "sent"; }));
    CHECK(vk.count("wall.createComment") == 1);
  }

  TEST_CASE("error 6 is retried after a second and the message goes once") {
    ChannelServer s;
    FakeVk vk(kToken, kGroup);
    const long long id = connect_vk(s, vk);
    post_event(s, id, message_new(321, 1, "Алло"));
    const long long dialog = only_dialog(s, id)["dialog"]["id"];
    vk.fail_next("messages.send", 1, 6, "Too many requests per second");
    const auto started = std::chrono::steady_clock::now();
    const long long message = reply(s, dialog, "Слушаю");
    REQUIRE(vk.wait_for("messages.send", 2, 8000));
    CHECK(std::chrono::steady_clock::now() - started >= std::chrono::milliseconds(1000));
    CHECK(eventually([&] { return delivery_of(s, dialog, message) == "sent"; }));
    const std::vector<fakes::VkCall> calls = vk.calls("messages.send");
    CHECK(calls.size() == 2);
    CHECK(calls[0].params.at("random_id") == calls[1].params.at("random_id"));
    CHECK(vk.delivered() == 1);
  }

  TEST_CASE("an answer lost after VK sent the message: the retry's random_id sends nothing more") {
    ChannelServer s;
    FakeVk vk(kToken, kGroup);
    const long long id = connect_vk(s, vk);
    post_event(s, id, message_new(654, 1, "Вопрос"));
    const long long dialog = only_dialog(s, id)["dialog"]["id"];
    vk.lose_next_answer("messages.send", 1);
    const long long message = reply(s, dialog, "Ответ, который дошёл");
    CHECK(eventually([&] { return delivery_of(s, dialog, message) == "sent"; },
                     std::chrono::seconds(8)));
    const std::vector<fakes::VkSent> sent = vk.sent();
    REQUIRE(sent.size() == 2);
    CHECK(!sent[0].duplicate);
    CHECK(sent[1].duplicate);  // VK saw the same random_id and sent nothing
    CHECK(vk.delivered() == 1);
    CHECK(message_of(s, dialog, message)["external_id"] == "out:654:" + std::to_string(sent[0].id));
  }

  TEST_CASE("error 901 fails with VK's reason; the operator's retry keeps the random_id") {
    ChannelServer s;
    FakeVk vk(kToken, kGroup);
    const long long id = connect_vk(s, vk);
    post_event(s, id, message_new(999, 1, "Добрый день"));
    const long long dialog = only_dialog(s, id)["dialog"]["id"];
    vk.fail_next("messages.send", 1, 10, "Internal server error");
    vk.deny_messages(999);
    const long long message = reply(s, dialog, "Здравствуйте!");
    CHECK(eventually([&] { return delivery_of(s, dialog, message) == "failed"; },
                     std::chrono::seconds(8)));
    CHECK(message_of(s, dialog, message)["delivery_error"] ==
          "Can't send messages for users without permission");
    const std::size_t tries = vk.count("messages.send");
    CHECK(tries == 2);  // error 10 retried, 901 not
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    CHECK(vk.count("messages.send") == tries);
    const core::Json health = s.json(s.call("GET", "/api/sources/" + std::to_string(id)))["health"];
    CHECK(health["last_error"] == "Can't send messages for users without permission");

    vk.allow_messages(999);
    auto again = s.call("POST", "/api/dialogs/" + std::to_string(dialog) + "/messages/" +
                                    std::to_string(message) + "/retry");
    CHECK(again.status == 200);
    CHECK(eventually([&] { return delivery_of(s, dialog, message) == "sent"; }));
    const std::vector<fakes::VkCall> calls = vk.calls("messages.send");
    REQUIRE(calls.size() == 3);
    CHECK(calls[2].params.at("random_id") == calls[0].params.at("random_id"));
    CHECK(vk.delivered() == 1);
  }

  TEST_CASE("a photo in a message is fetched and kept as an upload; a sticker is named") {
    ChannelServer s;
    FakeVk vk(kToken, kGroup);
    const long long id = connect_vk(s, vk);
    vk.add_file("big.jpg", "\xFF\xD8\xFF\xE0 big photo");
    vk.add_file("small.jpg", "\xFF\xD8\xFF\xE0 small");
    const core::Json photo = {
        {"type", "photo"},
        {"photo",
         {{"id", 1},
          {"owner_id", 111},
          {"sizes",
           {{{"type", "s"}, {"width", 75}, {"height", 56}, {"url", vk.file_url("small.jpg")}},
            {{"type", "x"}, {"width", 604}, {"height", 453}, {"url", vk.file_url("big.jpg")}}}}}}};
    const core::Json sticker = {{"type", "sticker"}, {"sticker", {{"sticker_id", 9}}}};
    REQUIRE(post_event(s, id, message_new(111, 4, "Вот такой", {photo, sticker})).body == "ok");
    const long long dialog = only_dialog(s, id)["dialog"]["id"];
    const std::vector<core::Json> messages = s.messages_of(dialog);
    REQUIRE(messages.size() == 1);
    CHECK(messages[0]["text"] == "Вот такой\n[sticker]");
    REQUIRE(messages[0]["attachments"].size() == 1);
    const core::Json a = messages[0]["attachments"][0];
    CHECK(a["mime"] == "image/jpeg");
    auto file = s.call("GET", a["url"].get<std::string>());
    CHECK(file.status == 200);
    CHECK(file.body == "\xFF\xD8\xFF\xE0 big photo");
  }
}
