// Specs of moving an SQLite install to PostgreSQL (server/storage/migrate):
// afterwards operators see what they saw before, ids and event seqs carry on,
// and a target that holds data is refused untouched. The copies need a
// PostgreSQL server (CHATS_TEST_POSTGRES); the copy list's coverage of the
// SQLite schema is checked on either run.
#include <doctest/doctest.h>

#include <algorithm>
#include <set>

#include "core/lifecycle.hpp"

#include "server/storage/migrate/sqlite_to_postgres.hpp"
#include "server/storage/seed.hpp"
#include "server/storage/sqlite/sqlite_db.hpp"
#include "storage_fixture.hpp"

using namespace server;
using storage_test::error_kind_of;
using storage_test::json_of;
using storage_test::on_postgres;
using storage_test::TempStore;

namespace {

constexpr TimeMs kNow = 1'760'000'000'000;

// An SQLite install of its own, whichever engine the run's stores use.
struct SqliteFile {
  std::filesystem::path path;
  explicit SqliteFile(const std::string& name)
      : path(std::filesystem::temp_directory_path() /
             ("chats_migrate_test_" + std::to_string(::getpid()) + "_" + name + ".db")) {
    remove_files();
  }
  ~SqliteFile() { remove_files(); }
  std::unique_ptr<Store> open() const { return open_sqlite_store(path.string()); }
  void remove_files() {
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm"}) {
      std::filesystem::remove(path.string() + suffix, ec);
    }
  }
};

template <class T>
std::string jsons(const std::vector<T>& values) {
  std::string out;
  for (const T& v : values) out += json_of(v) + "\n";
  return out;
}

std::string blocks(const std::vector<BlockEntry>& entries) {
  std::string out;
  for (const BlockEntry& b : entries) {
    out += std::to_string(b.id) + " " + std::to_string(static_cast<int>(b.kind)) + " " + b.value +
           "\n";
  }
  return out;
}

std::string directory_json(const core::Directory& d) {
  return jsons(d.operators) + jsons(d.sources) + jsons(d.statuses) + jsons(d.tags) +
         jsons(d.templates);
}

// Every window of the view, as the client pages through it: ids in order, then the totals.
std::string list_windows(Store& store, const core::Operator& viewer, const core::ViewQuery& q) {
  std::string out;
  ListRequest request;
  request.query = q;
  request.limit = 37;
  for (;;) {
    const ListResult r = store.list_dialogs(viewer, request);
    if (request.cursor.empty()) {
      out += "total " + std::to_string(r.total);
      for (const ModeCount& c : r.counts) {
        out += " " + std::to_string(c.total) + "/" + std::to_string(c.unread);
      }
      out += "\n";
    }
    for (const core::DialogRow& row : r.rows) out += json_of(row) + "\n";
    if (r.next_cursor.empty()) return out;
    request.cursor = r.next_cursor;
    request.with_totals = false;
  }
}

std::vector<core::ViewQuery> views(const core::Directory& dir) {
  std::vector<core::ViewQuery> out;
  for (int m = 0; m < core::kDialogModeCount; ++m) {
    core::ViewQuery q;
    q.mode = static_cast<core::DialogMode>(m);
    out.push_back(q);  // newest first
    q.sort = {core::SortKey::Created, false};
    out.push_back(q);
    q.sort = {core::SortKey::Price, true};
    out.push_back(q);
    q.sort = {core::SortKey::ResponseTime, false};
    out.push_back(q);
    q.sort = {core::SortKey::Unread, true};
    out.push_back(q);
  }
  core::ViewQuery by_tag;
  by_tag.mode = core::DialogMode::Accepted;
  by_tag.filter.tags = {dir.tags.at(0).id};
  out.push_back(by_tag);
  core::ViewQuery by_status;
  by_status.mode = core::DialogMode::Accepted;
  by_status.filter.statuses = {dir.statuses.at(1).id};
  by_status.filter.types = {core::ReadType::Unanswered};
  out.push_back(by_status);
  core::ViewQuery search;
  search.mode = core::DialogMode::New;
  search.filter.search = "а";
  search.sort = {core::SortKey::Created, true};
  out.push_back(search);
  return out;
}

