// Sending, notes, history, idempotency, write-first and ingest.
#include <atomic>
#include <thread>

#include "server/api_fixture.hpp"

using api_test::ApiFixture;
using api_test::dialog_path;

namespace {

core::Json ingest_body(long long source, const std::string& external_id,
                       const std::string& identity, const std::string& text) {
  return {{"source_id", source},
          {"external_id", external_id},
          {"client", {{"identity", identity}, {"name", "Глеб Новый"}}},
          {"text", text}};
}

}  // namespace

TEST_CASE("a sent message and a note appear in the history, newest first") {
  ApiFixture f;
  const std::string t = f.login("owner@romashka.ru");
  const core::Json row = f.first_row(t, "new");
  auto sent = f.post(dialog_path(row, "/messages"), t, {{"text", "Здравствуйте! Чем помочь?"}});
  REQUIRE(sent.status == 201);
  CHECK(sent.json["row"]["dialog"]["answered"] == true);
  CHECK(sent.json["row"]["dialog"]["unread"] == 0);
  auto note = f.post(dialog_path(row, "/notes"), t, {{"text", "Проверить оплату"}});
  REQUIRE(note.status == 201);
  CHECK(note.json["message"]["kind"] == "note");
  auto history = f.call("GET", dialog_path(row, "/messages?limit=2"), t);
  REQUIRE(history.status == 200);
  CHECK(history.json["messages"][0]["text"] == "Проверить оплату");
  CHECK(history.json["messages"][1]["text"] == "Здравствуйте! Чем помочь?");
  auto older = f.call("GET",
                      dialog_path(row, "/messages?before=") +
                          std::to_string(history.json["next_before"].get<long long>()),
                      t);
  CHECK(older.status == 200);
  CHECK(f.feed.count(core::EventKind::MessageAdded) == 2);
  CHECK(f.post(dialog_path(row, "/messages"), t, {{"text", "   "}}).status == 400);
  CHECK(f.post(dialog_path(row, "/messages"), t, {{"text", std::string(10001, 'a')}}).status ==
        400);
}

TEST_CASE("replying in comments needs a dialog from a post") {
  ApiFixture f;
  const std::string t = f.login("owner@romashka.ru");
  const core::Json row = f.first_row(t, "accepted", "&channels=whatsapp");
  auto r = f.post(dialog_path(row, "/messages"), t, {{"text", "Ответ"}, {"reply_to", "comment"}});
  CHECK(r.status == 422);
  CHECK(r.json["error"]["reason"] == "no_post");
}

TEST_CASE("a retried send with the same idempotency key sends once") {
  ApiFixture f;
  const std::string t = f.login("owner@romashka.ru");
  const core::Json row = f.first_row(t, "accepted");
  const std::map<std::string, std::string> key = {{"idempotency-key", "send-1"}};
  auto first = f.post(dialog_path(row, "/messages"), t, {{"text", "Один раз"}}, key);
  auto retry = f.post(dialog_path(row, "/messages"), t, {{"text", "Один раз"}}, key);
  REQUIRE(first.status == 201);
  CHECK(retry.status == 201);
  CHECK(retry.headers["idempotent-replay"] == "true");
  CHECK(retry.json == first.json);
  CHECK(f.feed.count(core::EventKind::MessageAdded) == 1);
  auto history = f.call("GET", dialog_path(row, "/messages?limit=5"), t).json["messages"];
  int copies = 0;
  for (const auto& m : history) copies += m["text"] == "Один раз";
  CHECK(copies == 1);
}

TEST_CASE("ingest opens a New dialog, is idempotent on the external id, and reopens archives") {
  ApiFixture f;
  const std::string t = f.login("owner@romashka.ru");
  const long long wa = f.source_of(t, "whatsapp");
  auto first = f.post("/api/ingest", t, ingest_body(wa, "wamid.1", "79990001122", "Привет!"));
  REQUIRE(first.status == 201);
  CHECK(first.json["row"]["dialog"]["mode"] == "new");
  CHECK(first.json["row"]["dialog"]["unread"] == 1);
  CHECK(first.json["row"]["client"]["display_name"] == "Глеб Новый");
  auto repeat = f.post("/api/ingest", t, ingest_body(wa, "wamid.1", "79990001122", "Привет!"));
  CHECK(repeat.status == 200);
  CHECK(repeat.json["duplicate"] == true);
  CHECK(f.feed.count(core::EventKind::MessageAdded) == 1);

  const std::string path = dialog_path(first.json["row"]);
  CHECK(f.call("POST", path + "/archive", t).json["dialog"]["mode"] == "archived");
  auto back = f.post("/api/ingest", t, ingest_body(wa, "wamid.2", "79990001122", "Я снова тут"));
  REQUIRE(back.status == 201);
  CHECK(back.json["row"]["dialog"]["id"] == first.json["row"]["dialog"]["id"]);
  CHECK(back.json["row"]["dialog"]["mode"] == "new");
  CHECK(back.json["row"]["dialog"]["unread"] == 2);
}

