// The schema in PostgreSQL's dialect: the same numbered migrations as
// sqlite/sqlite_schema.cpp, version for version, with the same tables,
// columns and indexes (every integer a BIGINT; an e-mail unique by lower();
// the identities' insertion order an identity column, where SQLite has its
// rowid). The version is kept in schema_version. Never edit a published
// migration: append a new one, here and in SQLite's.
#include "server/storage/postgres/pg_schema.hpp"

#include <string>

namespace server::postgres {
namespace {

// Version 1: the whole schema of the Chats section.
constexpr const char* kV1 = R"sql(
CREATE TABLE id_counter (
  one  BIGINT PRIMARY KEY CHECK (one = 1),
  next BIGINT NOT NULL  -- ids are unique across every table (tasks, messages, dialogs, ...)
);
INSERT INTO id_counter VALUES (1, 1);

CREATE TABLE accounts (
  id       BIGINT PRIMARY KEY,
  name     TEXT NOT NULL,
  last_seq BIGINT NOT NULL DEFAULT 0  -- the event log's counter; survives pruning
);

CREATE TABLE sources (
  id         BIGINT PRIMARY KEY,
  account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  channel    BIGINT NOT NULL,
  name       TEXT NOT NULL,
  address    TEXT NOT NULL
);
CREATE INDEX sources_account ON sources(account_id);

CREATE TABLE operators (
  id            BIGINT PRIMARY KEY,
  account_id    BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  name          TEXT NOT NULL,
  email         TEXT NOT NULL,
  password_hash TEXT NOT NULL DEFAULT '',
  role          BIGINT NOT NULL,
  supervisor    BIGINT NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX operators_email ON operators (lower(email));  -- SQLite: COLLATE NOCASE
CREATE INDEX operators_account ON operators(account_id);

CREATE TABLE operator_sources (
  operator_id BIGINT NOT NULL REFERENCES operators(id) ON DELETE CASCADE,
  source_id   BIGINT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
  PRIMARY KEY (operator_id, source_id)
);
CREATE INDEX operator_sources_source ON operator_sources(source_id);

CREATE TABLE funnel_statuses (
  id           BIGINT PRIMARY KEY,
  account_id   BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  name         TEXT NOT NULL,
  color        BIGINT NOT NULL,
  sort_order   BIGINT NOT NULL,
  status_group BIGINT NOT NULL
);
CREATE INDEX funnel_statuses_account ON funnel_statuses(account_id);

CREATE TABLE tags (
  id         BIGINT PRIMARY KEY,
  account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  name       TEXT NOT NULL,
  color      BIGINT NOT NULL
);
CREATE INDEX tags_account ON tags(account_id);

CREATE TABLE templates (
  id         BIGINT PRIMARY KEY,
  account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  title      TEXT NOT NULL,
  text       TEXT NOT NULL
);
CREATE INDEX templates_account ON templates(account_id);

CREATE TABLE block_list (
  id         BIGINT PRIMARY KEY,
  account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  kind       BIGINT NOT NULL,
  value      TEXT NOT NULL
);
CREATE INDEX block_list_account ON block_list(account_id);

CREATE TABLE clients (
  id           BIGINT PRIMARY KEY,
  account_id   BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  display_name TEXT NOT NULL,
  nick         TEXT NOT NULL,
  phone        TEXT NOT NULL,
  avatar_url   TEXT NOT NULL,
  -- core::fold_case of name, nick, phone and identities (one folding for every engine)
  search_text  TEXT NOT NULL,
  phone_digits TEXT NOT NULL
);
CREATE INDEX clients_account ON clients(account_id);

CREATE TABLE client_identities (
  rowid      BIGINT GENERATED ALWAYS AS IDENTITY,  -- the order they were saved in, as SQLite's
  client_id  BIGINT NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
  account_id BIGINT NOT NULL,
  channel    BIGINT NOT NULL,
  value      TEXT NOT NULL
);
CREATE INDEX client_identities_lookup ON client_identities(account_id, channel, value);
CREATE INDEX client_identities_client ON client_identities(client_id);

-- Filter and sort columns are plain columns so that every view is an index range.
CREATE TABLE dialogs (
  id               BIGINT PRIMARY KEY,
  account_id       BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  client_id        BIGINT NOT NULL REFERENCES clients(id),
  source_id        BIGINT NOT NULL REFERENCES sources(id),
  channel          BIGINT NOT NULL,
  mode             BIGINT NOT NULL,
  status_id        BIGINT NOT NULL DEFAULT 0,
  responsible_id   BIGINT NOT NULL DEFAULT 0,
  price            BIGINT NOT NULL DEFAULT 0,
  created_at       BIGINT NOT NULL,
  last_message_at  BIGINT NOT NULL,
  last_inbound_at  BIGINT NOT NULL,
  last_outbound_at BIGINT NOT NULL,
  awaiting_since   BIGINT NOT NULL,
  unread           BIGINT NOT NULL,
  answered         BIGINT NOT NULL,
  response_time_ms BIGINT NOT NULL,
  last_message     TEXT NOT NULL,
  post_external_id TEXT,  -- NULL: the dialog did not come from a post
  post_url         TEXT,
  post_title       TEXT,
  fields           TEXT NOT NULL  -- JSON array of core::CustomField
);
CREATE INDEX dialogs_by_last_message ON dialogs(account_id, mode, last_message_at, id);
CREATE INDEX dialogs_by_created ON dialogs(account_id, mode, created_at, id);
CREATE INDEX dialogs_by_response_time ON dialogs(account_id, mode, response_time_ms, id);
CREATE INDEX dialogs_by_price ON dialogs(account_id, mode, price, id);
CREATE INDEX dialogs_by_unread ON dialogs(account_id, mode, unread, id);
CREATE INDEX dialogs_by_source ON dialogs(account_id, source_id, mode);
CREATE INDEX dialogs_by_status ON dialogs(account_id, status_id, mode);
CREATE INDEX dialogs_by_responsible ON dialogs(account_id, responsible_id, mode);
CREATE INDEX dialogs_by_client ON dialogs(client_id, source_id);

CREATE TABLE dialog_tags (
  dialog_id BIGINT NOT NULL REFERENCES dialogs(id) ON DELETE CASCADE,
  tag_id    BIGINT NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
  PRIMARY KEY (dialog_id, tag_id)
);
CREATE INDEX dialog_tags_tag ON dialog_tags(tag_id, dialog_id);

CREATE TABLE tasks (
  id          BIGINT PRIMARY KEY,
  dialog_id   BIGINT NOT NULL REFERENCES dialogs(id) ON DELETE CASCADE,
  text        TEXT NOT NULL,
  due         BIGINT NOT NULL,
  done        BIGINT NOT NULL,
  assignee_id BIGINT NOT NULL
);
CREATE INDEX tasks_dialog ON tasks(dialog_id);

CREATE TABLE messages (
  id          BIGINT PRIMARY KEY,
  dialog_id   BIGINT NOT NULL REFERENCES dialogs(id) ON DELETE CASCADE,
  account_id  BIGINT NOT NULL,
  source_id   BIGINT NOT NULL,  -- the dialog's, for the external id's uniqueness
  direction   BIGINT NOT NULL,
  kind        BIGINT NOT NULL,
  text        TEXT NOT NULL,
  attachments TEXT NOT NULL,  -- JSON array of core::Attachment
  reply_to    BIGINT NOT NULL,
  delivery    BIGINT NOT NULL,
  author_id   BIGINT NOT NULL,
  external_id TEXT,  -- NULL when empty
  created_at  BIGINT NOT NULL
);
CREATE INDEX messages_by_dialog ON messages(dialog_id, created_at, id);
CREATE UNIQUE INDEX messages_external ON messages(source_id, external_id)
  WHERE external_id IS NOT NULL;

CREATE TABLE sessions (
  token_hash  TEXT PRIMARY KEY,
  operator_id BIGINT NOT NULL REFERENCES operators(id) ON DELETE CASCADE,
  account_id  BIGINT NOT NULL,
  expires_at  BIGINT NOT NULL
);
CREATE INDEX sessions_operator ON sessions(operator_id);
CREATE INDEX sessions_expiry ON sessions(expires_at);

CREATE TABLE idempotency (
  operator_id BIGINT NOT NULL,
  key         TEXT NOT NULL,
  status      BIGINT NOT NULL,
  body        TEXT NOT NULL,
  created_at  BIGINT NOT NULL,
  PRIMARY KEY (operator_id, key)
);
CREATE INDEX idempotency_age ON idempotency(created_at);

CREATE TABLE events (
  account_id BIGINT NOT NULL,
  seq        BIGINT NOT NULL,
  kind       BIGINT NOT NULL,
  body       TEXT NOT NULL,  -- core::encode(Event)
  created_at BIGINT NOT NULL,
  PRIMARY KEY (account_id, seq)
);
)sql";

// Version 2: the channels.
constexpr const char* kV2 = R"sql(
CREATE TABLE source_connections (
  source_id       BIGINT PRIMARY KEY REFERENCES sources(id) ON DELETE CASCADE,
  account_id      BIGINT NOT NULL,
  enabled         BIGINT NOT NULL,
  credentials     TEXT NOT NULL,  -- JSON object; secret
  settings        TEXT NOT NULL,  -- JSON object
  cursor          TEXT NOT NULL DEFAULT '',
  last_inbound_at BIGINT NOT NULL DEFAULT 0,
  last_error      TEXT NOT NULL DEFAULT '',
  last_error_at   BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX source_connections_account ON source_connections(account_id);

CREATE TABLE inbound_updates (
  id          BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  source_id   BIGINT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
  payload     TEXT NOT NULL,
  received_at BIGINT NOT NULL
);

CREATE TABLE outbound_queue (
  message_id      BIGINT PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
  account_id      BIGINT NOT NULL,
  dialog_id       BIGINT NOT NULL,
  source_id       BIGINT NOT NULL,
  attempts        BIGINT NOT NULL DEFAULT 0,
  next_attempt_at BIGINT NOT NULL,
  last_error      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX outbound_queue_due ON outbound_queue(next_attempt_at, message_id);

ALTER TABLE messages ADD COLUMN delivery_error TEXT NOT NULL DEFAULT '';
)sql";

// Version 3: deactivated operators, their pictures, invitation links.
constexpr const char* kV3 = R"sql(
ALTER TABLE operators ADD COLUMN active BIGINT NOT NULL DEFAULT 1;
ALTER TABLE operators ADD COLUMN avatar_url TEXT NOT NULL DEFAULT '';

CREATE TABLE invitations (
  token_hash  TEXT PRIMARY KEY,
  operator_id BIGINT NOT NULL REFERENCES operators(id) ON DELETE CASCADE,
  account_id  BIGINT NOT NULL,
  expires_at  BIGINT NOT NULL
);
CREATE INDEX invitations_operator ON invitations(operator_id);
)sql";

constexpr const char* kMigrations[] = {kV1, kV2, kV3};

// Several server processes on one database learn of each other's commits
// from the database itself: a notification per logged event ("account:seq",
// sent at its commit, in commit order) and one when sessions end, on
// channels named after the schema (two installations in one database do not
// hear each other). Not a numbered migration: it is no data, and is made
// anew on every start.
constexpr const char* kNotifications = R"sql(
CREATE OR REPLACE FUNCTION chats_notify_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('chats_events.' || current_schema(), NEW.account_id || ':' || NEW.seq);
  RETURN NULL;
END $$;
CREATE OR REPLACE TRIGGER events_notify AFTER INSERT ON events
  FOR EACH ROW EXECUTE FUNCTION chats_notify_event();
CREATE OR REPLACE FUNCTION chats_notify_sessions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('chats_sessions.' || current_schema(), '');
  RETURN NULL;
END $$;
CREATE OR REPLACE TRIGGER sessions_notify AFTER DELETE ON sessions
  FOR EACH STATEMENT EXECUTE FUNCTION chats_notify_sessions();
)sql";
constexpr int kVersionCount = static_cast<int>(sizeof(kMigrations) / sizeof(kMigrations[0]));

int stored_version(Db& db) {
  sql::Stmt stmt = db.prepare("SELECT version FROM schema_version");
  return stmt.step() ? stmt.int32(0) : 0;
}

}  // namespace

int schema_version() {
  return kVersionCount;
}

void migrate(Db& db) {
  db.exec("CREATE TABLE IF NOT EXISTS schema_version (version BIGINT NOT NULL)");
  // One process migrates at a time (several servers may start together); the
  // lock is the schema's own, so two schemas of one database do not wait.
  db.exec("BEGIN");
  try {
    db.exec("SELECT pg_advisory_xact_lock(hashtext(current_schema()))");
    const int current = stored_version(db);
    if (current > kVersionCount) {
      throw StoreError(StoreError::Kind::Failure,
                       "the database schema (version " + std::to_string(current) +
                           ") is newer than this server (" + std::to_string(kVersionCount) + ")");
    }
    for (int v = current; v < kVersionCount; ++v) db.exec(kMigrations[v]);
    db.exec("DELETE FROM schema_version");
    db.exec("INSERT INTO schema_version VALUES (" + std::to_string(kVersionCount) + ")");
    db.exec(kNotifications);
    db.exec("COMMIT");
  } catch (...) {
    db.exec("ROLLBACK");
    throw;
  }
}

}  // namespace server::postgres