// The largest id of any row of the file, read from the file itself.
Id largest_id(const std::filesystem::path& path) {
  sqlite::Db db(path.string());
  Id largest = 0;
  for (const char* table : {"accounts", "sources", "operators", "funnel_statuses", "tags",
                            "templates", "block_list", "clients", "dialogs", "tasks", "messages"}) {
    sql::Stmt stmt = db.prepare(std::string("SELECT coalesce(max(id), 0) FROM ") + table);
    REQUIRE(stmt.step());
    largest = std::max(largest, stmt.int64(0));
  }
  return largest;
}

// What the install holds beside the seed: the rows only use makes.
struct Extras {
  Id message_id = 0;  // queued for delivery
  Id inbound_id = 0;
};

Extras add_use(Store& store, const SeedStats& seed) {
  Extras e;
  const core::Directory dir = store.directory(seed.account_id);
  const Id owner = dir.operators.at(0).id;
  store.save_session({"token-hash-owner", owner, seed.account_id, kNow + 86'400'000});
  store.save_invitation({"invite-hash", dir.operators.at(1).id, seed.account_id, kNow + 1000});
  store.save_idempotent_reply(owner, "key-1", {201, R"({"id":1})"});
  store.add_block({0, seed.account_id, BlockKind::StopWord, "spam\ttab\nline\\slash"});

  ListRequest request;
  request.query.mode = core::DialogMode::Accepted;
  const ListResult list = store.list_dialogs(dir.operators.at(0), request);
  const core::DialogRow& row = list.rows.at(0);
  core::Message reply;
  reply.dialog_id = row.dialog.id;
  reply.direction = core::Direction::Out;
  reply.text = "Ответ оператора";
  reply.author_id = owner;
  reply.delivery = core::DeliveryState::Pending;
  reply.created_at = kNow + 10;
  core::Dialog changed = row.dialog;
  core::apply_message(changed, reply);
  store.transaction([&] {
    e.message_id = store.add_message(reply, changed);
    store.channels().enqueue(
        {e.message_id, seed.account_id, row.dialog.id, row.dialog.source_id, 1, kNow + 60, "busy"});
    for (int i = 1; i <= 5; ++i) {
      core::Event event;
      event.kind = core::EventKind::MessageAdded;
      event.at = kNow + i;
      event.message = reply;
      event.message->id = e.message_id;
      event.row = core::DialogRow{changed, row.client};
      store.append_event(seed.account_id, event);
    }
  });
  store.prune_events(seed.account_id, 3);  // last_seq stays 5, the log keeps 3..5
  e.inbound_id = store.channels().add_inbound({0, seed.webchat_source, R"({"u":1})", kNow});
  store.channels().add_inbound({0, seed.webchat_source, R"({"u":2})", kNow + 1});
  store.channels().delete_inbound(store.channels().add_inbound(
      {0, seed.webchat_source, R"({"u":3})", kNow + 2}));  // its id is not handed out again
  return e;
}

// Two demo accounts with use on top, in an SQLite file.
struct Install {
  SqliteFile file{"source"};
  SeedStats first;
  SeedStats second;
  Extras extras;

  explicit Install(int dialogs) {
    auto store = file.open();
    SeedOptions options;
    options.dialogs = dialogs;
    options.batch = 100;
    options.now = kNow;
    options.password_hash = "$argon2id$demo";
    first = seed_demo(*store, options);
    options.dialogs = 40;
    options.email_prefix = "b.";
    options.seed = 7;
    second = seed_demo(*store, options);
    extras = add_use(*store, first);
  }
};

