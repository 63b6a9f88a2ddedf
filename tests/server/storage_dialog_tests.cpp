// Specs of the SQLite store's clients, dialogs, messages and event log.
#include <doctest/doctest.h>

#include "core/lifecycle.hpp"
#include "server/storage/store.hpp"
#include "storage_fixture.hpp"

using namespace server;
using storage_test::json_of;
using storage_test::TempStore;

namespace {

// An account with one Instagram source, a status, a tag and an operator.
struct Account {
  Id id = 0;
  core::Source source;
  core::FunnelStatus status;
  core::Tag tag;
  core::Operator op;

  explicit Account(Store& store, const std::string& name = "A") {
    id = store.create_account(name);
    source = {0, id, core::ChannelKind::Instagram, "Instagram", "@shop"};
    source.id = store.save_source(source);
    status = {0, id, "В работе", 0x3B82F6, 0, core::StatusGroup::Active};
    status.id = store.save_status(status);
    tag = {0, id, "VIP", 0xEAB308};
    tag.id = store.save_tag(tag);
    op = {0, id, "Олег", name + "@shop.ru", core::Role::Manager, {source.id}, false};
    op.id = store.save_operator(op, "h");
  }

  core::Client client(const std::string& name = "Анна Иванова") const {
    core::Client c;
    c.account_id = id;
    c.display_name = name;
    c.nick = "anna_77";
    c.phone = "79991234567";
    c.identities = {{core::ChannelKind::Instagram, "anna_77"},
                    {core::ChannelKind::WhatsApp, "79991234567"}};
    return c;
  }

  core::Dialog dialog(Id client_id) const {
    core::Client c;
    c.id = client_id;
    c.account_id = id;
    return core::open_dialog(0, c, source, 1'000'000);
  }
};

core::Message inbound(Id dialog_id, core::TimeMs at, const std::string& external_id = "") {
  core::Message m;
  m.dialog_id = dialog_id;
  m.direction = core::Direction::In;
  m.text = "Здравствуйте!";
  m.external_id = external_id;
  m.created_at = at;
  return m;
}

}  // namespace

TEST_CASE("a client round-trips with identities and is found by one of them") {
  TempStore db;
  Account acc(*db);
  core::Client c = acc.client();
  c.avatar_url = "avatars/1.png";
  c.id = db->save_client(c);
  const auto loaded = db->client(acc.id, c.id);
  REQUIRE(loaded);
  CHECK(json_of(*loaded) == json_of(c));

  const auto found = db->find_client(acc.id, core::ChannelKind::WhatsApp, "79991234567");
  REQUIRE(found);
  CHECK(found->id == c.id);
  CHECK_FALSE(db->find_client(acc.id, core::ChannelKind::Telegram, "79991234567"));
  CHECK_FALSE(db->client(acc.id, c.id + 999));

  // Saving again replaces the identities.
  c.identities = {{core::ChannelKind::Telegram, "@anna"}};
  db->save_client(c);
  CHECK_FALSE(db->find_client(acc.id, core::ChannelKind::WhatsApp, "79991234567"));
  CHECK(db->find_client(acc.id, core::ChannelKind::Telegram, "@anna"));
}

