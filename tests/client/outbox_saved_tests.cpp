// The outbox saved for the browser's storage and taken back by the next page:
// same order, same keys, what was in flight goes again, failures keep their
// reason, and text that is not a saved outbox adopts nothing.
#include <doctest/doctest.h>

#include "app/outbox.hpp"
#include "app/outbox_saved.hpp"

namespace {

using State = app::OutboxItem::State;

net::Outgoing text(const std::string& t) {
  net::Outgoing out;
  out.text = t;
  return out;
}

}  // namespace

TEST_CASE("a reloaded page takes back what waited, in order and under the same keys") {
  app::Outbox before("page1");
  before.add(7, text("Первое"), 1000);
  net::Outgoing note = text("Заметка «для своих»");
  note.note = true;
  before.add(7, note, 1001);
  net::Outgoing comment = text("Ответ под постом");
  comment.reply_to = core::ReplyTarget::Comment;
  core::Attachment file;
  file.name = "счёт.pdf";
  file.url = "/api/uploads/12";
  file.mime = "application/pdf";
  file.size = 1234;
  comment.attachments.push_back(file);
  before.add(9, comment, 1002);
  const int refused = before.add(9, text("Отказано"), 1003);
  REQUIRE(before.next(1000));  // "Первое" was in flight when the page went
  before.refused(refused, "Канал не разрешает");

  const std::string saved = app::save_outbox(before);
  REQUIRE(!saved.empty());

  app::Outbox after("page2");
  after.add(5, text("Написано на новой странице"), 2000);
  CHECK(app::restore_outbox(after, saved, 5000) == 4);
  const auto& items = after.items();
  REQUIRE(items.size() == 5);
  CHECK(items[0].message.text == "Написано на новой странице");
  for (std::size_t i = 0; i < 4; ++i) {
    CHECK(items[i + 1].dialog == before.items()[i].dialog);
    CHECK(items[i + 1].message.text == before.items()[i].message.text);
    CHECK(items[i + 1].message.idempotency_key == before.items()[i].message.idempotency_key);
    CHECK(items[i + 1].created_at == before.items()[i].created_at);
  }
  CHECK(items[1].state == State::Queued);  // in flight before: goes again, same key
  CHECK(items[1].next_try == 5000);
  CHECK(items[2].message.note);
  CHECK(items[3].message.reply_to == core::ReplyTarget::Comment);
  REQUIRE(items[3].message.attachments.size() == 1);
  CHECK(items[3].message.attachments[0].name == "счёт.pdf");
  CHECK(items[3].message.attachments[0].size == 1234);
  CHECK(items[4].state == State::Failed);
  CHECK(items[4].error == "Канал не разрешает");
  // Local ids are the new page's own.
  CHECK(items[1].local_id != items[0].local_id);
}

TEST_CASE("an empty outbox saves nothing, and damaged text adopts nothing") {
  app::Outbox box("k");
  CHECK(app::save_outbox(box).empty());
  box.add(1, text("a"), 1);
  const std::string saved = app::save_outbox(box);
  app::Outbox other("k2");
  CHECK(app::restore_outbox(other, "", 1) == 0);
  CHECK(app::restore_outbox(other, "{not json", 1) == 0);
  CHECK(app::restore_outbox(other, "[1,2]", 1) == 0);
  CHECK(app::restore_outbox(other, R"({"version": 99, "items": []})", 1) == 0);
  CHECK(app::restore_outbox(other, R"({"version": "1", "items": []})", 1) == 0);
  // One damaged item spoils the whole text: never half of it, out of order.
  std::string broken = saved;
  broken.replace(broken.find("\"dialog\":1"), 10, "\"dialog\":\"x\"");
  CHECK(app::restore_outbox(other, broken, 1) == 0);
  CHECK(other.items().empty());
  CHECK(app::restore_outbox(other, saved, 1) == 1);
}