std::int64_t rows_of(const migrate::MigrateStats& stats, const std::string& table) {
  for (const migrate::TableStats& t : stats.tables) {
    if (t.table == table) return t.rows;
  }
  return -1;
}

// The schema's indexes and constraints as PostgreSQL would make them again,
// the schema's name left out.
std::string schema_definitions(const std::string& location) {
  postgres::Db db(location);
  std::string out;
  sql::Stmt indexes = db.prepare(
      "SELECT replace(indexdef, schemaname || '.', '') FROM pg_indexes "
      "WHERE schemaname = current_schema() ORDER BY indexname");
  while (indexes.step()) out += indexes.text(0) + "\n";
  sql::Stmt constraints = db.prepare(
      "SELECT c.relname || ' ' || k.conname || ' ' || pg_get_constraintdef(k.oid) "
      "FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid "
      "JOIN pg_namespace n ON n.oid = k.connamespace "
      "WHERE n.nspname = current_schema() ORDER BY k.conname");
  while (constraints.step()) out += constraints.text(0) + "\n";
  return out;
}

std::set<std::string> copy_list() {
  const std::vector<std::string>& tables = migrate::copied_tables();
  return {tables.begin(), tables.end()};
}

}  // namespace

TEST_CASE("every table of the SQLite schema is in the migration's copy list, once") {
  SqliteFile file("schema");
  file.open();
  sqlite::Db db(file.path.string());
  sql::Stmt stmt = db.prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' "
      "ESCAPE '\\'");
  std::set<std::string> tables;
  while (stmt.step()) tables.insert(stmt.text(0));
  CHECK(tables == copy_list());
  CHECK(copy_list().size() == migrate::copied_tables().size());
}

TEST_CASE("every table of the PostgreSQL schema is in the migration's copy list" *
          doctest::skip(!on_postgres())) {
  TempStore target;
  postgres::Db db(target.location());
  sql::Stmt stmt = db.prepare(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
      "AND table_name <> 'schema_version'");
  std::set<std::string> tables;
  while (stmt.step()) tables.insert(stmt.text(0));
  CHECK(tables == copy_list());
}