TEST_CASE("a dialog round-trips with post, fields, tags and tasks") {
  TempStore db;
  Account acc(*db);
  const Id client = db->save_client(acc.client());
  core::Dialog d = acc.dialog(client);
  d.post = core::PostRef{"post-1", "https://instagram.com/p/1", "Новая коллекция"};
  d.mode = core::DialogMode::Accepted;
  d.status_id = acc.status.id;
  d.responsible_id = acc.op.id;
  d.tag_ids = {acc.tag.id};
  d.price = 1'500'000;
  d.fields = {{"Сумма сделки", "15000"}, {"Город", "Казань"}};
  d.tasks.push_back({0, 0, "Перезвонить", 2'000'000, false, acc.op.id});
  d.unread = 3;
  d.response_time_ms = 42'000;
  d.answered = true;
  d.last_message = "Спасибо";
  d.id = db->save_dialog(d);

  const auto row = db->dialog(acc.id, d.id);
  REQUIRE(row);
  REQUIRE(row->dialog.tasks.size() == 1);
  CHECK(row->dialog.tasks[0].id > 0);
  d.tasks[0].id = row->dialog.tasks[0].id;  // assigned on save
  d.tasks[0].dialog_id = d.id;
  CHECK(json_of(row->dialog) == json_of(d));
  CHECK(row->client.display_name == "Анна Иванова");
  CHECK(row->client.identities.size() == 2);

  const auto by_client = db->dialog_by_client(acc.id, acc.source.id, client);
  REQUIRE(by_client);
  CHECK(by_client->id == d.id);
  CHECK_FALSE(db->dialog_by_client(acc.id, acc.source.id + 1000, client));

  // Updating drops the post and the tag.
  d.post.reset();
  d.tag_ids.clear();
  db->save_dialog(d);
  const auto updated = db->dialog(acc.id, d.id);
  CHECK_FALSE(updated->dialog.post);
  CHECK(updated->dialog.tag_ids.empty());
}

TEST_CASE("a dialog whose references are not of its account is refused as invalid") {
  TempStore db;
  Account a(*db, "a");
  Account b(*db, "b");
  const Id client = db->save_client(a.client());
  auto kind_of = [&](const core::Dialog& d) {
    try {
      db->save_dialog(d);
    } catch (const StoreError& e) {
      return e.kind();
    }
    return StoreError::Kind::Failure;  // saved: not what these cases expect
  };
  core::Dialog d = a.dialog(client);
  d.status_id = b.status.id;
  CHECK(kind_of(d) == StoreError::Kind::Invalid);
  d = a.dialog(client);
  d.tag_ids = {b.tag.id};
  CHECK(kind_of(d) == StoreError::Kind::Invalid);
  d = a.dialog(client);
  d.responsible_id = b.op.id;
  CHECK(kind_of(d) == StoreError::Kind::Invalid);
  d = a.dialog(client);
  d.source_id = b.source.id;
  CHECK(kind_of(d) == StoreError::Kind::Invalid);
  d = a.dialog(client);
  d.channel = core::ChannelKind::VK;
  CHECK(kind_of(d) == StoreError::Kind::Invalid);
  d = a.dialog(client);
  d.client_id = 123456;
  CHECK(kind_of(d) == StoreError::Kind::Invalid);
}

TEST_CASE("deleting a status or a tag takes it off the dialogs") {
  TempStore db;
  Account acc(*db);
  core::Dialog d = acc.dialog(db->save_client(acc.client()));
  d.status_id = acc.status.id;
  d.tag_ids = {acc.tag.id};
  d.id = db->save_dialog(d);
  CHECK(db->delete_status(acc.id, acc.status.id));
  CHECK(db->delete_tag(acc.id, acc.tag.id));
  const auto row = db->dialog(acc.id, d.id);
  CHECK(row->dialog.status_id == core::kNoId);
  CHECK(row->dialog.tag_ids.empty());
}

TEST_CASE("messages page newest first with a before cursor") {
  TempStore db;
  Account acc(*db);
  const Id dialog = db->save_dialog(acc.dialog(db->save_client(acc.client())));
  std::vector<Id> ids;
  for (int i = 0; i < 7; ++i) ids.push_back(db->save_message(inbound(dialog, 1000 + i * 10)));
  // One that arrived late but was written earlier sorts by its time.
  const Id late = db->save_message(inbound(dialog, 1005));

  auto page = db->messages(acc.id, dialog, 0, 3);
  REQUIRE(page.messages.size() == 3);
  CHECK(page.messages[0].id == ids[6]);
  CHECK(page.messages[2].id == ids[4]);
  CHECK(page.next_before == ids[4]);
  page = db->messages(acc.id, dialog, page.next_before, 3);
  CHECK(page.messages[0].id == ids[3]);
  page = db->messages(acc.id, dialog, page.next_before, 3);
  REQUIRE(page.messages.size() == 2);
  CHECK(page.messages[0].id == late);
  CHECK(page.messages[1].id == ids[0]);
  CHECK(page.next_before == 0);
  CHECK(db->messages(acc.id + 1, dialog, 0, 10).messages.empty());
  CHECK(db->messages(acc.id, dialog, 987654, 10).messages.empty());
}

