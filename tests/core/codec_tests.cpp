// Specs of the JSON wire format: every type survives a round trip, the field and
// enum names are pinned, and bad input of any kind is a DecodeError naming the field.
#include <doctest/doctest.h>

#include <set>
#include <string>

#include "codec_samples.hpp"
#include "core/codec.hpp"

using namespace core;

namespace {

// ---------------------------------------------------------------------------------------
// Samples beside the shared entities of codec_samples.hpp: every field differs from the
// struct's default, so a field that encode or decode forgets shows up after the round trip.

Filter sample_filter() {
  Filter f;
  f.channels = {ChannelKind::TelegramBot, ChannelKind::VK};
  f.sources = {44, 45};
  f.statuses = {kNoId, 3};
  f.responsibles = {12};
  f.tags = {2, 9};
  f.created = {1700000000000, 1700086400000};
  f.last_message = {0, 1700086400000};
  f.types = {ReadType::Unanswered, ReadType::Unread};
  f.search = "Ёлка";
  return f;
}

ViewQuery sample_query() {
  return {DialogMode::Accepted, sample_filter(), {SortKey::Price, false}};
}

BulkCommand sample_command() {
  BulkCommand c;
  c.action = BulkAction::AddTags;
  c.status_id = 3;
  c.tag_ids = {2, 5};
  c.operator_id = 12;
  return c;
}

BulkRequest sample_request() {
  return {sample_command(), {{9001, 9002}, true, sample_query()}};
}

BulkResult sample_result() {
  return {9002, BulkOutcome::Refused, "Диалог уже в архиве", "already_archived"};
}

Event sample_event() {
  Event e;
  e.seq = 1042;
  e.kind = EventKind::MessageAdded;
  e.at = 1700000500001;
  e.row = DialogRow{sample_dialog(), sample_client()};
  e.message = sample_message();
  e.results = {sample_result()};
  e.presence = Presence{9001, 12, PresenceState::Typing};
  return e;
}

// ---------------------------------------------------------------------------------------
// Helpers

std::set<std::string> keys(const Json& object) {
  std::set<std::string> names;
  for (const auto& item : object.items()) names.insert(item.key());
  return names;
}

// encode -> text -> parse_json -> decode -> encode gives the same JSON, and no field of
// the sample was left at the default (which would hide a field decode drops).
template <class T>
void check_round_trip(const T& value) {
  const Json first = encode(value);
  const std::string text = first.dump();
  const T back = decode<T>(parse_json(text));
  CHECK(encode(back).dump() == text);
  const Json defaults = encode(T{});
  for (const auto& item : first.items()) {
    if (defaults.contains(item.key())) {
      INFO("field ", item.key(), " of the sample equals the default");
      CHECK(item.value() != defaults[item.key()]);
    }
  }
}

struct Failure {
  std::string path;
  std::string what;
};

template <class T>
Failure decode_failure(const Json& json) {
  try {
    decode<T>(json);
  } catch (const DecodeError& e) {
    return {e.path(), e.what()};
  }
  return {"<none>", "<decoded without error>"};
}

template <class T>
Failure decode_failure(const char* text) {  // a JSON text, not a JSON string value
  return decode_failure<T>(parse_json(text));
}

Failure parse_failure(std::string_view text) {
  try {
    parse_json(text);
  } catch (const DecodeError& e) {
    return {e.path(), e.what()};
  }
  return {"<none>", "<parsed without error>"};
}

// What a request's body is refused for, beyond what parse_json refuses.
std::string request_failure(std::string_view text) {
  try {
    parse_request_json(text);
  } catch (const DecodeError& e) {
    return e.what();
  }
  return "<parsed without error>";
}

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// A minimal valid dialog to break one field at a time.
Json minimal_dialog() {
  return parse_json(R"({"id": 1, "channel": "vk", "mode": "new"})");
}

}  // namespace

