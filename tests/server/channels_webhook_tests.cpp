// The generic webhook channel against a fake callback receiver on loopback:
// connecting, signed messages and batches in, a forged signature refused,
// the operator's reply out signed with its Idempotency-Key, retries on 503,
// a 400's reason, and receipts.
#include "fakes/fake_receiver.hpp"
#include "server/channels/webhook.hpp"
#include "server/channels_fixture.hpp"

namespace {

using channels_test::ChannelServer;
using channels_test::delivery_of;
using channels_test::eventually;
using channels_test::message_of;
using channels_test::reply;
using fakes::FakeReceiver;
using server::channels::webhook_signature;

const std::string kSecret = "9f2c1e7a5b3d4c6e8f0a1b2c3d4e5f60";

long long connect_webhook(ChannelServer& s, FakeReceiver& receiver) {
  auto r = s.call("POST", "/api/sources",
                  {{"channel", "webhook"},
                   {"name", "Наша CRM"},
                   {"credentials", {{"secret", kSecret}}},
                   {"settings", {{"callback_url", receiver.callback_url()}}}});
  REQUIRE(r.status == 201);
  return s.json(r)["id"];
}

// Posts a body to the source's hook, signed as the documentation says.
testclient::Response post_signed(ChannelServer& s, long long source, const std::string& body,
                                 const std::string& secret = kSecret) {
  return testclient::fetch(s.port(), "POST", "/api/hooks/" + std::to_string(source),
                           {{"content-type", "application/json"},
                            {"x-chats-signature", webhook_signature(secret, body)}},
                           body);
}

core::Json message(const std::string& id, const std::string& identity, const std::string& text) {
  return {{"external_id", id},
          {"client", {{"identity", identity}, {"name", "Анна Петрова"}, {"phone", "79161234567"}}},
          {"text", text}};
}

std::vector<core::Json> rows_eventually(ChannelServer& s, long long source, std::size_t n) {
  std::vector<core::Json> rows;
  eventually([&] {
    rows = s.rows_of(source);
    return rows.size() == n;
  });
  return rows;
}

// A dialog opened by one signed message; its id.
long long dialog_with(ChannelServer& s, long long source, const std::string& identity) {
  REQUIRE(post_signed(s, source, message("m-1", identity, "Здравствуйте").dump()).status == 200);
  const std::vector<core::Json> rows = rows_eventually(s, source, 1);
  REQUIRE(rows.size() == 1);
  return rows[0]["dialog"]["id"];
}

}  // namespace

