// The e-mail connector against a fake IMAP and SMTP server on loopback:
// logging in at connect, new mail polled in (plain, quoted-printable
// Cyrillic with an encoded-word subject, HTML only, with a file), a restart
// that fetches nothing twice, the operator's reply threaded and sent once,
// and a 550 in the server's words. The message parser on strings too.
#include "fakes/fake_mail.hpp"
#include "server/channels/mail_message.hpp"
#include "server/channels_fixture.hpp"

namespace {

using channels_test::ChannelServer;
using channels_test::delivery_of;
using channels_test::eventually;
using channels_test::message_of;
using channels_test::reply;
using fakes::FakeMail;
namespace mail = server::channels::mail;

const std::string kUser = "help@romashka.ru";
const std::string kPassword = "app-password-7731";

core::Json email_source(FakeMail& box, const std::string& password = kPassword) {
  return {{"channel", "email"},
          {"name", "Почта поддержки"},
          {"credentials", {{"password", password}}},
          {"settings",
           {{"imap_url", box.imap_url()},
            {"smtp_url", box.smtp_url()},
            {"username", kUser},
            {"address", "Help@Romashka.ru"},
            {"poll_interval_ms", 200}}}};
}

long long connect_email(ChannelServer& s, FakeMail& box) {
  auto r = s.call("POST", "/api/sources", email_source(box));
  REQUIRE(r.status == 201);
  return s.json(r)["id"];
}

std::string crlf(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\n') out += '\r';
    out += c;
  }
  return out;
}

std::string plain_mail(const std::string& from, const std::string& id, const std::string& subject,
                       const std::string& body) {
  return crlf("From: " + from + "\nTo: help@romashka.ru\nSubject: " + subject +
              "\nMessage-ID: " + id +
              "\nDate: Mon, 07 Dec 2026 10:00:00 +0300\nMIME-Version: 1.0\n"
              "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n" +
              body + "\n");
}

// «Здравствуйте! Где мой заказ?» in quoted-printable, the subject «Заказ №1234» in base64 words.
const std::string kCyrillicMail = crlf(
    "From: =?utf-8?B?0JDQvdC90LAg0J/QtdGC0YDQvtCy0LA=?= <Anna.Petrova@Mail.RU>\n"
    "To: help@romashka.ru\n"
    "Subject: =?utf-8?B?0JfQsNC60LDQtw==?=\n =?utf-8?Q?_=E2=84=961234?=\n"
    "Message-ID: <cyr-1@mail.ru>\n"
    "MIME-Version: 1.0\n"
    "Content-Type: text/plain; charset=\"utf-8\"\n"
    "Content-Transfer-Encoding: quoted-printable\n"
    "\n"
    "=D0=97=D0=B4=D1=80=D0=B0=D0=B2=D1=81=D1=82=D0=B2=D1=83=D0=B9=D1=82=D0=B5! =\n"
    "=D0=93=D0=B4=D0=B5 =D0=BC=D0=BE=D0=B9 =D0=B7=D0=B0=D0=BA=D0=B0=D0=B7?\n");

const std::string kHtmlMail = crlf(
    "From: \"Shop Robot\" <robot@shop.example>\n"
    "Subject: Your order\n"
    "Message-ID: <html-1@shop.example>\n"
    "MIME-Version: 1.0\n"
    "Content-Type: text/html; charset=windows-1251\n"
    "\n"
    "<html><head><style>p {color: red}</style></head><body>"
    "<p>Hello &amp; welcome,</p><p>Total: 5&nbsp;000 &#8381;<br>Thanks &lt;3</p>"
    "<script>alert(1)</script></body></html>\n");

const std::string kFileMail = crlf(
    "From: Boris <boris@example.org>\n"
    "Subject: Invoice\n"
    "Message-ID: <file-1@example.org>\n"
    "MIME-Version: 1.0\n"
    "Content-Type: multipart/mixed; boundary=\"XYZ\"\n"
    "\n"
    "--XYZ\n"
    "Content-Type: multipart/alternative; boundary=\"ALT\"\n"
    "\n"
    "--ALT\n"
    "Content-Type: text/plain; charset=utf-8\n"
    "\n"
    "The invoice is attached.\n"
    "--ALT\n"
    "Content-Type: text/html; charset=utf-8\n"
    "\n"
    "<p>The invoice is <b>attached</b>.</p>\n"
    "--ALT--\n"
    "--XYZ\n"
    "Content-Type: application/pdf; name=\"invoice.pdf\"\n"
    "Content-Disposition: attachment; filename=\"invoice.pdf\"\n"
    "Content-Transfer-Encoding: base64\n"
    "\n"
    "JVBERi0xLjQg\n"
    "aW52b2ljZQ==\n"
    "--XYZ--\n");