TEST_SUITE("codec") {
  // -------------------------------------------------------------------------------------
  // Round trips

  TEST_CASE("every entity survives a round trip through text") {
    check_round_trip(Account{7, "ООО «Ромашка»"});
    check_round_trip(Operator{12,
                              7,
                              "Мария",
                              "maria@example.ru",
                              Role::Admin,
                              {44, 45},
                              true,
                              false,
                              "/api/uploads/0123456789abcdef0123456789abcdef"});
    check_round_trip(Source{44, 7, ChannelKind::TelegramBot, "Отдел продаж", "@shop_bot"});
    check_round_trip(sample_client());
    check_round_trip(sample_dialog());
    check_round_trip(sample_message());
    check_round_trip(FunnelStatus{3, 7, "Успешно", 0x1a2b3c, 5, StatusGroup::NotALead});
    check_round_trip(Tag{9, 7, "VIP", 0xff0000});
    check_round_trip(sample_task());
    check_round_trip(Template{4, 7, "Приветствие", "Здравствуйте, {name}!"});
    check_round_trip(DialogRow{sample_dialog(), sample_client()});
  }

  TEST_CASE("every value type survives a round trip through text") {
    check_round_trip(ChannelIdentity{ChannelKind::Max, "+7 916 123-45-67"});
    check_round_trip(PostRef{"post-17", "https://vk.com/wall-1_17", "Розыгрыш"});
    check_round_trip(CustomField{"Цена", "12 500 ₽"});
    check_round_trip(Attachment{"фото.jpg", "image/jpeg", "https://files.example.com/2", 1024});
    check_round_trip(TimeRange{1700000000000, 1700086400000});
    check_round_trip(Presence{9001, 12, PresenceState::Left});
  }

  TEST_CASE("every command, view and event survives a round trip through text") {
    check_round_trip(sample_filter());
    check_round_trip(Sort{SortKey::ResponseTime, false});
    check_round_trip(sample_query());
    check_round_trip(sample_command());
    check_round_trip(BulkSelection{{9001}, true, sample_query()});
    check_round_trip(sample_request());
    check_round_trip(sample_result());
    check_round_trip(sample_event());
  }

  TEST_CASE("a round trip keeps the decoded fields equal, Cyrillic and emoji included") {
    const Dialog d = decode<Dialog>(parse_json(encode(sample_dialog()).dump()));
    CHECK(d.id == 9001);
    CHECK(d.channel == ChannelKind::Instagram);
    REQUIRE(d.post.has_value());
    CHECK(d.post->title == "Летняя коллекция");
    CHECK(d.mode == DialogMode::Archived);
    CHECK(d.tag_ids == std::vector<Id>{2, 5, 9});
    REQUIRE(d.fields.size() == 2);
    CHECK(d.fields[0].name == "Город");
    CHECK(d.fields[0].value == "Москва");
    REQUIRE(d.tasks.size() == 1);
    CHECK(d.tasks[0].text == "Перезвонить в среду");
    CHECK(d.last_message == "Здравствуйте! Есть размер M? 👗");
    CHECK(d.response_time_ms == 0);

    const Client c = decode<Client>(parse_json(encode(sample_client()).dump()));
    CHECK(c.display_name == "Иван Петров");
    REQUIRE(c.identities.size() == 2);
    CHECK(c.identities[1].channel == ChannelKind::Email);
    CHECK(c.identities[1].value == "ivan@example.ru");
  }

  TEST_CASE("escaped Cyrillic in the text decodes to UTF-8") {
    const Account a =
        decode<Account>(parse_json(R"({"id": 1, "name": "\u0418\u0432\u0430\u043d"})"));
    CHECK(a.name == "Иван");
  }

  // -------------------------------------------------------------------------------------
  // The wire format itself

  TEST_CASE("field names are the struct members") {
    CHECK(keys(encode(sample_dialog())) == std::set<std::string>{"id",
                                                                 "account_id",
                                                                 "client_id",
                                                                 "source_id",
                                                                 "channel",
                                                                 "post",
                                                                 "mode",
                                                                 "status_id",
                                                                 "responsible_id",
                                                                 "tag_ids",
                                                                 "price",
                                                                 "fields",
                                                                 "tasks",
                                                                 "created_at",
                                                                 "last_message_at",
                                                                 "last_inbound_at",
                                                                 "last_outbound_at",
                                                                 "awaiting_since",
                                                                 "unread",
                                                                 "answered",
                                                                 "response_time_ms",
                                                                 "last_message"});
    CHECK(keys(encode(sample_message())) ==
          std::set<std::string>{"id", "dialog_id", "direction", "kind", "text", "attachments",
                                "reply_to", "delivery", "delivery_error", "author_id",
                                "external_id", "created_at"});
    CHECK(keys(encode(sample_filter())) ==
          std::set<std::string>{"channels", "sources", "statuses", "responsibles", "tags",
                                "created", "last_message", "types", "search"});
    CHECK(keys(encode(sample_event())) ==
          std::set<std::string>{"seq", "kind", "at", "row", "message", "results", "presence"});
    CHECK(keys(encode(sample_request())) == std::set<std::string>{"command", "selection"});
    CHECK(keys(encode(sample_request())["selection"]) ==
          std::set<std::string>{"dialog_ids", "all_matching", "query"});
  }

  TEST_CASE("enums, colours, ids and ranges have their wire form") {
    const Json dialog = encode(sample_dialog());
    CHECK(dialog["channel"] == "instagram");
    CHECK(dialog["mode"] == "archived");
    CHECK(dialog["id"] == 9001);
    CHECK(dialog["id"].is_number_integer());
    CHECK(dialog["created_at"] == 1700000000000);
    CHECK(encode(Source{1, 1, ChannelKind::TelegramBot, "", ""})["channel"] == "telegram_bot");
    CHECK(encode(Tag{1, 1, "", 0x00ab0c})["color"] == "#00ab0c");
    CHECK(encode(FunnelStatus{1, 1, "", 0xFFFFFF, 0, StatusGroup::NotALead})["group"] ==
          "not_a_lead");
    CHECK(encode(sample_filter())["created"] ==
          Json{{"from", 1700000000000}, {"to", 1700086400000}});
    CHECK(encode(sample_filter())["types"] == Json{"unanswered", "unread"});
    CHECK(encode(Sort{})["key"] == "last_message");
    CHECK(encode(sample_result())["outcome"] == "refused");
    CHECK(encode(sample_event())["presence"]["state"] == "typing");
    CHECK(decode<Tag>(parse_json(R"({"id": 1, "color": "#ABCDEF"})")).color == 0xabcdef);
  }

  TEST_CASE("every enum value has its lower snake_case wire name") {
    CHECK(to_string(Role::Owner) == "owner");
    CHECK(to_string(Role::Admin) == "admin");
    CHECK(to_string(Role::Manager) == "manager");
    CHECK(to_string(DialogMode::New) == "new");
    CHECK(to_string(DialogMode::Accepted) == "accepted");
    CHECK(to_string(StatusGroup::Success) == "success");
    CHECK(to_string(StatusGroup::Failure) == "failure");
    CHECK(to_string(Direction::In) == "in");
    CHECK(to_string(MessageKind::Note) == "note");
    CHECK(to_string(MessageKind::System) == "system");
    CHECK(to_string(ReplyTarget::Direct) == "direct");
    CHECK(to_string(DeliveryState::Pending) == "pending");
    CHECK(to_string(DeliveryState::Delivered) == "delivered");
    CHECK(to_string(DeliveryState::Failed) == "failed");
    CHECK(to_string(ReadType::Answered) == "answered");
    CHECK(to_string(SortKey::Created) == "created");
    CHECK(to_string(SortKey::Unread) == "unread");
    CHECK(to_string(BulkAction::MarkRead) == "mark_read");
    CHECK(to_string(BulkAction::MarkUnread) == "mark_unread");
    CHECK(to_string(BulkAction::SetStatus) == "set_status");
    CHECK(to_string(BulkAction::Assign) == "assign");
    CHECK(to_string(BulkAction::Accept) == "accept");
    CHECK(to_string(BulkOutcome::Applied) == "applied");
    CHECK(to_string(BulkOutcome::Unchanged) == "unchanged");
    CHECK(to_string(BulkOutcome::NotFound) == "not_found");
    CHECK(to_string(BulkOutcome::Forbidden) == "forbidden");
    CHECK(to_string(EventKind::DialogChanged) == "dialog_changed");
    CHECK(to_string(EventKind::BulkApplied) == "bulk_applied");
    CHECK(to_string(EventKind::DirectoryChanged) == "directory_changed");
    CHECK(to_string(EventKind::Resync) == "resync");
    CHECK(to_string(EventKind::Heartbeat) == "heartbeat");
    CHECK(to_string(PresenceState::Viewing) == "viewing");
  }

  TEST_CASE("empty optional parts are omitted") {
    Dialog d = sample_dialog();
    d.post.reset();
    CHECK_FALSE(encode(d).contains("post"));
    const Json heartbeat = encode(Event{});
    CHECK(heartbeat["kind"] == "heartbeat");
    CHECK_FALSE(heartbeat.contains("row"));
    CHECK_FALSE(heartbeat.contains("message"));
    CHECK_FALSE(heartbeat.contains("presence"));
    const Event back = decode<Event>(parse_json(heartbeat.dump()));
    CHECK_FALSE(back.row.has_value());
    CHECK_FALSE(back.message.has_value());
    CHECK_FALSE(back.presence.has_value());
  }

  // -------------------------------------------------------------------------------------
  // Lenient decoding

  TEST_CASE("unknown fields are ignored at every level") {
    Json json = encode(DialogRow{sample_dialog(), sample_client()});
    json["extra"] = {{"nested", {1, 2, 3}}};
    json["dialog"]["future_field"] = "значение";
    json["dialog"]["tasks"][0]["priority"] = "high";
    json["client"]["identities"][0]["verified"] = true;
    const DialogRow row = decode<DialogRow>(parse_json(json.dump()));
    CHECK(encode(row) == encode(DialogRow{sample_dialog(), sample_client()}));
  }

  TEST_CASE("absent and null optional fields take the struct defaults") {
    const Dialog d = decode<Dialog>(minimal_dialog());
    CHECK(d.id == 1);
    CHECK(d.channel == ChannelKind::VK);
    CHECK_FALSE(d.post.has_value());
    CHECK(d.response_time_ms == -1);
    CHECK(d.tag_ids.empty());

    const Message m = decode<Message>(
        parse_json(R"({"id": 0, "direction": "in", "kind": "note", "text": null})"));
    CHECK(m.delivery == DeliveryState::Sent);
    CHECK(m.text.empty());

    CHECK(decode<Filter>(parse_json("{}")).empty());
    const ViewQuery q = decode<ViewQuery>(parse_json("{}"));
    CHECK(q.mode == DialogMode::New);
    CHECK(q.sort.key == SortKey::LastMessage);
    CHECK(q.sort.descending);
    CHECK(decode<TimeRange>(parse_json(R"({"to": 5})")).from == 0);
  }

  TEST_CASE("a bulk command requires what its action needs") {
    CHECK(decode<BulkCommand>(parse_json(R"({"action": "mark_read"})")).action ==
          BulkAction::MarkRead);
    CHECK(decode_failure<BulkCommand>(R"({})").path == "bulk_command.action");
    CHECK(decode_failure<BulkCommand>(R"({"action": "set_status"})").what ==
          "bulk_command.status_id: missing required field");
    CHECK(decode_failure<BulkCommand>(R"({"action": "add_tags"})").path == "bulk_command.tag_ids");
    CHECK(decode_failure<BulkCommand>(R"({"action": "assign"})").path ==
          "bulk_command.operator_id");
    CHECK(decode<BulkCommand>(parse_json(R"({"action": "assign", "operator_id": null})"))
              .operator_id == kNoId);
    CHECK(
        decode<BulkCommand>(parse_json(R"({"action": "assign", "operator_id": 12})")).operator_id ==
        12);
    CHECK(decode_failure<BulkCommand>(R"({"action": "set_status", "status_id": null})").path ==
          "bulk_command.status_id");
  }

  TEST_CASE("a bulk request needs a query only when it selects all matching") {
    const BulkRequest listed = decode<BulkRequest>(
        parse_json(R"({"command": {"action": "accept"}, "selection": {"dialog_ids": [1, 2]}})"));
    CHECK(listed.selection.dialog_ids == std::vector<Id>{1, 2});
    CHECK_FALSE(listed.selection.all_matching);
    CHECK(decode_failure<BulkRequest>(
              R"({"command": {"action": "accept"}, "selection": {"all_matching": true}})")
              .what == "bulk_request.selection.query: missing required field");
    CHECK(decode_failure<BulkRequest>(R"({"command": {"action": "accept"}})").path ==
          "bulk_request.selection");
  }

  TEST_CASE("an event requires what its kind carries") {
    CHECK(decode_failure<Event>(R"({"seq": 1})").path == "event.kind");
    CHECK(decode_failure<Event>(R"({"kind": "dialog_changed"})").path == "event.row");
    Json added = encode(sample_event());
    added.erase("message");
    CHECK(decode_failure<Event>(added).path == "event.message");
    CHECK(decode_failure<Event>(R"({"kind": "bulk_applied"})").path == "event.results");
    CHECK(decode_failure<Event>(R"({"kind": "presence"})").path == "event.presence");
    CHECK(decode<Event>(parse_json(R"({"kind": "resync", "seq": 0})")).kind == EventKind::Resync);
  }

  // -------------------------------------------------------------------------------------
  // Bad input: a DecodeError that names the field and says what was expected

  TEST_CASE("a missing required field is named") {
    Json json = minimal_dialog();
    json.erase("mode");
    const Failure f = decode_failure<Dialog>(json);
    CHECK(f.path == "dialog.mode");
    CHECK(f.what == "dialog.mode: missing required field");
    CHECK(decode_failure<Message>(R"({"id": 1, "direction": "out"})").path == "message.kind");
    CHECK(decode_failure<Operator>(R"({"id": 1})").path == "operator.role");
    CHECK(decode_failure<Account>(R"({"name": "x"})").path == "account.id");
    CHECK(decode_failure<DialogRow>(R"({"dialog": {"id": 1, "channel": "vk", "mode": "new"}})")
              .path == "dialog_row.client");
  }

  TEST_CASE("a wrongly typed field is named with what was expected") {
    Json json = minimal_dialog();
    json["id"] = "12";
    CHECK(decode_failure<Dialog>(json).what == "dialog.id: expected an integer");
    json = minimal_dialog();
    json["answered"] = 1;
    CHECK(decode_failure<Dialog>(json).what == "dialog.answered: expected true or false");
    json = minimal_dialog();
    json["last_message"] = 5;
    CHECK(decode_failure<Dialog>(json).what == "dialog.last_message: expected a string");
    json = minimal_dialog();
    json["tag_ids"] = 5;
    CHECK(decode_failure<Dialog>(json).what == "dialog.tag_ids: expected an array");
    json = minimal_dialog();
    json["post"] = "post-17";
    CHECK(decode_failure<Dialog>(json).what == "dialog.post: expected an object");
    CHECK(decode_failure<Filter>(R"({"created": [1, 2]})").what ==
          "filter.created: expected an object");
    CHECK(decode_failure<Tag>(R"({"id": 1, "color": "red"})").what ==
          "tag.color: expected a colour \"#rrggbb\"");
    CHECK(decode_failure<Tag>(R"({"id": 1, "color": "#12345g"})").path == "tag.color");
    CHECK(decode_failure<Tag>(R"({"id": 1, "color": 16711680})").path == "tag.color");
  }

  TEST_CASE("a document that is not an object names the type") {
    CHECK(decode_failure<Dialog>(R"([1, 2])").what == "dialog: expected an object");
    CHECK(decode_failure<BulkRequest>(R"("hello")").what == "bulk_request: expected an object");
    CHECK(decode_failure<Event>(R"(null)").what == "event: expected an object");
  }

  TEST_CASE("an unknown enum value lists the expected ones") {
    Json json = minimal_dialog();
    json["mode"] = "deleted";
    const Failure f = decode_failure<Dialog>(json);
    CHECK(f.path == "dialog.mode");
    CHECK(f.what ==
          "dialog.mode: unknown value \"deleted\", expected one of: new, accepted, archived");
    json = minimal_dialog();
    json["channel"] = "icq";
    CHECK(has(decode_failure<Dialog>(json).what, "dialog.channel: unknown channel \"icq\""));
    CHECK(has(decode_failure<Dialog>(json).what, "telegram_bot"));
    CHECK(decode_failure<BulkCommand>(R"({"action": "delete"})").path == "bulk_command.action");
    CHECK(decode_failure<Filter>(R"({"types": ["unread", "Read"]})").path == "filter.types[1]");
    CHECK(decode_failure<Operator>(R"({"id": 1, "role": "OWNER"})").path == "operator.role");
  }

  TEST_CASE("negative ids, times and counts are refused") {
    Json json = minimal_dialog();
    json["client_id"] = -1;
    CHECK(decode_failure<Dialog>(json).what == "dialog.client_id: expected a non-negative id");
    json = minimal_dialog();
    json["created_at"] = -5;
    CHECK(decode_failure<Dialog>(json).path == "dialog.created_at");
    json = minimal_dialog();
    json["unread"] = -1;
    CHECK(decode_failure<Dialog>(json).path == "dialog.unread");
    json = minimal_dialog();
    json["response_time_ms"] = -2;
    CHECK(decode_failure<Dialog>(json).path == "dialog.response_time_ms");
    json["response_time_ms"] = -1;
    CHECK(decode<Dialog>(json).response_time_ms == -1);
    json["price"] = -300;  // a refund is still an amount
    CHECK(decode<Dialog>(json).price == -300);
  }

  TEST_CASE("a float is never an integer and out-of-range integers are refused") {
    CHECK(decode_failure<Account>(R"({"id": 1.5})").what == "account.id: expected an integer");
    CHECK(decode_failure<Account>(R"({"id": 3.0})").what == "account.id: expected an integer");
    CHECK(decode_failure<Account>(R"({"id": 1e3})").path == "account.id");
    CHECK(decode_failure<Account>(R"({"id": 18446744073709551615})").what ==
          "account.id: integer out of range");
    CHECK(decode_failure<Account>(R"({"id": 123456789012345678901234567890})").path ==
          "account.id");
    CHECK(decode_failure<Dialog>(R"({"id": 1, "channel": "vk", "mode": "new",
                                     "unread": 4294967296})")
              .path == "dialog.unread");
    CHECK(decode<Account>(parse_json(R"({"id": 9223372036854775807})")).id == INT64_MAX);
  }

  TEST_CASE("an array element of the wrong type is named by its index") {
    CHECK(decode_failure<Filter>(R"({"tags": [1, 2, "x"]})").what ==
          "filter.tags[2]: expected an integer");
    CHECK(decode_failure<Filter>(R"({"channels": ["vk", 3]})").path == "filter.channels[1]");
    Json json = encode(sample_client());
    json["identities"][1]["channel"] = "pager";
    CHECK(decode_failure<Client>(json).path == "client.identities[1].channel");
    json = encode(sample_event());
    json["row"]["dialog"]["tasks"][0]["due"] = "tomorrow";
    CHECK(decode_failure<Event>(json).what == "event.row.dialog.tasks[0].due: expected an integer");
    json = encode(sample_event());
    json["row"]["dialog"]["mode"] = 2;
    CHECK(decode_failure<Event>(json).what == "event.row.dialog.mode: expected a string");
    json = encode(sample_request());
    json["selection"]["query"]["filter"]["tags"][1] = nullptr;
    CHECK(decode_failure<BulkRequest>(json).path == "bulk_request.selection.query.filter.tags[1]");
    json = encode(sample_event());
    json["message"]["attachments"][0]["size"] = -1;
    CHECK(decode_failure<Event>(json).path == "event.message.attachments[0].size");
  }

  TEST_CASE("malformed JSON is refused with its byte position") {
    Failure f = parse_failure(R"({"id": })");
    CHECK(f.path == "body");
    CHECK(has(f.what, "body: malformed JSON at byte 8"));
    CHECK(parse_failure(R"({"id": 1,})").path == "body");
    CHECK(parse_failure(R"({"id": 1} trailing)").path == "body");
    CHECK(parse_failure("{'id': 1}").path == "body");
    CHECK(parse_failure(R"({"id": 1 /* comment */})").path == "body");
    CHECK(parse_failure(std::string("{\"id\"\0: 1}", 10)).path == "body");
    CHECK(parse_failure(R"(["\ud800"])").path == "body");  // a lone surrogate escape
  }

  TEST_CASE("a key twice in one request's object is refused, the same key in two is not") {
    CHECK(request_failure(R"({"operator_id": 1, "operator_id": 2})") ==
          "body: duplicate key \"operator_id\"");
    CHECK(request_failure(R"({"a": {"b": 1, "b": 1}})") == "body: duplicate key \"b\"");
    CHECK(request_failure(R"({"\u0061": 1, "a": 2})") == "body: duplicate key \"a\"");
    CHECK(request_failure(R"([{"a": 1}, {"a": 2, "a": 3}])") == "body: duplicate key \"a\"");
    CHECK(parse_request_json(R"([{"a": 1}, {"a": 2}, {"b": {"a": 3}}])").size() == 3);
    CHECK(parse_request_json(R"({"a": [1, {"a": 2}], "b": 1})")["a"][1]["a"] == 2);
  }

  TEST_CASE("a NUL character escaped in a request's string or key is refused") {
    CHECK(request_failure(R"({"text": "a\u0000b"})") ==
          "body: a NUL character (\\u0000) in a string");
    CHECK(request_failure(R"(["\u0000"])") == "body: a NUL character (\\u0000) in a string");
    CHECK(request_failure(R"({"a\u0000": 1})") == "body: a NUL character in a key");
    // Stored text (a channel's message may hold one) still reads.
    CHECK(parse_json(R"({"text": "a\u0000b"})")["text"].get<std::string>().size() == 3);
    CHECK(parse_json(R"({"text": "a\u0001b"})")["text"] ==
          "a\x01"
          "b");  // other controls are text
  }

  TEST_CASE("a NUL byte anywhere is refused, not taken as the text's end") {
    using namespace std::string_literals;
    CHECK(parse_failure("{\"text\": \"x\"}\0"s).what == "body: a NUL byte");
    CHECK(parse_failure("{\"text\": \"x\0y\"}"s).what == "body: a NUL byte");
    CHECK(parse_failure("\0"s).what == "body: a NUL byte");
  }

  TEST_CASE("an empty body is refused") {
    CHECK(parse_failure("").what == "body: empty body");
    CHECK(parse_failure(" \r\n\t ").what == "body: empty body");
  }

  TEST_CASE("invalid UTF-8 anywhere in the text is refused") {
    CHECK(parse_failure("{\"name\": \"\xff\"}").what == "body: invalid UTF-8");
    CHECK(parse_failure("{\"name\": \"\xd0\"}").what == "body: invalid UTF-8");      // cut short
    CHECK(parse_failure("{\"name\": \"\xc0\xaf\"}").what == "body: invalid UTF-8");  // overlong
    CHECK(parse_failure("{\"na\xedm\xa0\x80\": 1}").what == "body: invalid UTF-8");
    CHECK(parse_json("\xef\xbb\xbf{}").is_object());  // a leading BOM is valid and skipped
  }

  TEST_CASE("invalid UTF-8 in a value built in code is refused by decode") {
    Json json = {{"id", 1}, {"name", "\xd0\x9f\xff"}};
    CHECK(decode_failure<Account>(json).what == "account.name: expected valid UTF-8 text");
  }

  TEST_CASE("nesting deeper than the limit is refused before parsing") {
    const std::string ok = std::string(kMaxJsonDepth, '[') + std::string(kMaxJsonDepth, ']');
    CHECK(parse_json(ok).is_array());
    const std::string deep =
        std::string(kMaxJsonDepth + 1, '[') + std::string(kMaxJsonDepth + 1, ']');
    const Failure f = parse_failure(deep);
    CHECK(f.path == "body");
    CHECK(has(f.what, "nesting deeper than 64 levels"));
    CHECK(parse_failure(std::string(100000, '{')).path == "body");
    // Brackets inside strings, escaped quotes included, are text, not nesting.
    const std::string text = "[\"\\\"" + std::string(200, '[') + "\"]";
    CHECK(parse_json(text)[0].get<std::string>().size() == 201);
  }

  TEST_CASE("no exception but DecodeError leaves decode") {
    CHECK(decode_failure<Account>(Json::binary({1, 2, 3})).path == "account");
    Json json = {{"id", 1}, {"name", Json::binary({0xff})}};
    CHECK(decode_failure<Account>(json).path == "account.name");
    CHECK(decode_failure<Dialog>(Json(Json::value_t::discarded)).path == "dialog");
  }

  TEST_CASE("every truncation or corruption of a valid document decodes or fails cleanly") {
    const std::string text = encode(sample_event()).dump();
    int decoded = 0;
    int refused = 0;
    auto attempt = [&](std::string_view input) {
      try {
        decode<Event>(parse_json(input));
        ++decoded;
      } catch (const DecodeError&) {
        ++refused;
      } catch (const std::exception& e) {
        FAIL("unexpected exception: ", e.what());
      }
    };
    for (std::size_t n = 0; n <= text.size(); ++n) attempt(std::string_view(text).substr(0, n));
    CHECK(decoded == 1);  // only the whole document
    for (std::size_t i = 0; i < text.size(); ++i) {
      for (char c : {'"', '{', ']', '1', '-', 'x', '\0', '\xd0', '\xff'}) {
        std::string broken = text;
        broken[i] = c;
        attempt(broken);
      }
    }
    CHECK(refused > static_cast<int>(text.size()));
  }
}