TEST_CASE("an SQLite install moved to PostgreSQL shows operators what it showed, and carries on" *
          doctest::skip(!on_postgres())) {
  Install install(300);
  const Id largest = largest_id(install.file.path);
  TempStore target;

  const migrate::MigrateStats stats =
      migrate::sqlite_to_postgres(install.file.path.string(), target.location());
  target.reopen();
  Store& pg = *target;
  auto source = install.file.open();

  CHECK(rows_of(stats, "accounts") == 2);
  CHECK(rows_of(stats, "dialogs") == 340);
  CHECK(rows_of(stats, "messages") == install.first.messages + install.second.messages + 1);
  CHECK(rows_of(stats, "sessions") == 1);
  CHECK(rows_of(stats, "outbound_queue") == 1);
  CHECK(rows_of(stats, "events") == 3);
  CHECK(rows_of(stats, "inbound_updates") == 2);
  CHECK(rows_of(stats, "client_identities") > 0);
  CHECK(stats.tables.size() == migrate::copied_tables().size());
  {
    TempStore fresh;  // what the copy dropped is all back, as the schema has it
    CHECK(schema_definitions(target.location()) == schema_definitions(fresh.location()));
    const std::string definitions = schema_definitions(target.location());
    CHECK(definitions.find("dialogs_by_last_message") != std::string::npos);
    CHECK(definitions.find("FOREIGN KEY (dialog_id) REFERENCES dialogs(id)") != std::string::npos);
  }

  REQUIRE(pg.account_ids() == source->account_ids());
  for (const Id account : source->account_ids()) {
    CAPTURE(account);
    CHECK(json_of(*pg.account(account)) == json_of(*source->account(account)));
    const core::Directory dir = source->directory(account);
    CHECK(directory_json(pg.directory(account)) == directory_json(dir));
    CHECK(pg.last_seq(account) == source->last_seq(account));
    CHECK(jsons(pg.events_after(account, 0, 100)) == jsons(source->events_after(account, 0, 100)));
    CHECK(blocks(pg.block_list(account)) == blocks(source->block_list(account)));
    const core::Operator& owner = dir.operators.at(0);
    for (const core::ViewQuery& q : views(dir)) {
      CAPTURE(json_of(q));
      const std::string before = list_windows(*source, owner, q);
      CHECK(list_windows(pg, owner, q) == before);
    }
    ListRequest request;
    request.query.mode = core::DialogMode::Accepted;
    request.limit = 10;
    for (const core::DialogRow& row : source->list_dialogs(owner, request).rows) {
      CHECK(jsons(pg.messages(account, row.dialog.id, 0, 100).messages) ==
            jsons(source->messages(account, row.dialog.id, 0, 100).messages));
      CHECK(json_of(*pg.client(account, row.client.id)) == json_of(row.client));
    }
  }
  CHECK(pg.last_seq(install.first.account_id) == 5);

  const auto credentials = pg.credentials_by_email("OWNER@romashka.ru");
  REQUIRE(credentials);
  CHECK(credentials->password_hash == "$argon2id$demo");
  CHECK(json_of(credentials->op) == json_of(source->credentials_by_email("owner@romashka.ru")->op));
  const auto session = pg.session("token-hash-owner");
  REQUIRE(session);
  CHECK(session->operator_id == credentials->op.id);
  CHECK(session->expires_at == kNow + 86'400'000);
  CHECK(pg.invitation("invite-hash"));
  const auto reply = pg.idempotent_reply(credentials->op.id, "key-1");
  REQUIRE(reply);
  CHECK(reply->body == R"({"id":1})");
  const auto queued = pg.channels().queued(install.extras.message_id);
  REQUIRE(queued);
  CHECK(queued->attempts == 1);
  CHECK(queued->last_error == "busy");
  CHECK(pg.channels().queue_length() == 1);
  const auto inbound = pg.channels().inbound(10);
  REQUIRE(inbound.size() == 2);
  CHECK(inbound[0].id == install.extras.inbound_id);
  const auto connection = pg.channels().connection(install.first.webchat_source);
  REQUIRE(connection);
  CHECK(connection->enabled);
  CHECK(connection->settings ==
        source->channels().connection(install.first.webchat_source)->settings);

  // New rows get new ids: past every copied one, the event log past its last seq.
  const Id next = pg.next_id();
  CHECK(next > largest);
  CHECK(pg.channels().add_inbound({0, install.first.webchat_source, "{}", kNow}) >
        install.extras.inbound_id + 2);
  const core::Directory dir = pg.directory(install.first.account_id);
  core::Client client;
  client.account_id = install.first.account_id;
  client.display_name = "Новый клиент";
  client.identities = {{core::ChannelKind::Telegram, "@new_client"}};
  client.id = pg.save_client(client);
  CHECK(client.id > largest);
  const auto found = pg.find_client(client.account_id, core::ChannelKind::Telegram, "@new_client");
  REQUIRE(found);
  CHECK(found->id == client.id);
  core::Dialog dialog;
  dialog.account_id = client.account_id;
  dialog.client_id = client.id;
  dialog.source_id = dir.sources.at(0).id;
  dialog.channel = dir.sources.at(0).channel;
  dialog.created_at = kNow + 100;
  dialog.id = pg.save_dialog(dialog);
  CHECK(dialog.id > largest);
  core::Message message;
  message.dialog_id = dialog.id;
  message.text = "Здравствуйте";
  message.created_at = kNow + 100;
  core::apply_message(dialog, message);
  const Id message_id = pg.add_message(message, dialog);
  CHECK(message_id > largest);
  REQUIRE(pg.messages(client.account_id, dialog.id, 0, 10).messages.size() == 1);
  core::Event event;
  event.kind = core::EventKind::DirectoryChanged;
  CHECK(pg.append_event(install.first.account_id, event) == 6);
  {
    // The identity column's sequence continues too: the new client's identity comes last.
    postgres::Db db(target.location());
    sql::Stmt stmt =
        db.prepare("SELECT client_id FROM client_identities ORDER BY rowid DESC LIMIT 1");
    REQUIRE(stmt.step());
    CHECK(stmt.int64(0) == client.id);
  }
}