TEST_CASE("ingested messages show in the dialog, its event and the counts per mode alike") {
  ApiFixture f;
  const std::string t = f.login("owner@romashka.ru");
  const long long wa = f.source_of(t, "whatsapp");
  auto counts = [&] { return f.call("GET", "/api/dialogs?mode=new&limit=1", t).json["counts"]; };
  const core::Json start = counts();

  core::Json row;
  for (int i = 1; i <= 3; ++i) {
    auto r = f.post("/api/ingest", t,
                    ingest_body(wa, "wamid.c" + std::to_string(i), "79990003344",
                                "Вопрос номер " + std::to_string(i)));
    REQUIRE(r.status == 201);
    row = r.json["row"];
  }
  const std::string path = dialog_path(row);
  CHECK(row["dialog"]["unread"] == 3);
  CHECK(row["dialog"]["last_message"] == "Вопрос номер 3");
  CHECK(row["dialog"]["mode"] == "new");
  // The answer, the stored dialog and the last event carry the same row.
  CHECK(f.call("GET", path, t).json == row);
  REQUIRE(!f.feed.events.empty());
  CHECK(core::encode(*f.feed.events.back().second.row) == row);
  core::Json now = counts();
  CHECK(now["new"]["total"] == start["new"]["total"].get<int>() + 1);
  CHECK(now["new"]["unread"] == start["new"]["unread"].get<int>() + 1);

  // Archived, then written to again: back in New with the count kept.
  REQUIRE(f.call("POST", path + "/archive", t).status == 200);
  now = counts();
  CHECK(now["new"]["total"] == start["new"]["total"]);
  CHECK(now["archived"]["total"] == start["archived"]["total"].get<int>() + 1);
  auto back = f.post("/api/ingest", t, ingest_body(wa, "wamid.c4", "79990003344", "Ещё вопрос"));
  REQUIRE(back.status == 201);
  CHECK(back.json["row"]["dialog"]["mode"] == "new");
  CHECK(back.json["row"]["dialog"]["unread"] == 4);
  now = counts();
  CHECK(now["new"]["total"] == start["new"]["total"].get<int>() + 1);
  CHECK(now["archived"]["total"] == start["archived"]["total"]);

  // Accepted, then answered by the operator: unread cleared, the mode kept.
  REQUIRE(f.call("POST", path + "/accept", t).status == 200);
  auto sent = f.post(path + "/messages", t, {{"text", "Здравствуйте!"}});
  REQUIRE(sent.status == 201);
  const core::Json stored = f.call("GET", path, t).json;
  CHECK(stored == sent.json["row"]);
  CHECK(stored["dialog"]["unread"] == 0);
  CHECK(stored["dialog"]["answered"] == true);
  CHECK(stored["dialog"]["mode"] == "accepted");
  CHECK(stored["dialog"]["last_message"] == "Здравствуйте!");
  now = counts();
  CHECK(now["new"]["total"] == start["new"]["total"]);
  CHECK(now["accepted"]["total"] == start["accepted"]["total"].get<int>() + 1);
}

TEST_CASE("ingest drops blocked messages, and only admins may ingest") {
  ApiFixture f;
  const std::string t = f.login("owner@romashka.ru");
  const long long tg = f.source_of(t, "telegram");
  CHECK(f.post("/api/block-list", t, {{"kind", "stop_word"}, {"value", "КАЗИНО"}}).status == 201);
  auto blocked = f.post("/api/ingest", t, ingest_body(tg, "m1", "spammer", "лучшее казино тут"));
  CHECK(blocked.json["blocked"] == true);
  CHECK(blocked.json["reason"] == "stop_word");
  CHECK(f.feed.count(core::EventKind::MessageAdded) == 0);
  const std::string maria = f.login("maria@romashka.ru");
  CHECK(f.post("/api/ingest", maria, ingest_body(tg, "m2", "someone", "hi")).status == 403);
  CHECK(f.post("/api/ingest", t, {{"source_id", tg}, {"external_id", "m3"}}).error() ==
        "client: required, an object");
}

