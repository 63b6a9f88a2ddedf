// Specs of write_json: byte for byte the text of encode(x).dump(), which the
// client and the event log already parse, for every field, the empty and the
// optional parts, and every character JSON escapes.
#include <doctest/doctest.h>

#include <string>

#include "core/codec.hpp"

using namespace core;

namespace {

// Every escape JSON has, other control characters, quotes, Cyrillic and an emoji.
const std::string kAwkward = std::string("a\"b\\c/\b\f\n\r\t\x01\x1f\x7f ") + "Ёж 👗 end";

Dialog full_dialog() {
  Dialog d;
  d.id = 9001;
  d.account_id = 7;
  d.client_id = 501;
  d.source_id = 44;
  d.channel = ChannelKind::TelegramBot;
  d.post = PostRef{"post-17", "https://instagram.com/p/17?a=1&b=\"2\"", kAwkward};
  d.mode = DialogMode::Archived;
  d.status_id = 3;
  d.responsible_id = 12;
  d.tag_ids = {2, 5, 9};
  d.price = -1250000;
  d.fields = {{"Город", "Москва"}, {kAwkward, ""}};
  d.tasks = {{31, 9001, "Перезвонить", 1700000900000, true, 12}, {32, 9001, "", 0, false, 0}};
  d.created_at = 1700000000000;
  d.last_message_at = 1700000500000;
  d.last_inbound_at = 1700000400000;
  d.last_outbound_at = 1700000500000;
  d.awaiting_since = 1700000300000;
  d.unread = 4;
  d.answered = true;
  d.response_time_ms = -1;
  d.last_message = kAwkward;
  return d;
}

Client full_client() {
  Client c;
  c.id = 501;
  c.account_id = 7;
  c.display_name = "Иван \"Ваня\" Петров";
  c.nick = "ivan_p";
  c.phone = "79161234567";
  c.avatar_url = "https://cdn.example.com/a/501.png";
  c.identities = {{ChannelKind::Telegram, "@ivan_p"}, {ChannelKind::Email, kAwkward}};
  return c;
}

Message full_message() {
  Message m;
  m.id = 70001;
  m.dialog_id = 9001;
  m.direction = Direction::Out;
  m.kind = MessageKind::File;
  m.text = kAwkward;
  m.attachments = {{"прайс.pdf", "application/pdf", "/api/uploads/1", 48213},
                   {"b", "text/plain", "/api/uploads/2", 0}};
  m.reply_to = ReplyTarget::Comment;
  m.delivery = DeliveryState::Read;
  m.author_id = 12;
  m.external_id = "wamid.HBgL";
  m.created_at = 1700000500000;
  return m;
}

template <class T>
std::string written(const T& value) {
  std::string out = "prefix kept:";
  write_json(out, value);
  REQUIRE(out.rfind("prefix kept:", 0) == 0);
  return out.substr(12);
}

}  // namespace

TEST_CASE("write_json writes a message as dump() does, with every escape") {
  CHECK(written(full_message()) == encode(full_message()).dump());
  CHECK(written(Message{}) == encode(Message{}).dump());
}

TEST_CASE("write_json writes a row as dump() does, with and without a post, tasks and fields") {
  const DialogRow full{full_dialog(), full_client()};
  CHECK(written(full) == encode(full).dump());
  CHECK(written(DialogRow{}) == encode(DialogRow{}).dump());
}

TEST_CASE("write_json writes every kind of event as dump() does") {
  Event added;
  added.seq = 1042;
  added.kind = EventKind::MessageAdded;
  added.at = 1700000500001;
  added.row = DialogRow{full_dialog(), full_client()};
  added.message = full_message();
  CHECK(written(added) == encode(added).dump());

  Event bulk;
  bulk.seq = 7;
  bulk.kind = EventKind::BulkApplied;
  bulk.results = {{9001, BulkOutcome::Applied, "", ""},
                  {9002, BulkOutcome::Refused, kAwkward, "already_archived"}};
  CHECK(written(bulk) == encode(bulk).dump());

  Event presence;
  presence.kind = EventKind::Presence;
  presence.presence = Presence{9001, 12, PresenceState::Typing};
  CHECK(written(presence) == encode(presence).dump());

  // Every optional part at once: the members' order is dump()'s too.
  Event all = added;
  all.results = bulk.results;
  all.presence = presence.presence;
  CHECK(written(all) == encode(all).dump());
  CHECK(written(Event{}) == encode(Event{}).dump());
}

TEST_CASE("write_json refuses text that is not UTF-8, as dump() does") {
  Message m = full_message();
  m.text = "bad \xC3\x28 byte";
  CHECK_THROWS_AS(encode(m).dump(), Json::type_error);
  std::string out;
  CHECK_THROWS_AS(write_json(out, m), Json::type_error);
}