TEST_CASE("a migration into a database that holds data is refused and writes nothing" *
          doctest::skip(!on_postgres())) {
  Install install(30);
  TempStore target;
  const Id existing = target->create_account("Already here");
  target->save_tag({0, existing, "kept", 1});
  try {
    migrate::sqlite_to_postgres(install.file.path.string(), target.location());
    FAIL("expected a refusal");
  } catch (const StoreError& e) {
    CHECK(e.kind() == StoreError::Kind::Conflict);
    CHECK(std::string(e.what()).find("already holds data") != std::string::npos);
  }
  target.reopen();
  CHECK(target->account_ids() == std::vector<Id>{existing});
  CHECK(target->directory(existing).tags.size() == 1);
  CHECK_FALSE(target->credentials_by_email("owner@romashka.ru"));
}

TEST_CASE("a second migration into the migrated database is refused and changes nothing" *
          doctest::skip(!on_postgres())) {
  Install install(30);
  TempStore target;
  migrate::sqlite_to_postgres(install.file.path.string(), target.location());
  target.reopen();
  const Id account = install.first.account_id;
  const std::int64_t seq = target->last_seq(account);
  core::ViewQuery all;
  all.mode = core::DialogMode::Accepted;
  const core::Operator owner = target->directory(account).operators.at(0);
  const std::string before = list_windows(*target, owner, all);
  const Id next = target->next_id();
  CHECK(error_kind_of([&] {
          migrate::sqlite_to_postgres(install.file.path.string(), target.location());
        }) == StoreError::Kind::Conflict);
  target.reopen();
  CHECK(target->account_ids().size() == 2);
  CHECK(target->last_seq(account) == seq);
  CHECK(list_windows(*target, owner, all) == before);
  CHECK(target->next_id() > next);
}

TEST_CASE("a migration from a file that does not exist is refused and creates none" *
          doctest::skip(!on_postgres())) {
  SqliteFile missing("missing");
  TempStore target;
  CHECK(error_kind_of([&] {
          migrate::sqlite_to_postgres(missing.path.string(), target.location());
        }) == StoreError::Kind::NotFound);
  CHECK_FALSE(std::filesystem::exists(missing.path));
  CHECK(target->account_ids().empty());
}

TEST_CASE("a row PostgreSQL refuses rolls the whole copy back, indexes and keys too" *
          doctest::skip(!on_postgres())) {
  Install install(30);
  {
    // SQLite keeps any bytes in a text; PostgreSQL takes only UTF-8.
    sqlite::Db db(install.file.path.string());
    db.exec(
        "UPDATE messages SET text = CAST(x'ff' AS TEXT) WHERE id = (SELECT max(id) FROM "
        "messages)");
  }
  TempStore target;
  TempStore fresh;
  CHECK(error_kind_of([&] {
          migrate::sqlite_to_postgres(install.file.path.string(), target.location());
        }) == StoreError::Kind::Invalid);
  target.reopen();
  CHECK(target->account_ids().empty());
  CHECK(schema_definitions(target.location()) == schema_definitions(fresh.location()));

  {
    sqlite::Db db(install.file.path.string());
    db.exec("UPDATE messages SET text = 'fixed' WHERE id = (SELECT max(id) FROM messages)");
  }
  const migrate::MigrateStats stats =
      migrate::sqlite_to_postgres(install.file.path.string(), target.location());
  CHECK(rows_of(stats, "accounts") == 2);
}