TEST_SUITE("webhook") {
  TEST_CASE("connecting needs a callback URL and a secret, and the secret is never answered") {
    ChannelServer s;
    FakeReceiver receiver(kSecret);
    auto no_url = s.call(
        "POST", "/api/sources",
        {{"channel", "webhook"}, {"name", "Без адреса"}, {"credentials", {{"secret", kSecret}}}});
    CHECK(no_url.status == 422);
    CHECK(s.json(no_url)["error"]["message"].get<std::string>().find("callback_url") !=
          std::string::npos);
    auto ftp = s.call("POST", "/api/sources",
                      {{"channel", "webhook"},
                       {"name", "FTP"},
                       {"credentials", {{"secret", kSecret}}},
                       {"settings", {{"callback_url", "ftp://example.ru/in"}}}});
    CHECK(ftp.status == 422);
    auto short_secret = s.call("POST", "/api/sources",
                               {{"channel", "webhook"},
                                {"name", "Короткий секрет"},
                                {"credentials", {{"secret", "12345"}}},
                                {"settings", {{"callback_url", receiver.callback_url()}}}});
    CHECK(short_secret.status == 422);
    CHECK(s.json(short_secret)["error"]["message"].get<std::string>().find("secret") !=
          std::string::npos);

    const long long id = connect_webhook(s, receiver);
    const core::Json sources = s.json(s.call("GET", "/api/sources"));
    bool listed = false;
    for (const core::Json& c : sources["connectable"]) listed = listed || c == "webhook";
    CHECK(listed);
    const core::Json mine = s.json(s.call("GET", "/api/sources/" + std::to_string(id)));
    CHECK(mine["channel"] == "webhook");
    CHECK(mine["credential_keys"] == core::Json::array({"secret"}));
    CHECK(mine["settings"]["callback_url"] == receiver.callback_url());
    CHECK(mine["address"].get<std::string>().rfind("http://127.0.0.1:", 0) == 0);
    CHECK(mine["address"].get<std::string>().find("/api/receiver") == std::string::npos);
    for (const char* path : {"/api/sources", "/api/directory", "/api/me"}) {
      CHECK(s.call("GET", path).body.find(kSecret) == std::string::npos);
    }
    CHECK(receiver.count() == 0);  // connecting calls nobody
  }

  TEST_CASE("a signed message opens a dialog live, with the client's name and phone") {
    ChannelServer s;
    FakeReceiver receiver(kSecret);
    const long long id = connect_webhook(s, receiver);
    testclient::WsClient ws(s.port(), "/api/events?token=" + s.owner);
    REQUIRE(ws.open());
    for (;;) {  // up to hello: what came before is the backlog
      std::optional<std::string> e = ws.read();
      REQUIRE(e);
      if (core::Json::parse(*e)["kind"] == "hello") break;
    }
    auto r = post_signed(s, id, message("crm-77", "client-42", "Где мой заказ №1234?").dump());
    CHECK(r.status == 200);
    CHECK(s.json(r)["ok"] == true);
    core::Json added;
    for (int i = 0; i < 20 && added.is_null(); ++i) {
      std::optional<std::string> e = ws.read();
      REQUIRE(e);
      const core::Json event = core::Json::parse(*e);
      if (event["kind"] == "message_added") added = event;
    }
    REQUIRE(!added.is_null());
    CHECK(added["message"]["text"] == "Где мой заказ №1234?");
    CHECK(added["message"]["external_id"] == "in:crm-77");
    CHECK(added["row"]["client"]["display_name"] == "Анна Петрова");
    CHECK(added["row"]["dialog"]["mode"] == "new");
    CHECK(added["row"]["dialog"]["source_id"] == id);
    // The rest of that write's events are read before the socket closes: a
    // session ending while the writer publishes to it deadlocks the writer
    // (EventHub::publish holds its lock while the session's last reference
    // goes, and the session's close takes that lock again).
    while (ws.read(std::chrono::milliseconds(300))) {
    }
  }

  TEST_CASE("a bad or missing signature is 401 and keeps nothing; a malformed body is 400") {
    ChannelServer s;
    FakeReceiver receiver(kSecret);
    const long long id = connect_webhook(s, receiver);
    const std::string body = message("x-1", "client-1", "Подпись чужая").dump();
    CHECK(post_signed(s, id, body, "another-secret-of-32-characters!").status == 401);
    auto unsigned_call = testclient::fetch(s.port(), "POST", "/api/hooks/" + std::to_string(id),
                                           {{"content-type", "application/json"}}, body);
    CHECK(unsigned_call.status == 401);
    // A signature of another body: one changed character is enough.
    auto tampered =
        testclient::fetch(s.port(), "POST", "/api/hooks/" + std::to_string(id),
                          {{"content-type", "application/json"},
                           {"x-chats-signature", webhook_signature(kSecret, body + " ")}},
                          body);
    CHECK(tampered.status == 401);
    CHECK(post_signed(s, id, "{\"external_id\": ").status == 400);
    CHECK(post_signed(s, id, core::Json{{"external_id", "x-2"}, {"text", "без клиента"}}.dump())
              .status == 400);
    CHECK(post_signed(s, id, core::Json{{"messages", core::Json::array()}}.dump()).status == 400);
    core::Json too_many = {{"messages", core::Json::array()}};
    for (int i = 0; i < 101; ++i) {
      too_many["messages"].push_back(message("b" + std::to_string(i), "c", "x"));
    }
    CHECK(post_signed(s, id, too_many.dump()).status == 400);
    // What the inbox would refuse later is refused now, while the sender can hear it.
    core::Json long_name = message("x-3", "client-3", "x");
    long_name["client"]["name"] = std::string(300, 'a');
    CHECK(post_signed(s, id, long_name.dump()).status == 400);
    core::Json long_text = message("x-4", "client-4", std::string(10001, 'a'));
    CHECK(post_signed(s, id, long_text.dump()).status == 400);
    std::this_thread::sleep_for(std::chrono::milliseconds(400));
    CHECK(s.rows_of(id).empty());
    // The right signature over the very same body is taken.
    CHECK(post_signed(s, id, body).status == 200);
    CHECK(rows_eventually(s, id, 1).size() == 1);
  }

  TEST_CASE("a batch of messages is taken in order, and a repeated external_id adds nothing") {
    ChannelServer s;
    FakeReceiver receiver(kSecret);
    const long long id = connect_webhook(s, receiver);
    const core::Json batch = {
        {"messages",
         {message("b-1", "alice", "Первое"), message("b-2", "alice", "Второе"),
          message("b-3", "bob", "Третье от Боба")}}};
    CHECK(post_signed(s, id, batch.dump()).status == 200);
    const std::vector<core::Json> rows = rows_eventually(s, id, 2);
    REQUIRE(rows.size() == 2);
    long long alice = 0;
    for (const core::Json& row : rows) {
      if (s.messages_of(row["dialog"]["id"]).size() == 2) alice = row["dialog"]["id"];
    }
    REQUIRE(alice != 0);
    // The sender retries the whole batch and then one of it alone.
    CHECK(post_signed(s, id, batch.dump()).status == 200);
    CHECK(post_signed(s, id, message("b-2", "alice", "Второе").dump()).status == 200);
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    const std::vector<core::Json> messages = s.messages_of(alice);
    REQUIRE(messages.size() == 2);
    CHECK(messages[0]["text"] == "Первое");
    CHECK(messages[1]["text"] == "Второе");
    CHECK(s.rows_of(id).size() == 2);
  }

  TEST_CASE("the operator's reply reaches the receiver signed, with its Idempotency-Key, once") {
    ChannelServer s;
    FakeReceiver receiver(kSecret);
    const long long id = connect_webhook(s, receiver);
    const long long dialog = dialog_with(s, id, "client-42");
    const long long m = reply(s, dialog, "Заказ №1234 уже в пути & будет завтра");
    REQUIRE(receiver.wait_for(1));
    CHECK(eventually([&] { return delivery_of(s, dialog, m) == "sent"; }));
    const fakes::ReceivedCall call = receiver.calls()[0];
    CHECK(call.signed_right);
    CHECK(call.content_type == "application/json");
    CHECK(call.idempotency_key == std::to_string(m));
    CHECK(call.json["event"] == "message");
    CHECK(call.json["source_id"] == id);
    CHECK(call.json["message_id"] == m);
    CHECK(call.json["dialog_id"] == dialog);
    CHECK(call.json["client"] == core::Json{{"identity", "client-42"}});
    CHECK(call.json["text"] == "Заказ №1234 уже в пути & будет завтра");
    CHECK(call.json["attachments"] == core::Json::array());
    CHECK(call.json["created_at"].get<long long>() > 0);
    CHECK(message_of(s, dialog, m)["external_id"] == "rcv-1");
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    CHECK(receiver.count() == 1);
  }

  TEST_CASE("a 503 is retried after its Retry-After and the message is delivered once") {
    ChannelServer s;
    FakeReceiver receiver(kSecret);
    const long long id = connect_webhook(s, receiver);
    const long long dialog = dialog_with(s, id, "client-7");
    receiver.fail_next(1, 503, R"({"error": "maintenance"})", 1);
    const long long m = reply(s, dialog, "Ответ после перерыва");
    CHECK(eventually([&] { return delivery_of(s, dialog, m) == "sent"; }, std::chrono::seconds(8)));
    const std::vector<fakes::ReceivedCall> calls = receiver.calls();
    REQUIRE(calls.size() == 2);
    CHECK(calls[0].answered == 503);
    CHECK(calls[1].answered == 200);
    CHECK(calls[0].idempotency_key == calls[1].idempotency_key);
    CHECK(calls[0].body == calls[1].body);
    CHECK(receiver.delivered() == 1);
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    CHECK(receiver.count() == 2);
  }

  TEST_CASE("a 400 fails the message with the receiver's reason, and it is not retried") {
    ChannelServer s;
    FakeReceiver receiver(kSecret);
    const long long id = connect_webhook(s, receiver);
    const long long dialog = dialog_with(s, id, "client-9");
    receiver.fail_next(1, 400, R"({"error": "client-9 is not our customer any more"})");
    const long long m = reply(s, dialog, "Добрый день");
    CHECK(eventually([&] { return delivery_of(s, dialog, m) == "failed"; }));
    CHECK(message_of(s, dialog, m)["delivery_error"] == "client-9 is not our customer any more");
    // A long plain-text refusal is clipped.
    receiver.fail_next(1, 422, std::string(1000, 'x'));
    const long long m2 = reply(s, dialog, "Ещё раз");
    CHECK(eventually([&] { return delivery_of(s, dialog, m2) == "failed"; }));
    const std::string why = message_of(s, dialog, m2)["delivery_error"];
    CHECK(why.rfind(std::string(300, 'x'), 0) == 0);
    CHECK(why.size() < 310);
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    CHECK(receiver.count() == 2);
  }

  TEST_CASE("receipts move a sent message to delivered and then read") {
    ChannelServer s;
    FakeReceiver receiver(kSecret);
    const long long id = connect_webhook(s, receiver);
    const long long dialog = dialog_with(s, id, "client-5");
    const long long m = reply(s, dialog, "Спасибо за заказ");
    REQUIRE(eventually([&] { return delivery_of(s, dialog, m) == "sent"; }));
    const std::string external = message_of(s, dialog, m)["external_id"];
    CHECK(
        post_signed(
            s, id,
            core::Json{{"receipts", {{{"external_id", external}, {"state", "delivered"}}}}}.dump())
            .status == 200);
    CHECK(eventually([&] { return delivery_of(s, dialog, m) == "delivered"; }));
    // A receipt is signed like everything else.
    const std::string read =
        core::Json{{"receipts", {{{"external_id", external}, {"state", "read"}}}}}.dump();
    CHECK(post_signed(s, id, read, "another-secret-of-32-characters!").status == 401);
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    CHECK(delivery_of(s, dialog, m) == "delivered");
    CHECK(post_signed(s, id, read).status == 200);
    CHECK(eventually([&] { return delivery_of(s, dialog, m) == "read"; }));
    CHECK(post_signed(
              s, id,
              core::Json{{"receipts", {{{"external_id", external}, {"state", "seen"}}}}}.dump())
              .status == 400);
  }

  TEST_CASE("attachments come in as uploads, given inline or by URL, and go out inline") {
    ChannelServer s;
    FakeReceiver receiver(kSecret);
    const long long id = connect_webhook(s, receiver);
    receiver.add_file("invoice.pdf", "%PDF-1.4 invoice");
    core::Json in = message("f-1", "client-3", "Счёт и фото");
    in["attachments"] = {
        {{"name", "invoice.pdf"},
         {"mime", "application/pdf"},
         {"url", receiver.file_url("invoice.pdf")}},
        {{"name", "note.txt"}, {"mime", "text/plain"}, {"data", "0J/RgNC40LLQtdGC"}}};  // «Привет»
    REQUIRE(post_signed(s, id, in.dump()).status == 200);
    const std::vector<core::Json> rows = rows_eventually(s, id, 1);
    REQUIRE(rows.size() == 1);
    const long long dialog = rows[0]["dialog"]["id"];
    const std::vector<core::Json> messages = s.messages_of(dialog);
    REQUIRE(messages.size() == 1);
    REQUIRE(messages[0]["attachments"].size() == 2);
    const core::Json pdf = messages[0]["attachments"][0];
    CHECK(pdf["mime"] == "application/pdf");
    CHECK(s.call("GET", pdf["url"].get<std::string>()).body == "%PDF-1.4 invoice");
    CHECK(s.call("GET", messages[0]["attachments"][1]["url"].get<std::string>()).body == "Привет");

    // The operator sends one of them back: the bytes travel in the callback.
    auto r = s.call("POST", "/api/dialogs/" + std::to_string(dialog) + "/messages",
                    {{"text", "Ваш счёт"}, {"attachments", {pdf}}});
    REQUIRE(r.status == 201);
    REQUIRE(receiver.wait_for(1));
    const core::Json out = receiver.calls()[0].json["attachments"];
    REQUIRE(out.size() == 1);
    CHECK(out[0]["name"] == "invoice.pdf");
    CHECK(out[0]["size"] == 16);
    CHECK(out[0]["data"] == "JVBERi0xLjQgaW52b2ljZQ==");
  }
}
