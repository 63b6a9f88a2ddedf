// The Telegram bot connector against a fake Bot API on loopback: connecting
// with a token, the webhook's secret, long polling with a durable offset,
// files, replies, receipts of the channel's errors, retries.
#include "fakes/fake_telegram.hpp"
#include "server/channels_fixture.hpp"

namespace {

using channels_test::ChannelServer;
using channels_test::delivery_of;
using channels_test::eventually;
using channels_test::only_dialog;
using fakes::FakeTelegram;

const std::string kToken = "123456:TEST-token";

core::Json text_update(long long chat, long long message_id, const std::string& text) {
  return {{"update_id", 10000 + chat * 100 + message_id},
          {"message",
           {{"message_id", message_id},
            {"from",
             {{"id", chat},
              {"is_bot", false},
              {"first_name", "Анна"},
              {"last_name", "Котова"},
              {"username", "anna_k"}}},
            {"chat", {{"id", chat}, {"type", "private"}, {"first_name", "Анна"}}},
            {"date", 1700000000},
            {"text", text}}}};
}

long long connect_bot(ChannelServer& s, FakeTelegram& tg, const std::string& mode) {
  auto r = s.call("POST", "/api/sources",
                  {{"channel", "telegram_bot"},
                   {"name", "Бот магазина"},
                   {"credentials", {{"token", kToken}}},
                   {"settings", {{"base_url", tg.base_url()}, {"mode", mode}}}});
  REQUIRE(r.status == 201);
  return s.json(r)["id"];
}

// Posts an update to the source's webhook as Telegram would.
testclient::Response post_hook(ChannelServer& s, long long source, const std::string& secret,
                               const core::Json& update) {
  return testclient::fetch(
      s.port(), "POST", "/api/hooks/" + std::to_string(source),
      {{"content-type", "application/json"}, {"x-telegram-bot-api-secret-token", secret}},
      update.dump());
}

}  // namespace