TEST_CASE("a message round-trips and a duplicate external id is a conflict") {
  TempStore db;
  Account acc(*db);
  const Id dialog = db->save_dialog(acc.dialog(db->save_client(acc.client())));
  core::Message m = inbound(dialog, 5000, "wamid.1");
  m.kind = core::MessageKind::File;
  m.attachments = {{"фото.jpg", "image/jpeg", "https://x/1.jpg", 48000}};
  m.reply_to = core::ReplyTarget::Comment;
  m.id = db->save_message(m);
  const auto found = db->message_by_external_id(acc.id, acc.source.id, "wamid.1");
  REQUIRE(found);
  CHECK(json_of(*found) == json_of(m));
  CHECK_FALSE(db->message_by_external_id(acc.id, acc.source.id, "wamid.2"));
  CHECK_FALSE(db->message_by_external_id(acc.id, acc.source.id, ""));

  try {
    db->save_message(inbound(dialog, 6000, "wamid.1"));
    FAIL("expected a conflict");
  } catch (const StoreError& e) {
    CHECK(e.kind() == StoreError::Kind::Conflict);
  }
  // Messages without an external id never collide.
  db->save_message(inbound(dialog, 6000));
  db->save_message(inbound(dialog, 6001));
  CHECK(db->messages(acc.id, dialog, 0, 10).messages.size() == 3);

  try {
    db->save_message(inbound(424242, 1));
    FAIL("expected not found");
  } catch (const StoreError& e) {
    CHECK(e.kind() == StoreError::Kind::NotFound);
  }
}

TEST_CASE("adding a message writes its dialog's activity and keeps every other field as stored") {
  TempStore db;
  Account acc(*db);
  core::Dialog d = acc.dialog(db->save_client(acc.client()));
  d.post = core::PostRef{"post-1", "https://instagram.com/p/1", "Пост"};
  d.status_id = acc.status.id;
  d.responsible_id = acc.op.id;
  d.tag_ids = {acc.tag.id};
  d.price = 150000;
  d.fields = {{"Город", "Казань"}};
  d.tasks = {{0, 0, "Перезвонить", 2'000'000, false, acc.op.id}};
  d.mode = core::DialogMode::Archived;
  d.id = db->save_dialog(d);
  const core::Dialog stored = db->dialog(acc.id, d.id)->dialog;

  // A copy whose other fields went stale: only what the message changes is written.
  core::Dialog seen = stored;
  seen.status_id = 0;
  seen.responsible_id = 0;
  seen.tag_ids.clear();
  seen.price = 1;
  seen.fields.clear();
  seen.tasks.clear();
  seen.post.reset();
  core::Message m = inbound(d.id, 5000, "wamid.9");
  core::apply_message(seen, m);
  CHECK(seen.mode == core::DialogMode::New);  // an archived dialog reopens
  m.id = db->add_message(m, seen);
  CHECK(m.id != 0);

  core::Dialog want = stored;
  want.mode = core::DialogMode::New;
  want.unread = seen.unread;
  want.answered = seen.answered;
  want.awaiting_since = seen.awaiting_since;
  want.response_time_ms = seen.response_time_ms;
  want.last_inbound_at = seen.last_inbound_at;
  want.last_message_at = seen.last_message_at;
  want.last_message = seen.last_message;
  CHECK(want.unread == 1);
  CHECK(want.last_message == "Здравствуйте!");
  CHECK(json_of(db->dialog(acc.id, d.id)->dialog) == json_of(want));
  const auto found = db->message_by_external_id(acc.id, acc.source.id, "wamid.9");
  REQUIRE(found);
  CHECK(json_of(*found) == json_of(m));

  // An answer clears unread and measures the response time.
  core::Message answer;
  answer.dialog_id = d.id;
  answer.direction = core::Direction::Out;
  answer.text = "Добрый день";
  answer.created_at = 6500;
  core::apply_message(want, answer);
  db->add_message(answer, want);
  const core::Dialog answered = db->dialog(acc.id, d.id)->dialog;
  CHECK(answered.unread == 0);
  CHECK(answered.answered);
  CHECK(answered.response_time_ms == 1500);
  CHECK(answered.last_message == "Добрый день");
  CHECK(json_of(answered) == json_of(want));
}

