// SqlStore: messages (paged newest first, idempotent by external id) and
// the account's event log (seq assignment, replay, retention).
#include <algorithm>
#include <optional>

#include "core/codec.hpp"
#include "server/storage/sql/sql_store.hpp"

namespace server::sql {
namespace {

// Replay and message pages are bounded so one request cannot read a whole table.
constexpr int kMaxMessagePage = 500;
constexpr int kMaxEventBatch = 10000;

std::string attachments_json(const std::vector<core::Attachment>& attachments) {
  core::Json array = core::Json::array();
  for (const core::Attachment& a : attachments) array.push_back(core::encode(a));
  return array.dump();
}

std::vector<core::Attachment> attachments_from_json(const std::string& text) {
  std::vector<core::Attachment> out;
  try {
    for (const core::Json& item : core::parse_json(text)) {
      out.push_back(core::decode<core::Attachment>(item));
    }
  } catch (const core::DecodeError& e) {
    throw StoreError(StoreError::Kind::Failure, std::string("stored attachments: ") + e.what());
  }
  return out;
}

}  // namespace

// ---- messages ---------------------------------------------------------------

core::Message SqlStore::load_message_row(const Stmt& stmt) {
  core::Message m;
  m.id = stmt.int64(0);
  m.dialog_id = stmt.int64(1);
  m.direction = static_cast<core::Direction>(stmt.int32(2));
  m.kind = static_cast<core::MessageKind>(stmt.int32(3));
  m.text = stmt.text(4);
  m.attachments = attachments_from_json(stmt.text(5));
  m.reply_to = static_cast<core::ReplyTarget>(stmt.int32(6));
  m.delivery = static_cast<core::DeliveryState>(stmt.int32(7));
  m.author_id = stmt.int64(8);
  m.external_id = stmt.text(9);  // NULL reads as ""
  m.created_at = stmt.int64(10);
  m.delivery_error = stmt.text(11);
  return m;
}

MessagePage SqlStore::messages(Id account_id, Id dialog_id, Id before, int limit) {
  Lock lock(mutex_);
  MessagePage page;
  limit = std::clamp(limit, 1, kMaxMessagePage);
  std::string sql = std::string("SELECT ") + kMessageColumns +
                    " FROM messages m WHERE m.dialog_id = ?1 AND m.account_id = ?2";
  if (before != 0) {
    // Older than the `before` message in (created_at, id) order; an unknown
    // `before` or one of another dialog matches nothing, so the page is empty.
    sql +=
        " AND (m.created_at, m.id) < (SELECT b.created_at, b.id FROM messages b "
        "WHERE b.id = ?4 AND b.dialog_id = ?1)";
  }
  sql += " ORDER BY m.created_at DESC, m.id DESC LIMIT ?3";
  Stmt stmt = db_.prepare(sql);
  stmt.bind_all(dialog_id, account_id, limit + 1);
  if (before != 0) stmt.bind(4, before);
  while (stmt.step()) page.messages.push_back(load_message_row(stmt));
  if (static_cast<int>(page.messages.size()) > limit) {
    page.messages.pop_back();
    page.next_before = page.messages.back().id;
  }
  return page;
}

std::optional<core::Message> SqlStore::message_by_external_id(Id account_id, Id source_id,
                                                              const std::string& external_id) {
  Lock lock(mutex_);
  if (external_id.empty()) return std::nullopt;
  Stmt stmt = db_.prepare(std::string("SELECT ") + kMessageColumns +
                          " FROM messages m WHERE m.source_id = ? AND m.external_id = ? AND "
                          "m.account_id = ?");
  stmt.bind_all(source_id, external_id, account_id);
  if (!stmt.step()) return std::nullopt;
  return load_message_row(stmt);
}

void SqlStore::write_message(Id id, const core::Message& m, Id account_id, Id source_id) {
  // A duplicate (source, external id) fails the unique index: StoreError(Conflict).
  Stmt stmt = db_.prepare(
      "INSERT INTO messages (id, dialog_id, account_id, source_id, direction, kind, text, "
      "attachments, reply_to, delivery, author_id, external_id, created_at, delivery_error) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
      "dialog_id = excluded.dialog_id, source_id = excluded.source_id, "
      "direction = excluded.direction, kind = excluded.kind, text = excluded.text, "
      "attachments = excluded.attachments, reply_to = excluded.reply_to, "
      "delivery = excluded.delivery, author_id = excluded.author_id, "
      "external_id = excluded.external_id, created_at = excluded.created_at, "
      "delivery_error = excluded.delivery_error");
  stmt.bind_all(id, m.dialog_id, account_id, source_id, static_cast<int>(m.direction),
                static_cast<int>(m.kind), m.text,
                m.attachments.empty() ? std::string("[]") : attachments_json(m.attachments),
                static_cast<int>(m.reply_to), static_cast<int>(m.delivery), m.author_id);
  stmt.bind_text_or_null(12, m.external_id).bind(13, m.created_at).bind(14, m.delivery_error);
  stmt.run_later();
}

Id SqlStore::save_message(const core::Message& m) {
  Lock lock(mutex_);
  Id id = m.id;
  atomically([&] {
    Id account_id = 0;
    Id source_id = 0;
    {
      Stmt stmt = db_.prepare("SELECT account_id, source_id FROM dialogs WHERE id = ?");
      stmt.bind(1, m.dialog_id);
      if (!stmt.step()) {
        throw StoreError(StoreError::Kind::NotFound,
                         "message of unknown dialog " + std::to_string(m.dialog_id));
      }
      account_id = stmt.int64(0);
      source_id = stmt.int64(1);
    }
    id = id_for_save("messages", id, account_id);
    write_message(id, m, account_id, source_id);
  });
  return id;
}

Id SqlStore::add_message(const core::Message& m, const core::Dialog& d) {
  Lock lock(mutex_);
  Id id = m.id;
  atomically([&] {
    if (m.dialog_id != d.id) {
      throw StoreError(StoreError::Kind::NotFound,
                       "message of unknown dialog " + std::to_string(m.dialog_id));
    }
    // Only the columns core::apply_message changes. SQLite rewrites an index
    // whenever a column of it is assigned, and `mode` is in eight of the
    // dialogs' nine: the first statement leaves it out and matches only while
    // the mode stays; the second runs when the message changed it.
    std::optional<Id> source_id = update_activity(d, false);
    if (!source_id) source_id = update_activity(d, true);
    if (!source_id) {
      throw StoreError(StoreError::Kind::NotFound,
                       "message of unknown dialog " + std::to_string(m.dialog_id));
    }
    id = id_for_save("messages", id, d.account_id);
    write_message(id, m, d.account_id, *source_id);
  });
  return id;
}

std::optional<Id> SqlStore::update_activity(const core::Dialog& d, bool with_mode) {
  Stmt stmt = db_.prepare(
      with_mode ? "UPDATE dialogs SET mode = ?1, last_message_at = ?2, last_inbound_at = ?3, "
                  "last_outbound_at = ?4, awaiting_since = ?5, unread = ?6, answered = ?7, "
                  "response_time_ms = ?8, last_message = ?9 WHERE id = ?10 AND account_id = ?11 "
                  "RETURNING source_id"
                : "UPDATE dialogs SET last_message_at = ?2, last_inbound_at = ?3, "
                  "last_outbound_at = ?4, awaiting_since = ?5, unread = ?6, answered = ?7, "
                  "response_time_ms = ?8, last_message = ?9 WHERE id = ?10 AND account_id = ?11 "
                  "AND mode = ?1 RETURNING source_id");
  stmt.bind_all(static_cast<int>(d.mode), d.last_message_at, d.last_inbound_at, d.last_outbound_at,
                d.awaiting_since, d.unread, d.answered, d.response_time_ms, d.last_message, d.id,
                d.account_id);
  if (!stmt.step()) return std::nullopt;
  return stmt.int64(0);
}

// ---- events -----------------------------------------------------------------

std::int64_t SqlStore::append_event(Id account_id, core::Event& event, std::string* json) {
  Lock lock(mutex_);
  atomically([&] {
    {
      // The counter lives on the account so that pruning never reuses a seq.
      Stmt stmt = db_.prepare(
          "UPDATE accounts SET last_seq = last_seq + 1 WHERE id = ? RETURNING last_seq");
      stmt.bind(1, account_id);
      if (!stmt.step()) {
        throw StoreError(StoreError::Kind::NotFound,
                         "event of unknown account " + std::to_string(account_id));
      }
      event.seq = stmt.int64(0);
    }
    std::string body;
    body.reserve(1024);
    core::write_json(body, event);
    db_.prepare(
           "INSERT INTO events (account_id, seq, kind, body, created_at) VALUES (?, ?, ?, ?, ?)")
        .bind_all(account_id, event.seq, static_cast<int>(event.kind), body, event.at)
        .run_later();
    if (json) *json = std::move(body);
  });
  return event.seq;
}

std::vector<core::Event> SqlStore::events_after(Id account_id, std::int64_t seq, int limit) {
  Lock lock(mutex_);
  std::vector<core::Event> events;
  limit = std::clamp(limit, 0, kMaxEventBatch);
  Stmt stmt =
      db_.prepare("SELECT body FROM events WHERE account_id = ? AND seq > ? ORDER BY seq LIMIT ?");
  stmt.bind_all(account_id, seq, limit);
  while (stmt.step()) {
    try {
      events.push_back(core::decode<core::Event>(core::parse_json(stmt.text(0))));
    } catch (const core::DecodeError& e) {
      throw StoreError(StoreError::Kind::Failure, std::string("stored event: ") + e.what());
    }
  }
  return events;
}

std::int64_t SqlStore::last_seq(Id account_id) {
  Lock lock(mutex_);
  Stmt stmt = db_.prepare("SELECT last_seq FROM accounts WHERE id = ?");
  stmt.bind(1, account_id);
  return stmt.step() ? stmt.int64(0) : 0;
}

std::int64_t SqlStore::first_retained_seq(Id account_id) {
  Lock lock(mutex_);
  {
    Stmt stmt = db_.prepare("SELECT min(seq) FROM events WHERE account_id = ?");
    stmt.bind(1, account_id);
    if (stmt.step() && !stmt.is_null(0)) return stmt.int64(0);
  }
  return last_seq(account_id) + 1;
}

int SqlStore::prune_events(Id account_id, std::int64_t keep) {
  Lock lock(mutex_);
  int deleted = 0;
  atomically([&] {
    const std::int64_t last = last_seq(account_id);
    db_.prepare("DELETE FROM events WHERE account_id = ? AND seq <= ?")
        .bind_all(account_id, last - std::max<std::int64_t>(keep, 0))
        .run();
    deleted = static_cast<int>(db_.changes());
  });
  return deleted;
}

}  // namespace server::sql
