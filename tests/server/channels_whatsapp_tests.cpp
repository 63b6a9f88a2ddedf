// The WhatsApp Cloud API connector against a fake Graph API on loopback:
// connecting with a token and a phone number id, the webhook's handshake and
// signature, messages and media in, replies and files out, statuses as
// receipts, the 24-hour window and its template, retries.
#include "fakes/fake_whatsapp.hpp"
#include "server/channels_fixture.hpp"

namespace {

using channels_test::ChannelServer;
using channels_test::delivery_of;
using channels_test::eventually;
using channels_test::message_of;
using channels_test::only_dialog;
using channels_test::reply;
using fakes::FakeWhatsApp;

const std::string kAppSecret = "app-secret-for-tests";
const std::string kVerifyToken = "verify-me-42";
const std::string kClient = "79161234567";
constexpr core::TimeMs kHour = 60 * 60 * 1000;

core::Json source_body(FakeWhatsApp& wa, const core::Json& extra_settings = core::Json::object()) {
  core::Json settings = {{"base_url", wa.base_url()},
                         {"phone_number_id", FakeWhatsApp::kPhoneNumberId}};
  for (const auto& [k, v] : extra_settings.items()) settings[k] = v;
  return {{"channel", "whatsapp"},
          {"name", "WhatsApp магазина"},
          {"credentials",
           {{"access_token", FakeWhatsApp::kToken},
            {"app_secret", kAppSecret},
            {"verify_token", kVerifyToken}}},
          {"settings", settings}};
}

long long connect_wa(ChannelServer& s, FakeWhatsApp& wa,
                     const core::Json& extra_settings = core::Json::object()) {
  auto r = s.call("POST", "/api/sources", source_body(wa, extra_settings));
  REQUIRE(r.status == 201);
  return s.json(r)["id"];
}

// Posts a notification to the source's webhook as Meta would, signed with `secret`.
testclient::Response post_hook(ChannelServer& s, long long source, const std::string& body,
                               const std::string& signature) {
  testclient::Headers headers = {{"content-type", "application/json"}};
  if (!signature.empty()) headers.emplace_back("x-hub-signature-256", signature);
  return testclient::fetch(s.port(), "POST", "/api/hooks/" + std::to_string(source), headers, body);
}

testclient::Response post_signed(ChannelServer& s, long long source, const core::Json& body) {
  const std::string raw = body.dump();
  return post_hook(s, source, raw, fakes::hub_signature(raw, kAppSecret));
}

// A dialog opened by the client's message, whose last message is then made
// `age` old in the store: the fixture's clock is the real one, and ingest
// stamps a message with it.
long long dialog_written_ago(ChannelServer& s, long long source, core::TimeMs age) {
  REQUIRE(post_signed(s, source, fakes::text_notification(kClient, "Анна", "wamid.OLD", "Привет"))
              .status == 200);
  const core::Json row = only_dialog(s, source);
  const long long dialog = row["dialog"]["id"];
  const core::Id account = row["dialog"]["account_id"];
  std::lock_guard<std::mutex> lock(s.commit_order);
  std::optional<core::DialogRow> stored = (*s.store).dialog(account, dialog);
  REQUIRE(stored);
  stored->dialog.last_inbound_at = e2e::wall_clock() - age;
  (*s.store).save_dialog(stored->dialog);
  return dialog;
}

}  // namespace