TEST_CASE("adding a message refuses a duplicate external id and a dialog of another account") {
  TempStore db;
  Account acc(*db);
  Account other(*db, "B");
  core::Dialog d = acc.dialog(db->save_client(acc.client()));
  d.id = db->save_dialog(d);
  core::Message m = inbound(d.id, 5000, "wamid.1");
  core::apply_message(d, m);
  db->add_message(m, d);
  const std::string after_first = json_of(db->dialog(acc.id, d.id)->dialog);

  core::Dialog again = d;
  core::apply_message(again, inbound(d.id, 6000, "wamid.1"));
  try {
    db->add_message(inbound(d.id, 6000, "wamid.1"), again);
    FAIL("expected a conflict");
  } catch (const StoreError& e) {
    CHECK(e.kind() == StoreError::Kind::Conflict);
  }
  // The refused message's dialog change was rolled back with it.
  CHECK(json_of(db->dialog(acc.id, d.id)->dialog) == after_first);

  core::Dialog foreign = d;
  foreign.account_id = other.id;
  try {
    db->add_message(inbound(d.id, 7000), foreign);
    FAIL("expected not found");
  } catch (const StoreError& e) {
    CHECK(e.kind() == StoreError::Kind::NotFound);
  }
  try {
    db->add_message(inbound(424242, 7000), d);  // not the dialog given
    FAIL("expected not found");
  } catch (const StoreError& e) {
    CHECK(e.kind() == StoreError::Kind::NotFound);
  }
  CHECK(db->messages(acc.id, d.id, 0, 10).messages.size() == 1);
  CHECK(json_of(db->dialog(acc.id, d.id)->dialog) == after_first);
}

TEST_CASE("events get increasing seqs per account, replay after a seq and are pruned") {
  TempStore db;
  Account a(*db, "a");
  Account b(*db, "b");
  CHECK(db->last_seq(a.id) == 0);
  CHECK(db->first_retained_seq(a.id) == 1);
  for (int i = 1; i <= 5; ++i) {
    core::Event e;
    e.kind = core::EventKind::MessageAdded;
    e.at = 1000 + i;
    e.message = inbound(0, 1000 + i, "x" + std::to_string(i));
    e.row = core::DialogRow{};
    CHECK(db->append_event(a.id, e) == i);
    CHECK(e.seq == i);
  }
  core::Event other;
  other.kind = core::EventKind::DirectoryChanged;
  CHECK(db->append_event(b.id, other) == 1);

  const auto after = db->events_after(a.id, 2, 10);
  REQUIRE(after.size() == 3);
  CHECK(after[0].seq == 3);
  CHECK(after[0].kind == core::EventKind::MessageAdded);
  REQUIRE(after[0].message);
  CHECK(after[0].message->external_id == "x3");
  CHECK(db->events_after(a.id, 2, 1).size() == 1);

  CHECK(db->prune_events(a.id, 2) == 3);
  CHECK(db->first_retained_seq(a.id) == 4);
  CHECK(db->last_seq(a.id) == 5);
  CHECK(db->events_after(b.id, 0, 10).size() == 1);
  CHECK(db->prune_events(a.id, 0) == 2);
  CHECK(db->first_retained_seq(a.id) == 6);
  core::Event next;
  CHECK(db->append_event(a.id, next) == 6);  // a seq is never reused

  try {
    db->append_event(999999, next);
    FAIL("expected not found");
  } catch (const StoreError& e) {
    CHECK(e.kind() == StoreError::Kind::NotFound);
  }
}