TEST_SUITE("telegram") {
  TEST_CASE("connecting checks the token with getMe, and the token is never answered") {
    ChannelServer s;
    FakeTelegram tg(kToken);
    auto refused = s.call("POST", "/api/sources",
                          {{"channel", "telegram_bot"},
                           {"name", "Не тот бот"},
                           {"credentials", {{"token", "999:wrong"}}},
                           {"settings", {{"base_url", tg.base_url()}}}});
    CHECK(refused.status == 422);
    CHECK(s.json(refused)["error"]["message"].get<std::string>().find("refused the bot token") !=
          std::string::npos);
    const core::Json before = s.json(s.call("GET", "/api/sources"));

    const long long id = connect_bot(s, tg, "webhook");
    const core::Json sources = s.json(s.call("GET", "/api/sources"));
    CHECK(sources["sources"].size() == before["sources"].size() + 1);
    core::Json mine;
    for (const core::Json& src : sources["sources"]) {
      if (src["id"] == id) mine = src;
    }
    CHECK(mine["address"] == "@shop_bot");
    CHECK(mine["enabled"] == true);
    CHECK(mine["credential_keys"].dump().find("token") != std::string::npos);
    // The secret appears nowhere an operator can read.
    for (const char* path : {"/api/sources", "/api/directory", "/api/me"}) {
      const std::string body = s.call("GET", path).body;
      CHECK(body.find(kToken) == std::string::npos);
      CHECK(body.find(tg.webhook_secret()) == std::string::npos);
    }
    CHECK(tg.webhook_url() ==
          "http://127.0.0.1:" + std::to_string(s.port()) + "/api/hooks/" + std::to_string(id));
    CHECK(tg.webhook_secret().size() >= 32);
  }

  TEST_CASE("a manager cannot connect or list sources") {
    ChannelServer s;
    FakeTelegram tg(kToken);
    const std::string manager = s.login("maria@romashka.ru");
    CHECK(s.call("GET", "/api/sources", nullptr, manager).status == 403);
    auto r = s.call("POST", "/api/sources",
                    {{"channel", "telegram_bot"},
                     {"name", "x"},
                     {"credentials", {{"token", kToken}}},
                     {"settings", {{"base_url", tg.base_url()}}}},
                    manager);
    CHECK(r.status == 403);
    CHECK(tg.count("getMe") == 0);
  }

  TEST_CASE("a webhook call without the right secret is refused and keeps nothing") {
    ChannelServer s;
    FakeTelegram tg(kToken);
    const long long id = connect_bot(s, tg, "webhook");
    CHECK(post_hook(s, id, "wrong", text_update(42, 1, "Здравствуйте")).status == 401);
    CHECK(post_hook(s, id, "", text_update(42, 2, "Здравствуйте")).status == 401);
    CHECK(post_hook(s, 999999, tg.webhook_secret(), text_update(42, 3, "x")).status == 404);
    auto malformed = testclient::fetch(s.port(), "POST", "/api/hooks/" + std::to_string(id),
                                       {{"content-type", "application/json"},
                                        {"x-telegram-bot-api-secret-token", tg.webhook_secret()}},
                                       "{\"update_id\": ");
    CHECK(malformed.status == 400);
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    CHECK(s.rows_of(id).empty());
  }

  TEST_CASE("a message through the webhook opens a dialog, and a reply reaches the chat") {
    ChannelServer s;
    FakeTelegram tg(kToken);
    const long long id = connect_bot(s, tg, "webhook");
    REQUIRE(
        post_hook(s, id, tg.webhook_secret(), text_update(4242, 7, "Есть ли доставка?")).status ==
        200);
    // Telegram repeats an update it got no 200 for: the repeat changes nothing.
    REQUIRE(
        post_hook(s, id, tg.webhook_secret(), text_update(4242, 7, "Есть ли доставка?")).status ==
        200);
    const core::Json row = only_dialog(s, id);
    CHECK(row["client"]["display_name"] == "Анна Котова");
    CHECK(row["client"]["nick"] == "anna_k");
    CHECK(row["dialog"]["mode"] == "new");
    const long long dialog = row["dialog"]["id"];
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    CHECK(s.messages_of(dialog).size() == 1);

    auto sent = s.call("POST", "/api/dialogs/" + std::to_string(dialog) + "/messages",
                       {{"text", "Да, по всей России"}});
    REQUIRE(sent.status == 201);
    CHECK(s.json(sent)["message"]["delivery"] == "pending");
    const long long message = s.json(sent)["message"]["id"];
    REQUIRE(tg.wait_for("sendMessage", 1));
    const fakes::BotCall call = tg.calls("sendMessage")[0];
    CHECK(call.params["chat_id"] == "4242");
    CHECK(call.params["text"] == "Да, по всей России");
    CHECK(eventually([&] { return delivery_of(s, dialog, message) == "sent"; }));
    for (const core::Json& m : s.messages_of(dialog)) {
      if (m["id"] == message) CHECK(m["external_id"] == "4242:500");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    CHECK(tg.count("sendMessage") == 1);  // once
  }

  TEST_CASE("a note is never sent to the chat") {
    ChannelServer s;
    FakeTelegram tg(kToken);
    const long long id = connect_bot(s, tg, "webhook");
    post_hook(s, id, tg.webhook_secret(), text_update(77, 1, "Привет"));
    const long long dialog = only_dialog(s, id)["dialog"]["id"];
    REQUIRE(s.call("POST", "/api/dialogs/" + std::to_string(dialog) + "/notes",
                   {{"text", "Клиент VIP, скидка 10%"}})
                .status == 201);
    std::this_thread::sleep_for(std::chrono::milliseconds(400));
    CHECK(tg.count("sendMessage") == 0);
  }

  TEST_CASE("a 429 is waited out for its retry_after and the message goes once") {
    ChannelServer s;
    FakeTelegram tg(kToken);
    const long long id = connect_bot(s, tg, "webhook");
    post_hook(s, id, tg.webhook_secret(), text_update(55, 1, "Алло"));
    const long long dialog = only_dialog(s, id)["dialog"]["id"];
    tg.fail_next("sendMessage", 1, 429, "Too Many Requests: retry after 1", 1);
    const auto started = std::chrono::steady_clock::now();
    auto sent = s.call("POST", "/api/dialogs/" + std::to_string(dialog) + "/messages",
                       {{"text", "Отвечаем"}});
    const long long message = s.json(sent)["message"]["id"];
    REQUIRE(tg.wait_for("sendMessage", 2, 8000));
    CHECK(std::chrono::steady_clock::now() - started >= std::chrono::milliseconds(1000));
    CHECK(eventually([&] { return delivery_of(s, dialog, message) == "sent"; }));
    const core::Json sources = s.json(s.call("GET", "/api/sources/" + std::to_string(id)));
    CHECK(tg.count("sendMessage") == 2);           // the refused one and the one that went
    CHECK(sources["health"]["last_error"] == "");  // cleared by the success
  }

  TEST_CASE(
      "a 500 and a peer that is down are retried; a block by the user fails with its reason") {
    ChannelServer s;
    FakeTelegram tg(kToken);
    const long long id = connect_bot(s, tg, "webhook");
    post_hook(s, id, tg.webhook_secret(), text_update(61, 1, "Вопрос"));
    const long long dialog = only_dialog(s, id)["dialog"]["id"];

    tg.fail_next("sendMessage", 1, 500, "Internal Server Error");
    auto first = s.call("POST", "/api/dialogs/" + std::to_string(dialog) + "/messages",
                        {{"text", "Первый ответ"}});
    const long long m1 = s.json(first)["message"]["id"];
    CHECK(
        eventually([&] { return delivery_of(s, dialog, m1) == "sent"; }, std::chrono::seconds(8)));

    tg.go_down();
    auto second = s.call("POST", "/api/dialogs/" + std::to_string(dialog) + "/messages",
                         {{"text", "Второй ответ"}});
    const long long m2 = s.json(second)["message"]["id"];
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    CHECK(delivery_of(s, dialog, m2) == "pending");
    const core::Json health = s.json(s.call("GET", "/api/sources/" + std::to_string(id)))["health"];
    CHECK(health["last_error"].get<std::string>().find("could not be reached") !=
          std::string::npos);
    tg.come_up();
    CHECK(
        eventually([&] { return delivery_of(s, dialog, m2) == "sent"; }, std::chrono::seconds(10)));

    tg.block_chat("61");
    auto third = s.call("POST", "/api/dialogs/" + std::to_string(dialog) + "/messages",
                        {{"text", "Третий ответ"}});
    const long long m3 = s.json(third)["message"]["id"];
    CHECK(eventually([&] { return delivery_of(s, dialog, m3) == "failed"; }));
    for (const core::Json& m : s.messages_of(dialog)) {
      if (m["id"] == m3) CHECK(m["delivery_error"] == "Forbidden: bot was blocked by the user");
    }
    const std::size_t tries = tg.count("sendMessage");
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    CHECK(tg.count("sendMessage") == tries);  // a refusal is not retried

    // The operator retries it from the dialog once the user unblocked the bot.
    const std::string retry =
        "/api/dialogs/" + std::to_string(dialog) + "/messages/" + std::to_string(m3) + "/retry";
    tg.unblock_chat("61");
    auto again = s.call("POST", retry);
    CHECK(again.status == 200);
    CHECK(s.json(again)["message"]["delivery"] == "pending");
    CHECK(eventually([&] { return delivery_of(s, dialog, m3) == "sent"; }));
    CHECK(s.call("POST", retry).status == 409);  // only a failed one can be retried
    const std::string m1_retry =
        "/api/dialogs/" + std::to_string(dialog) + "/messages/" + std::to_string(m1) + "/retry";
    CHECK(s.call("POST", m1_retry).status == 409);
  }

  TEST_CASE("polling reads updates with a durable offset: a restart neither loses nor repeats") {
    ChannelServer s;
    FakeTelegram tg(kToken);
    const long long id = connect_bot(s, tg, "polling");
    CHECK(tg.webhook_url().empty());
    CHECK(tg.count("deleteWebhook") == 1);
    tg.queue_update(text_update(900, 1, "Первое"));
    tg.queue_update(text_update(900, 2, "Второе"));
    const core::Json row = only_dialog(s, id);
    const long long dialog = row["dialog"]["id"];
    REQUIRE(eventually([&] { return s.messages_of(dialog).size() == 2; }));

    s.restart_channels();
    tg.queue_update(text_update(900, 3, "Третье"));
    REQUIRE(eventually([&] { return s.messages_of(dialog).size() == 3; }));
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    const std::vector<core::Json> all = s.messages_of(dialog);
    REQUIRE(all.size() == 3);
    CHECK(all[0]["text"] == "Первое");
    CHECK(all[2]["text"] == "Третье");
    // Every later getUpdates asked past what was taken.
    const std::vector<fakes::BotCall> polls = tg.calls("getUpdates");
    CHECK(polls.back().params["offset"].get<long long>() >= 1003);
  }

  TEST_CASE("a photo is fetched with getFile and kept as an upload of the dialog") {
    ChannelServer s;
    FakeTelegram tg(kToken);
    const long long id = connect_bot(s, tg, "webhook");
    tg.add_file("PHOTO-big", "\xFF\xD8\xFF\xE0 jpeg bytes");
    core::Json update = text_update(31, 9, "");
    update["message"].erase("text");
    update["message"]["caption"] = "Вот так сломалось";
    update["message"]["photo"] = {{{"file_id", "PHOTO-small"}, {"width", 90}, {"height", 90}},
                                  {{"file_id", "PHOTO-big"}, {"width", 1280}, {"height", 960}}};
    REQUIRE(post_hook(s, id, tg.webhook_secret(), update).status == 200);
    const long long dialog = only_dialog(s, id)["dialog"]["id"];
    const std::vector<core::Json> messages = s.messages_of(dialog);
    REQUIRE(messages.size() == 1);
    CHECK(messages[0]["text"] == "Вот так сломалось");
    REQUIRE(messages[0]["attachments"].size() == 1);
    const core::Json a = messages[0]["attachments"][0];
    CHECK(a["mime"] == "image/jpeg");
    CHECK(tg.calls("getFile")[0].params["file_id"] == "PHOTO-big");
    auto file = s.call("GET", a["url"].get<std::string>());
    CHECK(file.status == 200);
    CHECK(file.body == "\xFF\xD8\xFF\xE0 jpeg bytes");
  }

  TEST_CASE("an operator's file goes with sendDocument, the text as its caption") {
    ChannelServer s;
    FakeTelegram tg(kToken);
    const long long id = connect_bot(s, tg, "webhook");
    post_hook(s, id, tg.webhook_secret(), text_update(88, 1, "Пришлите прайс"));
    const long long dialog = only_dialog(s, id)["dialog"]["id"];
    auto upload = testclient::fetch(s.port(), "POST", "/api/uploads",
                                    {{"authorization", "Bearer " + s.owner},
                                     {"content-type", "application/pdf"},
                                     {"x-file-name", "price.pdf"}},
                                    "%PDF-1.4 price");
    REQUIRE(upload.status == 201);
    auto sent = s.call("POST", "/api/dialogs/" + std::to_string(dialog) + "/messages",
                       {{"text", "Прайс во вложении"}, {"attachments", {s.json(upload)}}});
    REQUIRE(sent.status == 201);
    REQUIRE(tg.wait_for("sendDocument", 1));
    const fakes::BotCall call = tg.calls("sendDocument")[0];
    CHECK(call.params["chat_id"] == "88");
    CHECK(call.params["caption"] == "Прайс во вложении");
    CHECK(call.file_name == "price.pdf");
    CHECK(call.file_bytes == "%PDF-1.4 price");
    CHECK(tg.count("sendMessage") == 0);
  }

  TEST_CASE("a disabled source takes no webhook calls and sends nothing") {
    ChannelServer s;
    FakeTelegram tg(kToken);
    const long long id = connect_bot(s, tg, "webhook");
    post_hook(s, id, tg.webhook_secret(), text_update(12, 1, "Привет"));
    const long long dialog = only_dialog(s, id)["dialog"]["id"];
    REQUIRE(s.call("PATCH", "/api/sources/" + std::to_string(id), {{"enabled", false}}).status ==
            200);
    CHECK(post_hook(s, id, tg.webhook_secret(), text_update(12, 2, "Ещё")).status == 404);
    auto sent =
        s.call("POST", "/api/dialogs/" + std::to_string(dialog) + "/messages", {{"text", "Ответ"}});
    const long long message = s.json(sent)["message"]["id"];
    CHECK(eventually([&] { return delivery_of(s, dialog, message) == "failed"; }));
    CHECK(tg.count("sendMessage") == 0);
  }
}
