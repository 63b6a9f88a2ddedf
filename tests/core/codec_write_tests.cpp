// Specs of write_json: byte for byte the text of encode(x).dump(), which the
// client and the event log already parse, for every field, the empty and the
// optional parts, and every character JSON escapes.
#include <doctest/doctest.h>

#include <string>

#include "codec_samples.hpp"
#include "core/codec.hpp"
#include "core/json_text.hpp"

using namespace core;

namespace {

// Every escape JSON has, other control characters, quotes, Cyrillic and an emoji.
const std::string kAwkward = std::string("a\"b\\c/\b\f\n\r\t\x01\x1f\x7f ") + "Ёж 👗 end";

// The shared samples with awkward text in every kind of string and the values that
// write differently: a negative price, an unanswered response time (-1), a task with
// no text, due time or operator, a field with no value, a second attachment.
Dialog full_dialog() {
  Dialog d = sample_dialog();
  d.channel = ChannelKind::TelegramBot;
  d.post->url += "?a=1&b=\"2\"";
  d.post->title = kAwkward;
  d.price = -d.price;
  d.fields.push_back({kAwkward, ""});
  d.tasks.push_back({32, 9001, "", 0, false, 0});
  d.response_time_ms = -1;
  d.last_message = kAwkward;
  return d;
}

Client full_client() {
  Client c = sample_client();
  c.display_name = "Иван \"Ваня\" Петров";
  c.identities.back().value = kAwkward;
  return c;
}

Message full_message() {
  Message m = sample_message();
  m.text = kAwkward;
  m.attachments.push_back({"b", "text/plain", "/api/uploads/2", 0});
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

TEST_CASE("write_json_string quotes text as dump() does") {
  std::string out = "[";
  write_json_string(out, kAwkward);
  CHECK(out == "[" + Json(kAwkward).dump());
  out.clear();
  write_json_string(out, "");
  CHECK(out == "\"\"");
}