TEST_SUITE("whatsapp") {
  TEST_CASE("the test's signature is HMAC-SHA256 as RFC 4231 computes it") {
    // RFC 4231, test case 2: the helper the tests sign with is checked on its own.
    CHECK(fakes::hub_signature("what do ya want for nothing?", "Jefe") ==
          "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  }

  TEST_CASE(
      "connecting checks the token and the number with the Graph API; no secret is answered") {
    ChannelServer s;
    FakeWhatsApp wa;
    const core::Json before = s.json(s.call("GET", "/api/sources"));
    core::Json wrong = source_body(wa);
    wrong["credentials"]["access_token"] = "EAAG-wrong";
    auto refused = s.call("POST", "/api/sources", wrong);
    CHECK(refused.status == 422);
    const std::string why = s.json(refused)["error"]["message"];
    CHECK(why.find("refused the access token") != std::string::npos);
    CHECK(why.find("EAAG-wrong") == std::string::npos);
    core::Json no_number = source_body(wa);
    no_number["settings"].erase("phone_number_id");
    CHECK(s.call("POST", "/api/sources", no_number).status == 422);
    core::Json no_secret = source_body(wa);
    no_secret["credentials"].erase("app_secret");
    CHECK(s.call("POST", "/api/sources", no_secret).status == 422);
    CHECK(s.json(s.call("GET", "/api/sources"))["sources"].size() == before["sources"].size());

    const long long id = connect_wa(s, wa);
    const std::vector<fakes::GraphCall> checks = wa.calls("number");
    REQUIRE(!checks.empty());
    CHECK(checks.back().method == "GET");
    CHECK(checks.back().version == "v21.0");
    CHECK(checks.back().path == FakeWhatsApp::kPhoneNumberId);
    CHECK(checks.back().query.at("fields") == "display_phone_number,verified_name");
    const core::Json mine = s.json(s.call("GET", "/api/sources/" + std::to_string(id)));
    CHECK(mine["address"] == FakeWhatsApp::kDisplayNumber);
    CHECK(mine["settings"]["verified_name"] == "Ромашка");
    CHECK(mine["settings"]["webhook_url"] ==
          "http://127.0.0.1:" + std::to_string(s.port()) + "/api/hooks/" + std::to_string(id));
    CHECK(mine["credential_keys"].size() == 3);
    for (const char* path : {"/api/sources", "/api/directory", "/api/me"}) {
      const std::string body = s.call("GET", path).body;
      CHECK(body.find(FakeWhatsApp::kToken) == std::string::npos);
      CHECK(body.find(kAppSecret) == std::string::npos);
      CHECK(body.find(kVerifyToken) == std::string::npos);
    }
    CHECK(s.call("GET", "/api/sources/" + std::to_string(id)).body.find(kAppSecret) ==
          std::string::npos);
  }

  TEST_CASE("the webhook's handshake answers the challenge for the verify token only") {
    ChannelServer s;
    FakeWhatsApp wa;
    const long long id = connect_wa(s, wa);
    const std::string hook = "/api/hooks/" + std::to_string(id);
    auto ok = testclient::fetch(
        s.port(), "GET",
        hook + "?hub.mode=subscribe&hub.verify_token=" + kVerifyToken + "&hub.challenge=1158201444",
        {}, "");
    CHECK(ok.status == 200);
    CHECK(ok.body == "1158201444");
    CHECK(ok.header("content-type").rfind("text/plain", 0) == 0);
    auto wrong = testclient::fetch(
        s.port(), "GET", hook + "?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1", {},
        "");
    CHECK(wrong.status == 403);
    CHECK(wrong.body.find('1') == std::string::npos);
    auto no_token =
        testclient::fetch(s.port(), "GET", hook + "?hub.mode=subscribe&hub.challenge=1", {}, "");
    CHECK(no_token.status == 403);
    auto other_mode = testclient::fetch(
        s.port(), "GET",
        hook + "?hub.mode=unsubscribe&hub.verify_token=" + kVerifyToken + "&hub.challenge=1", {},
        "");
    CHECK(other_mode.status == 403);
  }

  TEST_CASE("a notification without the app's signature is refused and keeps nothing") {
    ChannelServer s;
    FakeWhatsApp wa;
    const long long id = connect_wa(s, wa);
    const std::string body = fakes::text_notification(kClient, "Анна", "wamid.A", "Привет").dump();
    CHECK(post_hook(s, id, body, "").status == 401);
    CHECK(post_hook(s, id, body, fakes::hub_signature(body, "another-app")).status == 401);
    CHECK(post_hook(s, id, body, fakes::hub_signature(body + " ", kAppSecret)).status == 401);
    const std::string hex_only = fakes::hub_signature(body, kAppSecret).substr(7);
    CHECK(post_hook(s, id, body, hex_only).status == 401);
    CHECK(post_hook(s, id, body, "sha256=zz").status == 401);
    const std::string malformed = "{\"entry\": [";
    CHECK(post_hook(s, id, malformed, fakes::hub_signature(malformed, kAppSecret)).status == 400);
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    CHECK(s.rows_of(id).empty());
    // The same notification, signed: taken.
    CHECK(post_hook(s, id, body, fakes::hub_signature(body, kAppSecret)).status == 200);
    only_dialog(s, id);
  }

  TEST_CASE("a client's text opens a dialog with the client's name and phone, once") {
    ChannelServer s;
    FakeWhatsApp wa;
    const long long id = connect_wa(s, wa);
    const core::Json in =
        fakes::text_notification(kClient, "Анна Котова", "wamid.IN1", "Есть ли доставка?");
    REQUIRE(post_signed(s, id, in).status == 200);
    // Meta repeats a notification it got no 200 for: the repeat changes nothing.
    REQUIRE(post_signed(s, id, in).status == 200);
    const core::Json row = only_dialog(s, id);
    CHECK(row["client"]["display_name"] == "Анна Котова");
    CHECK(row["client"]["phone"] == kClient);
    CHECK(row["dialog"]["mode"] == "new");
    const long long dialog = row["dialog"]["id"];
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    const std::vector<core::Json> messages = s.messages_of(dialog);
    REQUIRE(messages.size() == 1);
    CHECK(messages[0]["text"] == "Есть ли доставка?");
    CHECK(messages[0]["external_id"] == "wamid.IN1");
  }

  TEST_CASE("a notification for another phone number of the business is not this source's") {
    ChannelServer s;
    FakeWhatsApp wa;
    const long long id = connect_wa(s, wa);
    core::Json other = fakes::text_notification(kClient, "Анна", "wamid.X", "Привет");
    other["entry"][0]["changes"][0]["value"]["metadata"]["phone_number_id"] = "999000999";
    CHECK(post_signed(s, id, other).status == 200);
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    CHECK(s.rows_of(id).empty());
  }

  TEST_CASE("a client's picture is fetched by its media id and kept as an upload") {
    ChannelServer s;
    FakeWhatsApp wa;
    const long long id = connect_wa(s, wa);
    wa.add_media("MEDIA-1", "\xFF\xD8\xFF\xE0 jpeg bytes", "image/jpeg");
    REQUIRE(post_signed(s, id,
                        fakes::image_notification(kClient, "Анна", "wamid.IMG", "MEDIA-1",
                                                  "Вот так сломалось"))
                .status == 200);
    const long long dialog = only_dialog(s, id)["dialog"]["id"];
    const std::vector<core::Json> messages = s.messages_of(dialog);
    REQUIRE(messages.size() == 1);
    CHECK(messages[0]["text"] == "Вот так сломалось");
    REQUIRE(messages[0]["attachments"].size() == 1);
    const core::Json a = messages[0]["attachments"][0];
    CHECK(a["mime"] == "image/jpeg");
    REQUIRE(wa.count("media_url") == 1);
    CHECK(wa.calls("media_url")[0].path == "MEDIA-1");
    CHECK(wa.count("download") == 1);
    CHECK(wa.unauthorized() == 0);  // the download carried the token too
    auto file = s.call("GET", a["url"].get<std::string>());
    CHECK(file.status == 200);
    CHECK(file.body == "\xFF\xD8\xFF\xE0 jpeg bytes");
  }

  TEST_CASE("a reply reaches /messages once, is sent with its wamid, then delivered and read") {
    ChannelServer s;
    FakeWhatsApp wa;
    const long long id = connect_wa(s, wa);
    post_signed(s, id, fakes::text_notification(kClient, "Анна", "wamid.IN1", "Привет"));
    const long long dialog = only_dialog(s, id)["dialog"]["id"];
    const long long message = reply(s, dialog, "Да, по всей России");
    REQUIRE(wa.wait_for("messages", 1));
    const fakes::GraphCall call = wa.calls("messages")[0];
    CHECK(call.method == "POST");
    CHECK(call.body["messaging_product"] == "whatsapp");
    CHECK(call.body["to"] == kClient);
    CHECK(call.body["type"] == "text");
    CHECK(call.body["text"]["body"] == "Да, по всей России");
    CHECK(eventually([&] { return delivery_of(s, dialog, message) == "sent"; }));
    CHECK(message_of(s, dialog, message)["external_id"] == "wamid.TEST1");
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    CHECK(wa.count("messages") == 1);  // once

    REQUIRE(post_signed(s, id, fakes::status_notification("wamid.TEST1", "delivered", kClient))
                .status == 200);
    CHECK(eventually([&] { return delivery_of(s, dialog, message) == "delivered"; }));
    post_signed(s, id, fakes::status_notification("wamid.TEST1", "read", kClient));
    CHECK(eventually([&] { return delivery_of(s, dialog, message) == "read"; }));
    // Statuses come out of order: a late "delivered" or "sent" takes nothing back.
    post_signed(s, id, fakes::status_notification("wamid.TEST1", "delivered", kClient));
    post_signed(s, id, fakes::status_notification("wamid.TEST1", "sent", kClient));
    std::this_thread::sleep_for(std::chrono::milliseconds(400));
    CHECK(delivery_of(s, dialog, message) == "read");
  }

  TEST_CASE("a failed status marks the message failed with WhatsApp's reason") {
    ChannelServer s;
    FakeWhatsApp wa;
    const long long id = connect_wa(s, wa);
    post_signed(s, id, fakes::text_notification(kClient, "Анна", "wamid.IN1", "Привет"));
    const long long dialog = only_dialog(s, id)["dialog"]["id"];
    const long long message = reply(s, dialog, "Ответ");
    REQUIRE(eventually([&] { return delivery_of(s, dialog, message) == "sent"; }));
    post_signed(s, id,
                fakes::status_notification("wamid.TEST1", "failed", kClient, 131026,
                                           "Message Undeliverable"));
    CHECK(eventually([&] { return delivery_of(s, dialog, message) == "failed"; }));
    const std::string why = message_of(s, dialog, message)["delivery_error"];
    CHECK(why.find("Message Undeliverable") != std::string::npos);
  }

  TEST_CASE("outside the 24-hour window a reply fails without calling WhatsApp and says why") {
    ChannelServer s;
    FakeWhatsApp wa;
    const long long id = connect_wa(s, wa);
    const long long dialog = dialog_written_ago(s, id, 25 * kHour);
    const long long message = reply(s, dialog, "Вы ещё здесь?");
    REQUIRE(eventually([&] { return delivery_of(s, dialog, message) == "failed"; }));
    const std::string why = message_of(s, dialog, message)["delivery_error"];
    CHECK(why.find("24-hour window is closed") != std::string::npos);
    CHECK(why.find("template") != std::string::npos);
    CHECK(wa.count("messages") == 0);

    // The client writes again: the window opens and the next reply goes.
    post_signed(s, id, fakes::text_notification(kClient, "Анна", "wamid.NEW", "Да, здесь"));
    REQUIRE(eventually([&] { return s.messages_of(dialog).size() == 3; }));
    const long long second = reply(s, dialog, "Отлично");
    CHECK(eventually([&] { return delivery_of(s, dialog, second) == "sent"; }));
    CHECK(wa.count("messages") == 1);
  }

  TEST_CASE("a reply within the window goes, however old the dialog's first message") {
    ChannelServer s;
    FakeWhatsApp wa;
    const long long id = connect_wa(s, wa);
    const long long dialog = dialog_written_ago(s, id, 23 * kHour);
    const long long message = reply(s, dialog, "Ещё успеваем");
    CHECK(eventually([&] { return delivery_of(s, dialog, message) == "sent"; }));
    CHECK(wa.count("messages") == 1);
  }

  TEST_CASE(
      "outside the window with a template configured, the template goes and the dialog says so") {
    ChannelServer s;
    FakeWhatsApp wa;
    const long long id = connect_wa(s, wa, {{"window_template", "hello_again"}});
    const long long dialog = dialog_written_ago(s, id, 30 * kHour);
    const long long message = reply(s, dialog, "Вы ещё здесь?");
    REQUIRE(wa.wait_for("messages", 1));
    const fakes::GraphCall call = wa.calls("messages")[0];
    CHECK(call.body["type"] == "template");
    CHECK(call.body["to"] == kClient);
    CHECK(call.body["template"]["name"] == "hello_again");
    CHECK(call.body["template"]["language"]["code"] == "ru");
    CHECK_FALSE(call.body.contains("text"));
    CHECK(eventually([&] { return delivery_of(s, dialog, message) == "sent"; }));
    bool said = false;
    for (const core::Json& m : s.messages_of(dialog)) {
      if (m["kind"] == "system" &&
          m["text"].get<std::string>().find("hello_again") != std::string::npos) {
        said = true;
      }
    }
    CHECK(said);
    CHECK(wa.count("messages") == 1);
  }

  TEST_CASE("writing first to a client who never wrote needs the template") {
    ChannelServer s;
    FakeWhatsApp wa;
    const long long plain = connect_wa(s, wa);
    auto refused =
        s.call("POST", "/api/write-first",
               {{"source_id", plain}, {"to", "+7 916 000-00-01"}, {"text", "Здравствуйте"}});
    REQUIRE(refused.status == 201);
    const long long d1 = s.json(refused)["row"]["dialog"]["id"];
    const long long m1 = s.json(refused)["message"]["id"];
    CHECK(eventually([&] { return delivery_of(s, d1, m1) == "failed"; }));
    CHECK(wa.count("messages") == 0);

    const long long with_template = connect_wa(s, wa, {{"window_template", "first_contact"}});
    auto sent =
        s.call("POST", "/api/write-first",
               {{"source_id", with_template}, {"to", "79160000002"}, {"text", "Здравствуйте"}});
    REQUIRE(sent.status == 201);
    const long long d2 = s.json(sent)["row"]["dialog"]["id"];
    const long long m2 = s.json(sent)["message"]["id"];
    CHECK(eventually([&] { return delivery_of(s, d2, m2) == "sent"; }));
    REQUIRE(wa.count("messages") == 1);
    CHECK(wa.calls("messages")[0].body["to"] == "79160000002");
    CHECK(wa.calls("messages")[0].body["template"]["name"] == "first_contact");
  }

  TEST_CASE("WhatsApp's own 131047 fails the reply with the window's reason, not retried") {
    ChannelServer s;
    FakeWhatsApp wa;
    const long long id = connect_wa(s, wa);
    post_signed(s, id, fakes::text_notification(kClient, "Анна", "wamid.IN1", "Привет"));
    const long long dialog = only_dialog(s, id)["dialog"]["id"];
    wa.fail_next("messages", 1, 131047);
    const long long message = reply(s, dialog, "Ответ");
    REQUIRE(eventually([&] { return delivery_of(s, dialog, message) == "failed"; }));
    CHECK(message_of(s, dialog, message)["delivery_error"].get<std::string>().find(
              "24-hour window is closed") != std::string::npos);
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    CHECK(wa.count("messages") == 1);
  }

  TEST_CASE("another refusal fails with the API's message and is not retried") {
    ChannelServer s;
    FakeWhatsApp wa;
    const long long id = connect_wa(s, wa);
    post_signed(s, id, fakes::text_notification(kClient, "Анна", "wamid.IN1", "Привет"));
    const long long dialog = only_dialog(s, id)["dialog"]["id"];
    wa.fail_next("messages", 1, 131026);
    const long long message = reply(s, dialog, "Ответ");
    REQUIRE(eventually([&] { return delivery_of(s, dialog, message) == "failed"; }));
    CHECK(message_of(s, dialog, message)["delivery_error"].get<std::string>().find(
              "Message Undeliverable") != std::string::npos);
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    CHECK(wa.count("messages") == 1);
  }

  TEST_CASE("a 130429 rate limit and a 500 are retried, and the reply goes once it passes") {
    ChannelServer s;
    FakeWhatsApp wa;
    const long long id = connect_wa(s, wa);
    post_signed(s, id, fakes::text_notification(kClient, "Анна", "wamid.IN1", "Привет"));
    const long long dialog = only_dialog(s, id)["dialog"]["id"];
    wa.fail_next("messages", 1, 130429);
    wa.fail_next("messages", 1, 500);
    const long long message = reply(s, dialog, "Отвечаем");
    // The refusal shows on the source's health until the next attempt (a second later).
    CHECK(eventually(
        [&] {
          const core::Json health =
              s.json(s.call("GET", "/api/sources/" + std::to_string(id)))["health"];
          return health["last_error"].get<std::string>().find("Rate limit hit") !=
                 std::string::npos;
        },
        std::chrono::milliseconds(900)));
    CHECK(delivery_of(s, dialog, message) == "pending");
    REQUIRE(wa.wait_for("messages", 3, 8000));
    CHECK(eventually([&] { return delivery_of(s, dialog, message) == "sent"; }));
    CHECK(message_of(s, dialog, message)["external_id"] == "wamid.TEST1");
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    CHECK(wa.count("messages") == 3);  // two refused, one that went
  }

  TEST_CASE("an operator's file is uploaded to /media and sent by its id, the text as caption") {
    ChannelServer s;
    FakeWhatsApp wa;
    const long long id = connect_wa(s, wa);
    post_signed(s, id, fakes::text_notification(kClient, "Анна", "wamid.IN1", "Пришлите прайс"));
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
    const long long message = s.json(sent)["message"]["id"];
    REQUIRE(wa.wait_for("messages", 1));
    REQUIRE(wa.count("media") == 1);
    const fakes::GraphCall media = wa.calls("media")[0];
    CHECK(media.body["messaging_product"] == "whatsapp");
    CHECK(media.body["type"] == "application/pdf");
    CHECK(media.file_name == "price.pdf");
    CHECK(media.file_bytes == "%PDF-1.4 price");
    const fakes::GraphCall call = wa.calls("messages")[0];
    CHECK(call.body["type"] == "document");
    CHECK(call.body["document"]["id"] == "UPLOADED-1");
    CHECK(call.body["document"]["filename"] == "price.pdf");
    CHECK(call.body["document"]["caption"] == "Прайс во вложении");
    CHECK(eventually([&] { return delivery_of(s, dialog, message) == "sent"; }));
    CHECK(wa.count("messages") == 1);  // the text went as the caption, not on its own
  }
}
