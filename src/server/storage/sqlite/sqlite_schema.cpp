// Schema migrations. Never edit a published migration: append a new one.
// Enums are stored as their integer values, so core enums may only grow at the end.
// "None" references (status, responsible, assignee, author) are stored as 0, as in core.
#include "server/storage/sqlite/sqlite_schema.hpp"

#include <string>

namespace server::sqlite {
namespace {

// Version 1: the whole schema of the Chats section.
constexpr const char* kV1 = R"sql(
CREATE TABLE id_counter (
  one  INTEGER PRIMARY KEY CHECK (one = 1),
  next INTEGER NOT NULL  -- ids are unique across every table (tasks, messages, dialogs, ...)
);
INSERT INTO id_counter VALUES (1, 1);

CREATE TABLE accounts (
  id       INTEGER PRIMARY KEY,
  name     TEXT NOT NULL,
  last_seq INTEGER NOT NULL DEFAULT 0  -- the event log's counter; survives pruning
);

CREATE TABLE sources (
  id         INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  channel    INTEGER NOT NULL,
  name       TEXT NOT NULL,
  address    TEXT NOT NULL
);
CREATE INDEX sources_account ON sources(account_id);

CREATE TABLE operators (
  id            INTEGER PRIMARY KEY,
  account_id    INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  name          TEXT NOT NULL,
  email         TEXT NOT NULL COLLATE NOCASE UNIQUE,
  password_hash TEXT NOT NULL DEFAULT '',
  role          INTEGER NOT NULL,
  supervisor    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX operators_account ON operators(account_id);

CREATE TABLE operator_sources (
  operator_id INTEGER NOT NULL REFERENCES operators(id) ON DELETE CASCADE,
  source_id   INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
  PRIMARY KEY (operator_id, source_id)
) WITHOUT ROWID;
CREATE INDEX operator_sources_source ON operator_sources(source_id);

CREATE TABLE funnel_statuses (
  id           INTEGER PRIMARY KEY,
  account_id   INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  name         TEXT NOT NULL,
  color        INTEGER NOT NULL,
  sort_order   INTEGER NOT NULL,
  status_group INTEGER NOT NULL
);
CREATE INDEX funnel_statuses_account ON funnel_statuses(account_id);

CREATE TABLE tags (
  id         INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  name       TEXT NOT NULL,
  color      INTEGER NOT NULL
);
CREATE INDEX tags_account ON tags(account_id);

CREATE TABLE templates (
  id         INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  title      TEXT NOT NULL,
  text       TEXT NOT NULL
);
CREATE INDEX templates_account ON templates(account_id);

CREATE TABLE block_list (
  id         INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  kind       INTEGER NOT NULL,
  value      TEXT NOT NULL
);
CREATE INDEX block_list_account ON block_list(account_id);

CREATE TABLE clients (
  id           INTEGER PRIMARY KEY,
  account_id   INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  display_name TEXT NOT NULL,
  nick         TEXT NOT NULL,
  phone        TEXT NOT NULL,
  avatar_url   TEXT NOT NULL,
  -- core::fold_case of name, nick, phone and identities (SQLite's lower() is ASCII-only)
  search_text  TEXT NOT NULL,
  phone_digits TEXT NOT NULL
);
CREATE INDEX clients_account ON clients(account_id);

CREATE TABLE client_identities (
  client_id  INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
  account_id INTEGER NOT NULL,
  channel    INTEGER NOT NULL,
  value      TEXT NOT NULL
);
CREATE INDEX client_identities_lookup ON client_identities(account_id, channel, value);
CREATE INDEX client_identities_client ON client_identities(client_id);

-- Filter and sort columns are plain columns so that every view is an index range.
CREATE TABLE dialogs (
  id               INTEGER PRIMARY KEY,
  account_id       INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  client_id        INTEGER NOT NULL REFERENCES clients(id),
  source_id        INTEGER NOT NULL REFERENCES sources(id),
  channel          INTEGER NOT NULL,
  mode             INTEGER NOT NULL,
  status_id        INTEGER NOT NULL DEFAULT 0,
  responsible_id   INTEGER NOT NULL DEFAULT 0,
  price            INTEGER NOT NULL DEFAULT 0,
  created_at       INTEGER NOT NULL,
  last_message_at  INTEGER NOT NULL,
  last_inbound_at  INTEGER NOT NULL,
  last_outbound_at INTEGER NOT NULL,
  awaiting_since   INTEGER NOT NULL,
  unread           INTEGER NOT NULL,
  answered         INTEGER NOT NULL,
  response_time_ms INTEGER NOT NULL,
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
  dialog_id INTEGER NOT NULL REFERENCES dialogs(id) ON DELETE CASCADE,
  tag_id    INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
  PRIMARY KEY (dialog_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX dialog_tags_tag ON dialog_tags(tag_id, dialog_id);

CREATE TABLE tasks (
  id          INTEGER PRIMARY KEY,
  dialog_id   INTEGER NOT NULL REFERENCES dialogs(id) ON DELETE CASCADE,
  text        TEXT NOT NULL,
  due         INTEGER NOT NULL,
  done        INTEGER NOT NULL,
  assignee_id INTEGER NOT NULL
);
CREATE INDEX tasks_dialog ON tasks(dialog_id);

CREATE TABLE messages (
  id          INTEGER PRIMARY KEY,
  dialog_id   INTEGER NOT NULL REFERENCES dialogs(id) ON DELETE CASCADE,
  account_id  INTEGER NOT NULL,
  source_id   INTEGER NOT NULL,  -- the dialog's, for the external id's uniqueness
  direction   INTEGER NOT NULL,
  kind        INTEGER NOT NULL,
  text        TEXT NOT NULL,
  attachments TEXT NOT NULL,  -- JSON array of core::Attachment
  reply_to    INTEGER NOT NULL,
  delivery    INTEGER NOT NULL,
  author_id   INTEGER NOT NULL,
  external_id TEXT,  -- NULL when empty
  created_at  INTEGER NOT NULL
);
CREATE INDEX messages_by_dialog ON messages(dialog_id, created_at, id);
CREATE UNIQUE INDEX messages_external ON messages(source_id, external_id)
  WHERE external_id IS NOT NULL;

CREATE TABLE sessions (
  token_hash  TEXT PRIMARY KEY,
  operator_id INTEGER NOT NULL REFERENCES operators(id) ON DELETE CASCADE,
  account_id  INTEGER NOT NULL,
  expires_at  INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX sessions_operator ON sessions(operator_id);
CREATE INDEX sessions_expiry ON sessions(expires_at);

CREATE TABLE idempotency (
  operator_id INTEGER NOT NULL,
  key         TEXT NOT NULL,
  status      INTEGER NOT NULL,
  body        TEXT NOT NULL,
  created_at  INTEGER NOT NULL,
  PRIMARY KEY (operator_id, key)
) WITHOUT ROWID;
CREATE INDEX idempotency_age ON idempotency(created_at);

CREATE TABLE events (
  account_id INTEGER NOT NULL,
  seq        INTEGER NOT NULL,
  kind       INTEGER NOT NULL,
  body       TEXT NOT NULL,  -- core::encode(Event)
  created_at INTEGER NOT NULL,
  PRIMARY KEY (account_id, seq)
) WITHOUT ROWID;
)sql";

// Version 2: the channels. A source's connection (credentials, settings, the
// read position of a polled channel, health), inbound updates kept until
// read, the outbound queue, and a failed message's reason.
constexpr const char* kV2 = R"sql(
CREATE TABLE source_connections (
  source_id       INTEGER PRIMARY KEY REFERENCES sources(id) ON DELETE CASCADE,
  account_id      INTEGER NOT NULL,
  enabled         INTEGER NOT NULL,
  credentials     TEXT NOT NULL,  -- JSON object; secret
  settings        TEXT NOT NULL,  -- JSON object
  cursor          TEXT NOT NULL DEFAULT '',
  last_inbound_at INTEGER NOT NULL DEFAULT 0,
  last_error      TEXT NOT NULL DEFAULT '',
  last_error_at   INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX source_connections_account ON source_connections(account_id);

CREATE TABLE inbound_updates (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  source_id   INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
  payload     TEXT NOT NULL,
  received_at INTEGER NOT NULL
);

CREATE TABLE outbound_queue (
  message_id      INTEGER PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
  account_id      INTEGER NOT NULL,
  dialog_id       INTEGER NOT NULL,
  source_id       INTEGER NOT NULL,
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  last_error      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX outbound_queue_due ON outbound_queue(next_attempt_at, message_id);

ALTER TABLE messages ADD COLUMN delivery_error TEXT NOT NULL DEFAULT '';
)sql";

// Version 3: operators who leave are deactivated rather than deleted (their
// name stays on the history), have a picture, and join by an invitation link
// that sets their first password.
constexpr const char* kV3 = R"sql(
ALTER TABLE operators ADD COLUMN active INTEGER NOT NULL DEFAULT 1;
ALTER TABLE operators ADD COLUMN avatar_url TEXT NOT NULL DEFAULT '';

CREATE TABLE invitations (
  token_hash  TEXT PRIMARY KEY,
  operator_id INTEGER NOT NULL REFERENCES operators(id) ON DELETE CASCADE,
  account_id  INTEGER NOT NULL,
  expires_at  INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX invitations_operator ON invitations(operator_id);
)sql";

constexpr const char* kMigrations[] = {kV1, kV2, kV3};
constexpr int kVersionCount = static_cast<int>(sizeof(kMigrations) / sizeof(kMigrations[0]));

int user_version(Db& db) {
  sql::Stmt stmt = db.prepare("PRAGMA user_version");
  return stmt.step() ? stmt.int32(0) : 0;
}

}  // namespace

int schema_version() {
  return kVersionCount;
}

void migrate(Db& db) {
  const int current = user_version(db);
  if (current > kVersionCount) {
    throw StoreError(StoreError::Kind::Failure,
                     "the database schema (version " + std::to_string(current) +
                         ") is newer than this server (" + std::to_string(kVersionCount) + ")");
  }
  for (int v = current; v < kVersionCount; ++v) {
    db.exec("BEGIN IMMEDIATE");
    try {
      db.exec(kMigrations[v]);
      // PRAGMA takes no parameters; the value is our own integer.
      db.exec("PRAGMA user_version = " + std::to_string(v + 1));
      db.exec("COMMIT");
    } catch (...) {
      db.exec("ROLLBACK");
      throw;
    }
  }
}

}  // namespace server::sqlite