core::Json row_of(ChannelServer& s, long long source, const std::string& identity_name) {
  core::Json found;
  eventually([&] {
    for (const core::Json& row : s.rows_of(source)) {
      if (row["client"]["display_name"] == identity_name) found = row;
    }
    return !found.is_null();
  });
  return found;
}

// A header of a composed message ("" when missing), its folds joined.
std::string header_of(const std::string& message, const std::string& name) {
  const std::string head = "\r\n" + message.substr(0, message.find("\r\n\r\n"));
  const std::size_t at = head.find("\r\n" + name + ": ");
  if (at == std::string::npos) return "";
  std::size_t end = head.find("\r\n", at + 2);
  std::string value = head.substr(at + 4 + name.size(), end - at - 4 - name.size());
  while (end != std::string::npos && end + 2 < head.size() && head[end + 2] == ' ') {
    const std::size_t next = head.find("\r\n", end + 2);
    value += head.substr(end + 2, next - end - 2);
    end = next;
  }
  return value;
}

}  // namespace

TEST_SUITE("email") {
  TEST_CASE("the parser reads encoded words, quoted-printable, charsets, HTML and files") {
    const mail::Parsed cyr = mail::parse(kCyrillicMail);
    CHECK(cyr.from_name == "Анна Петрова");
    CHECK(cyr.from_address == "anna.petrova@mail.ru");
    CHECK(cyr.subject == "Заказ №1234");
    CHECK(cyr.message_id == "<cyr-1@mail.ru>");
    CHECK(cyr.text == "Здравствуйте! Где мой заказ?");

    const mail::Parsed html = mail::parse(kHtmlMail);
    CHECK(html.from_name == "Shop Robot");
    CHECK(html.text == "Hello & welcome,\n\nTotal: 5 000 ₽\nThanks <3");

    const mail::Parsed file = mail::parse(kFileMail);
    CHECK(file.text == "The invoice is attached.");
    REQUIRE(file.files.size() == 1);
    CHECK(file.files[0].name == "invoice.pdf");
    CHECK(file.files[0].mime == "application/pdf");
    CHECK(file.files[0].bytes == "%PDF-1.4 invoice");

    // windows-1251 and koi8-r through iconv: «Привет» in each.
    CHECK(mail::to_utf8("\xCF\xF0\xE8\xE2\xE5\xF2", "windows-1251") == "Привет");
    CHECK(mail::to_utf8("\xF0\xD2\xC9\xD7\xC5\xD4", "KOI8-R") == "Привет");
    CHECK(mail::decode_header("=?koi8-r?Q?=F0=D2=C9=D7=C5=D4?= world") == "Привет world");
    CHECK(mail::to_utf8("ok \xFF", "utf-8") == "ok \xEF\xBF\xBD");
    // An RFC 2231 file name.
    const mail::Parsed named = mail::parse(
        crlf("From: a@b.c\nContent-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: "
             "text/plain\n\n"
             "x\n--b\nContent-Type: application/octet-stream\nContent-Disposition: attachment; "
             "filename*=utf-8''%D0%A1%D1%87%D1%91%D1%82.txt\n\nabc\n--b--\n"));
    REQUIRE(named.files.size() == 1);
    CHECK(named.files[0].name == "Счёт.txt");
  }

  TEST_CASE("a composed reply is quoted-printable UTF-8 with an encoded subject, files mixed") {
    mail::Outgoing out;
    out.from = "help@romashka.ru";
    out.to = "anna@mail.ru";
    out.subject = "Re: Заказ №1234";
    out.message_id = "<chats.1.ab@romashka.ru>";
    out.in_reply_to = "<cyr-1@mail.ru>";
    out.references = "<cyr-1@mail.ru>";
    out.date = 1796630400000;
    out.text = "Добрый день!\nЗаказ = в пути.";
    const std::string text = mail::compose(out);
    const mail::Parsed back = mail::parse(text);
    CHECK(back.subject == "Re: Заказ №1234");
    CHECK(back.text == out.text);
    CHECK(back.in_reply_to == "<cyr-1@mail.ru>");
    CHECK(header_of(text, "Content-Transfer-Encoding") == "quoted-printable");
    CHECK(header_of(text, "Date") == "Mon, 07 Dec 2026 08:00:00 +0000");
    out.files.push_back({"счёт.pdf", "application/pdf", std::string(300, '\x01')});
    const mail::Parsed mixed = mail::parse(mail::compose(out));
    CHECK(mixed.text == out.text);
    REQUIRE(mixed.files.size() == 1);
    CHECK(mixed.files[0].name == "счёт.pdf");
    CHECK(mixed.files[0].bytes == std::string(300, '\x01'));
  }

  TEST_CASE("a wrong password is refused at connect in the server's words; nothing is saved") {
    ChannelServer s;
    FakeMail box(kUser, kPassword);
    const std::size_t before = s.json(s.call("GET", "/api/sources"))["sources"].size();
    auto wrong = s.call("POST", "/api/sources", email_source(box, "not-the-password"));
    CHECK(wrong.status == 422);
    const std::string reason = s.json(wrong)["error"]["message"];
    CHECK(reason.find("AUTHENTICATIONFAILED") != std::string::npos);
    CHECK(reason.find("not-the-password") == std::string::npos);
    core::Json no_smtp = email_source(box);
    no_smtp["settings"].erase("smtp_url");
    CHECK(s.call("POST", "/api/sources", no_smtp).status == 422);
    CHECK(s.json(s.call("GET", "/api/sources"))["sources"].size() == before);

    const long long id = connect_email(s, box);
    CHECK(box.smtp_logins() == 1);  // SMTP's login checked too, nothing sent
    CHECK(box.sent().empty());
    const core::Json mine = s.json(s.call("GET", "/api/sources/" + std::to_string(id)));
    CHECK(mine["channel"] == "email");
    CHECK(mine["address"] == "help@romashka.ru");
    CHECK(mine["credential_keys"] == core::Json::array({"password"}));
    for (const char* path : {"/api/sources", "/api/directory"}) {
      CHECK(s.call("GET", path).body.find(kPassword) == std::string::npos);
    }
  }

  TEST_CASE("new mail opens dialogs with the senders' names and the texts right; old mail stays") {
    ChannelServer s;
    FakeMail box(kUser, kPassword);
    box.deliver(plain_mail("Old <old@example.org>", "<old-1@example.org>", "Old", "Before"));
    const long long id = connect_email(s, box);
    box.deliver(plain_mail("Ivan Sidorov <ivan@example.org>", "<p-1@example.org>", "Доставка",
                           "Привет!\nКогда доставка?"));
    box.deliver(kCyrillicMail);
    box.deliver(kHtmlMail);
    box.deliver(kFileMail);

    const core::Json ivan = row_of(s, id, "Ivan Sidorov");
    REQUIRE(!ivan.is_null());
    std::vector<core::Json> in = s.messages_of(ivan["dialog"]["id"]);
    REQUIRE(in.size() == 1);
    CHECK(in[0]["text"] == "Subject: Доставка\n\nПривет!\nКогда доставка?");
    CHECK(in[0]["external_id"] == "<p-1@example.org>");

    const core::Json anna = row_of(s, id, "Анна Петрова");
    REQUIRE(!anna.is_null());
    in = s.messages_of(anna["dialog"]["id"]);
    REQUIRE(in.size() == 1);
    CHECK(in[0]["text"] == "Subject: Заказ №1234\n\nЗдравствуйте! Где мой заказ?");

    const core::Json robot = row_of(s, id, "Shop Robot");
    REQUIRE(!robot.is_null());
    in = s.messages_of(robot["dialog"]["id"]);
    REQUIRE(in.size() == 1);
    CHECK(in[0]["text"] ==
          "Subject: Your order\n\nHello & welcome,\n\nTotal: 5 000 ₽\nThanks <3");

    const core::Json boris = row_of(s, id, "Boris");
    REQUIRE(!boris.is_null());
    in = s.messages_of(boris["dialog"]["id"]);
    REQUIRE(in.size() == 1);
    CHECK(in[0]["text"] == "Subject: Invoice\n\nThe invoice is attached.");
    REQUIRE(in[0]["attachments"].size() == 1);
    CHECK(in[0]["attachments"][0]["name"] == "invoice.pdf");
    CHECK(s.call("GET", in[0]["attachments"][0]["url"].get<std::string>()).body ==
          "%PDF-1.4 invoice");

    CHECK(s.rows_of(id).size() == 4);  // the mail from before the connection is not read
    CHECK(box.imap_count("UID FETCH") == 4);
  }

  TEST_CASE("a restart of the channels fetches no old mail again") {
    ChannelServer s;
    FakeMail box(kUser, kPassword);
    const long long id = connect_email(s, box);
    box.deliver(plain_mail("Ivan <ivan@example.org>", "<r-1@example.org>", "One", "Первое"));
    const core::Json row = row_of(s, id, "Ivan");
    REQUIRE(!row.is_null());
    CHECK(box.imap_count("UID FETCH") == 1);
    s.restart_channels();
    box.deliver(plain_mail("Ivan <ivan@example.org>", "<r-2@example.org>", "Two", "Второе"));
    CHECK(eventually([&] { return s.messages_of(row["dialog"]["id"]).size() == 2; }));
    std::this_thread::sleep_for(std::chrono::milliseconds(600));  // a few more polls
    CHECK(s.messages_of(row["dialog"]["id"]).size() == 2);
    CHECK(box.imap_count("UID FETCH 101 ") == 1);
    CHECK(box.imap_count("UID FETCH 102 ") == 1);
  }

  TEST_CASE("the operator's reply reaches SMTP threaded, from the mailbox, once") {
    ChannelServer s;
    FakeMail box(kUser, kPassword);
    const long long id = connect_email(s, box);
    box.deliver(kCyrillicMail);
    const core::Json anna = row_of(s, id, "Анна Петрова");
    REQUIRE(!anna.is_null());
    const long long dialog = anna["dialog"]["id"];
    const long long m = reply(s, dialog, "Добрый день!\nЗаказ №1234 уже в пути.");
    REQUIRE(box.wait_sent(1));
    CHECK(eventually([&] { return delivery_of(s, dialog, m) == "sent"; }));
    const fakes::SentMail sent = box.sent()[0];
    CHECK(sent.from == "help@romashka.ru");
    CHECK(sent.to == std::vector<std::string>{"anna.petrova@mail.ru"});
    CHECK(header_of(sent.data, "From") == "help@romashka.ru");
    CHECK(header_of(sent.data, "To") == "anna.petrova@mail.ru");
    CHECK(header_of(sent.data, "In-Reply-To") == "<cyr-1@mail.ru>");
    CHECK(header_of(sent.data, "References") == "<cyr-1@mail.ru>");
    const mail::Parsed back = mail::parse(sent.data);
    CHECK(back.subject == "Re: Заказ №1234");
    CHECK(back.text == "Добрый день!\nЗаказ №1234 уже в пути.");
    const std::string message_id = header_of(sent.data, "Message-ID");
    CHECK(message_id.rfind("<chats." + std::to_string(m) + ".", 0) == 0);
    CHECK(message_id.find("@romashka.ru>") != std::string::npos);
    CHECK(message_of(s, dialog, m)["external_id"] == message_id);
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    CHECK(box.sent().size() == 1);
  }

  TEST_CASE("a 550 fails the message with the server's words and is not retried") {
    ChannelServer s;
    FakeMail box(kUser, kPassword);
    const long long id = connect_email(s, box);
    box.deliver(plain_mail("Gone <gone@example.org>", "<g-1@example.org>", "Hi", "Hello"));
    const core::Json row = row_of(s, id, "Gone");
    REQUIRE(!row.is_null());
    box.refuse_recipient("gone@example.org");
    const long long dialog = row["dialog"]["id"];
    const long long m = reply(s, dialog, "Ответ");
    CHECK(eventually([&] { return delivery_of(s, dialog, m) == "failed"; }));
    CHECK(message_of(s, dialog, m)["delivery_error"] ==
          "550 5.1.1 <gone@example.org>: Recipient address rejected: User unknown");
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    CHECK(box.sent().empty());
    CHECK(delivery_of(s, dialog, m) == "failed");
  }
}
