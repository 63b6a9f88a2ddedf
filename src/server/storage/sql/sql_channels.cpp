// SqlStore as the channels' store: source connections, inbound updates
// and the outbound queue (see channel_store.hpp).
#include <algorithm>

#include "server/storage/sql/sql_store.hpp"

namespace server::sql {
namespace {

constexpr const char* kConnectionColumns =
    "c.source_id, c.account_id, s.channel, c.enabled, c.credentials, c.settings, c.cursor, "
    "c.last_inbound_at, c.last_error, c.last_error_at";
constexpr const char* kDeliveryColumns =
    "message_id, account_id, dialog_id, source_id, attempts, next_attempt_at, last_error";

SourceConnection load_connection(const Stmt& stmt) {
  SourceConnection c;
  c.source_id = stmt.int64(0);
  c.account_id = stmt.int64(1);
  c.channel = static_cast<core::ChannelKind>(stmt.int32(2));
  c.enabled = stmt.boolean(3);
  c.credentials = stmt.text(4);
  c.settings = stmt.text(5);
  c.cursor = stmt.text(6);
  c.last_inbound_at = stmt.int64(7);
  c.last_error = stmt.text(8);
  c.last_error_at = stmt.int64(9);
  return c;
}

Delivery load_delivery(const Stmt& stmt) {
  Delivery d;
  d.message_id = stmt.int64(0);
  d.account_id = stmt.int64(1);
  d.dialog_id = stmt.int64(2);
  d.source_id = stmt.int64(3);
  d.attempts = stmt.int32(4);
  d.next_attempt_at = stmt.int64(5);
  d.last_error = stmt.text(6);
  return d;
}

}  // namespace

// ---- connections --------------------------------------------------------------

std::vector<SourceConnection> SqlStore::connections(Id account_id) {
  Lock lock(mutex_);
  std::vector<SourceConnection> out;
  Stmt stmt = db_.prepare(std::string("SELECT ") + kConnectionColumns +
                          " FROM source_connections c JOIN sources s ON s.id = c.source_id "
                          "WHERE ?1 = 0 OR c.account_id = ?1 ORDER BY c.source_id");
  stmt.bind_all(account_id);
  while (stmt.step()) out.push_back(load_connection(stmt));
  return out;
}

std::optional<SourceConnection> SqlStore::connection(Id source_id) {
  Lock lock(mutex_);
  Stmt stmt = db_.prepare(std::string("SELECT ") + kConnectionColumns +
                          " FROM source_connections c JOIN sources s ON s.id = c.source_id "
                          "WHERE c.source_id = ?");
  stmt.bind_all(source_id);
  if (!stmt.step()) return std::nullopt;
  return load_connection(stmt);
}

void SqlStore::save_connection(const SourceConnection& c) {
  Lock lock(mutex_);
  if (!belongs("sources", c.source_id, c.account_id)) {
    throw StoreError(StoreError::Kind::NotFound,
                     "source " + std::to_string(c.source_id) + " not found");
  }
  db_.prepare(
         "INSERT INTO source_connections (source_id, account_id, enabled, credentials, settings) "
         "VALUES (?, ?, ?, ?, ?) ON CONFLICT (source_id) DO UPDATE SET "
         "enabled = excluded.enabled, credentials = excluded.credentials, "
         "settings = excluded.settings")
      .bind_all(c.source_id, c.account_id, c.enabled, c.credentials, c.settings)
      .run();
}

void SqlStore::save_cursor(Id source_id, const std::string& cursor) {
  Lock lock(mutex_);
  db_.prepare("UPDATE source_connections SET cursor = ? WHERE source_id = ?")
      .bind_all(cursor, source_id)
      .run_later();
}

void SqlStore::note_inbound(Id source_id, TimeMs at) {
  Lock lock(mutex_);
  db_.prepare(
         "UPDATE source_connections SET last_inbound_at = CASE WHEN ?1 > last_inbound_at THEN ?1 "
         "ELSE last_inbound_at END WHERE source_id = ?2")
      .bind_all(at, source_id)
      .run_later();
}

void SqlStore::note_error(Id source_id, TimeMs at, const std::string& error) {
  Lock lock(mutex_);
  db_.prepare("UPDATE source_connections SET last_error = ?, last_error_at = ? WHERE source_id = ?")
      .bind_all(error, error.empty() ? TimeMs{0} : at, source_id)
      .run_later();
}

bool SqlStore::delete_source(Id account_id, Id source_id) {
  Lock lock(mutex_);
  if (!belongs("sources", source_id, account_id)) return false;
  Stmt used = db_.prepare("SELECT 1 FROM dialogs WHERE source_id = ? LIMIT 1");
  used.bind_all(source_id);
  if (used.step()) {
    throw StoreError(StoreError::Kind::Conflict,
                     "the source has dialogs: disable it instead of deleting it");
  }
  db_.prepare("DELETE FROM sources WHERE id = ? AND account_id = ?")
      .bind_all(source_id, account_id)
      .run();
  return db_.changes() > 0;
}

// ---- inbound updates ------------------------------------------------------------

Id SqlStore::add_inbound(const InboundUpdate& u) {
  Lock lock(mutex_);
  Stmt stmt = db_.prepare(
      "INSERT INTO inbound_updates (source_id, payload, received_at) VALUES (?, ?, ?) "
      "RETURNING id");
  stmt.bind_all(u.source_id, u.payload, u.received_at);
  if (!stmt.step()) throw StoreError(StoreError::Kind::Failure, "the insert gave no id");
  const Id id = stmt.int64(0);
  stmt.run();
  return id;
}

std::vector<InboundUpdate> SqlStore::inbound(int limit) {
  Lock lock(mutex_);
  std::vector<InboundUpdate> out;
  Stmt stmt = db_.prepare(
      "SELECT id, source_id, payload, received_at FROM inbound_updates ORDER BY id LIMIT ?");
  stmt.bind_all(std::max(limit, 1));
  while (stmt.step()) {
    out.push_back({stmt.int64(0), stmt.int64(1), stmt.text(2), stmt.int64(3)});
  }
  return out;
}

void SqlStore::delete_inbound(Id update_id) {
  Lock lock(mutex_);
  db_.prepare("DELETE FROM inbound_updates WHERE id = ?").bind_all(update_id).run();
}

// ---- the outbound queue ---------------------------------------------------------

void SqlStore::enqueue(const Delivery& d) {
  Lock lock(mutex_);
  db_.prepare(
         "INSERT INTO outbound_queue (message_id, account_id, dialog_id, source_id, attempts, "
         "next_attempt_at, last_error) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (message_id) "
         "DO UPDATE SET attempts = excluded.attempts, next_attempt_at = excluded.next_attempt_at, "
         "last_error = excluded.last_error")
      .bind_all(d.message_id, d.account_id, d.dialog_id, d.source_id, d.attempts, d.next_attempt_at,
                d.last_error)
      .run();
}

std::vector<Delivery> SqlStore::due(TimeMs now, int limit) {
  Lock lock(mutex_);
  std::vector<Delivery> out;
  Stmt stmt = db_.prepare(std::string("SELECT ") + kDeliveryColumns +
                          " FROM outbound_queue WHERE next_attempt_at <= ? "
                          "ORDER BY message_id LIMIT ?");
  stmt.bind_all(now, std::max(limit, 1));
  while (stmt.step()) out.push_back(load_delivery(stmt));
  return out;
}

std::optional<Delivery> SqlStore::queued(Id message_id) {
  Lock lock(mutex_);
  Stmt stmt = db_.prepare(std::string("SELECT ") + kDeliveryColumns +
                          " FROM outbound_queue WHERE message_id = ?");
  stmt.bind_all(message_id);
  if (!stmt.step()) return std::nullopt;
  return load_delivery(stmt);
}

TimeMs SqlStore::next_due() {
  Lock lock(mutex_);
  Stmt stmt = db_.prepare("SELECT min(next_attempt_at) FROM outbound_queue");
  return stmt.step() && !stmt.is_null(0) ? stmt.int64(0) : 0;
}

void SqlStore::reschedule(const Delivery& d) {
  Lock lock(mutex_);
  db_.prepare(
         "UPDATE outbound_queue SET attempts = ?, next_attempt_at = ?, last_error = ? "
         "WHERE message_id = ?")
      .bind_all(d.attempts, d.next_attempt_at, d.last_error, d.message_id)
      .run_later();
}

void SqlStore::dequeue(Id message_id) {
  Lock lock(mutex_);
  db_.prepare("DELETE FROM outbound_queue WHERE message_id = ?").bind_all(message_id).run_later();
}

std::size_t SqlStore::queue_length() {
  Lock lock(mutex_);
  Stmt stmt = db_.prepare("SELECT count(*) FROM outbound_queue");
  return stmt.step() ? static_cast<std::size_t>(stmt.int64(0)) : 0;
}

// ---- messages as the channels see them --------------------------------------------

std::optional<core::Message> SqlStore::message(Id account_id, Id message_id) {
  Lock lock(mutex_);
  Stmt stmt = db_.prepare(std::string("SELECT ") + kMessageColumns +
                          " FROM messages m WHERE m.id = ? AND m.account_id = ?");
  stmt.bind_all(message_id, account_id);
  if (!stmt.step()) return std::nullopt;
  return load_message_row(stmt);
}

void SqlStore::save_delivery(Id message_id, core::DeliveryState state,
                             const std::string& external_id, const std::string& error) {
  Lock lock(mutex_);
  Stmt stmt = db_.prepare(
      "UPDATE messages SET delivery = ?, delivery_error = ?, "
      "external_id = coalesce(?, external_id) WHERE id = ?");
  stmt.bind_all(static_cast<int>(state), error);
  stmt.bind_text_or_null(3, external_id).bind(4, message_id);
  stmt.run_later();
}

std::vector<core::Message> SqlStore::conversation_after(Id account_id, Id dialog_id, Id after,
                                                        int limit) {
  Lock lock(mutex_);
  std::vector<core::Message> out;
  Stmt stmt = db_.prepare(std::string("SELECT ") + kMessageColumns +
                          " FROM messages m WHERE m.dialog_id = ? AND m.account_id = ? AND "
                          "m.id > ? AND m.kind IN (0, 1) ORDER BY m.id LIMIT ?");
  stmt.bind_all(dialog_id, account_id, after, std::clamp(limit, 1, 500));
  while (stmt.step()) out.push_back(load_message_row(stmt));
  return out;
}

}  // namespace server::sql