TEST_CASE("write first starts or continues a dialog where the channel allows it") {
  ApiFixture f;
  const std::string t = f.login("owner@romashka.ru");
  const long long wa = f.source_of(t, "whatsapp");
  const long long bot = f.source_of(t, "telegram_bot");
  auto refused =
      f.post("/api/write-first", t, {{"source_id", bot}, {"to", "@ivan"}, {"text", "Добрый день"}});
  CHECK(refused.status == 422);
  CHECK(refused.json["error"]["reason"] == "write_first_not_allowed");
  auto bad =
      f.post("/api/write-first", t, {{"source_id", wa}, {"to", "12"}, {"text", "Добрый день"}});
  CHECK(bad.error().rfind("to:", 0) == 0);
  auto first = f.post("/api/write-first", t,
                      {{"source_id", wa}, {"to", "+7 (999) 123-45-67"}, {"text", "Добрый день"}});
  REQUIRE(first.status == 201);
  CHECK(first.json["row"]["dialog"]["mode"] == "accepted");
  CHECK(first.json["row"]["client"]["phone"] == "79991234567");
  auto second = f.post("/api/write-first", t,
                       {{"source_id", wa}, {"to", "79991234567"}, {"text", "Напоминаю"}});
  CHECK(second.json["row"]["dialog"]["id"] == first.json["row"]["dialog"]["id"]);
}

TEST_CASE("an uploaded file can be attached and read back by its account only") {
  ApiFixture f;
  const std::string t = f.login("owner@romashka.ru");
  auto up = f.call(
      "POST", "/api/uploads", t, "%PDF-1.4 test",
      {{"x-file-name", "%D1%81%D1%87%D1%91%D1%82.pdf"}, {"content-type", "application/pdf"}});
  REQUIRE(up.status == 201);
  CHECK(up.json["name"] == "счёт.pdf");
  const core::Json row = f.first_row(t, "accepted");
  auto sent = f.post(dialog_path(row, "/messages"), t, {{"attachments", {up.json}}});
  REQUIRE(sent.status == 201);
  CHECK(sent.json["message"]["kind"] == "file");
  const std::string url = up.json["url"];
  CHECK(f.call("GET", url, t).status == 200);
  CHECK(f.call("GET", url, f.login("b.owner@romashka.ru")).status == 404);
  CHECK(f.post(dialog_path(row, "/messages"), t,
               {{"attachments", {{{"name", "x"}, {"mime", "a/b"}, {"url", "http://evil/x"}}}}})
            .status == 400);
}

TEST_CASE("an upload's name is a plain file name: no folder, control character, . or ..") {
  ApiFixture f;
  const std::string t = f.login("owner@romashka.ru");
  for (const char* name :
       {"a%2Fb.txt", "a%5Cb.txt", "a%0Ab.txt", "a%09b.txt", "%7F", ".", "..", "%FF.txt", ""}) {
    CAPTURE(name);
    auto up = f.call("POST", "/api/uploads", t, "bytes",
                     {{"x-file-name", name}, {"content-type", "text/plain"}});
    CHECK(up.status == 400);
  }
  CHECK(f.call("POST", "/api/uploads", t, "bytes", {{"x-file-name", "..a b.txt"}}).status == 201);
}

TEST_CASE("concurrent writes commit together; a refused one in the batch changes nothing") {
  ApiFixture f;
  const std::string t = f.login("owner@romashka.ru");
  const core::Json row = f.first_row(t, "accepted");
  std::vector<std::thread> threads;
  std::atomic<int> created{0}, refused{0};
  for (int i = 0; i < 16; ++i) {
    threads.emplace_back([&, i] {
      const core::Json body = i % 4 == 3 ? core::Json{{"text", 5}}  // wrong type: refused
                                         : core::Json{{"text", "заметка " + std::to_string(i)}};
      const int status = f.post(dialog_path(row, "/notes"), t, body).status;
      (status == 201 ? created : refused)++;
    });
  }
  for (std::thread& th : threads) th.join();
  CHECK(created == 12);
  CHECK(refused == 4);
  CHECK(f.feed.count(core::EventKind::MessageAdded) == 12);
  auto history = f.call("GET", dialog_path(row, "/messages?limit=40"), t);
  int notes = 0;
  for (const auto& m : history.json["messages"]) notes += m["kind"] == "note";
  CHECK(notes >= 12);
  // Sequence numbers are delivered in increasing order.
  for (std::size_t i = 1; i < f.feed.events.size(); ++i) {
    CHECK(f.feed.events[i].second.seq > f.feed.events[i - 1].second.seq);
  }
}
