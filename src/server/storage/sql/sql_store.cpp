// SqlStore: transactions, ids, accounts, operators, sessions and idempotency
// keys. The other methods live in the sql_*.cpp files beside it.
#include "server/storage/sql/sql_store.hpp"

#include <algorithm>
#include <chrono>

namespace server::sql {
namespace {

TimeMs now_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

// The kind of the exception being handled (called inside a catch block).
StoreError::Kind handled_kind() {
  try {
    throw;
  } catch (const StoreError& e) {
    return e.kind();
  } catch (...) {
    return StoreError::Kind::Failure;
  }
}

}  // namespace

void SqlStore::atomically(const std::function<void()>& f) {
  Lock lock(mutex_);
  if (depth_ == 0) return transaction(f);
  f();
}

// SQLite rolls the whole transaction back itself after some errors of a
// statement (SQLITE_FULL, SQLITE_IOERR, SQLITE_NOMEM: sqlite3_get_autocommit's
// documentation), savepoints included. A nested part begun after that would
// have its SAVEPOINT begin a transaction of its own, committed by its RELEASE
// outside the enclosing one (the group commit's batch, which then fails and is
// refused whole): such a part, and the enclosing commit, fail with that error.
void SqlStore::transaction(const std::function<void()>& f) {
  Lock lock(mutex_);
  const std::string savepoint = "SAVEPOINT s" + std::to_string(depth_);
  if (depth_ == 0) {
    rolled_back_.reset();
    db_.prepare(db_.dialect().begin_write).run();
  } else if (!db_.in_transaction()) {
    throw StoreError(rolled_back_.value_or(StoreError::Kind::Failure),
                     "the transaction was rolled back by an earlier error in it");
  } else {
    db_.prepare(savepoint).run_later();
  }
  ++depth_;
  try {
    f();
    // A write f sent ahead (Stmt::run_later) fails here, inside its savepoint;
    // a whole transaction's fail with its COMMIT, in the same round trip.
    if (depth_ > 1) db_.sync();
  } catch (...) {
    --depth_;
    try {
      db_.sync();  // what f sent ahead is answered before the rollback is sent
    } catch (const StoreError&) {
    }
    if (depth_ > 0 && !db_.in_transaction() && !rolled_back_) rolled_back_ = handled_kind();
    // The rollback may undo the update that reserved the id block: the rest
    // of it is dropped (those ids are skipped) so that none is handed out twice.
    id_block_ = {};
    try {
      if (depth_ == 0) {
        db_.prepare("ROLLBACK").run();
      } else {
        const std::string name = "s" + std::to_string(depth_);
        db_.prepare("ROLLBACK TO " + name).run();
        db_.prepare("RELEASE " + name).run();
      }
    } catch (const StoreError&) {
      // SQLite may have rolled back already (e.g. on a full disk); keep the first error.
    }
    throw;
  }
  --depth_;
  if (depth_ == 0) {
    try {
      if (!db_.in_transaction()) {
        throw StoreError(rolled_back_.value_or(StoreError::Kind::Failure),
                         "the transaction was rolled back by an error in it");
      }
      db_.prepare("COMMIT").run_later();
      db_.sync();
    } catch (const StoreError&) {
      id_block_ = {};
      try {
        db_.prepare("ROLLBACK").run();
      } catch (const StoreError&) {
      }
      throw;
    }
  } else {
    db_.prepare("RELEASE s" + std::to_string(depth_)).run_later();
  }
}

Id SqlStore::allocate_id() {
  if (id_block_.next == id_block_.end) {
    Stmt stmt = db_.prepare("UPDATE id_counter SET next = next + ?1 RETURNING next - ?1");
    stmt.bind(1, kIdBlock);
    if (!stmt.step()) throw StoreError(StoreError::Kind::Failure, "the id counter is missing");
    id_block_.next = stmt.int64(0);
    id_block_.end = id_block_.next + kIdBlock;
  }
  return id_block_.next++;
}

void SqlStore::reserve_id(Id id) {
  // Ids handed out later stay above it, as without a block.
  if (id >= id_block_.next) id_block_ = {};
  db_.prepare("UPDATE id_counter SET next = ?1 + 1 WHERE next <= ?1").bind(1, id).run();
}

Id SqlStore::next_id() {
  Lock lock(mutex_);
  Id id = 0;
  atomically([&] { id = allocate_id(); });
  return id;
}

Id SqlStore::reserve_ids(std::int64_t count) {
  Lock lock(mutex_);
  Id first = 0;
  atomically([&] {
    id_block_ = {};  // ids handed out later come after the reserved ones
    Stmt stmt = db_.prepare("UPDATE id_counter SET next = next + ? RETURNING next - ?");
    stmt.bind_all(std::max<std::int64_t>(count, 0), std::max<std::int64_t>(count, 0));
    if (!stmt.step()) throw StoreError(StoreError::Kind::Failure, "the id counter is missing");
    first = stmt.int64(0);
  });
  return first;
}

SqlStore::Upsert SqlStore::prepare_upsert(const char* table, Id id, Id account_id) {
  // `table` is always a literal of this file set, never input.
  Stmt stmt = db_.prepare(std::string("SELECT account_id FROM ") + table + " WHERE id = ?");
  stmt.bind(1, id);
  if (stmt.step()) {
    if (stmt.int64(0) != account_id) {
      throw StoreError(
          StoreError::Kind::Conflict,
          std::string(table) + " id " + std::to_string(id) + " belongs to another account");
    }
    return Upsert::Update;
  }
  reserve_id(id);
  return Upsert::Insert;
}

Id SqlStore::id_for_save(const char* table, Id id, Id account_id) {
  if (id == 0) return allocate_id();
  prepare_upsert(table, id, account_id);
  return id;
}

bool SqlStore::belongs(const char* table, Id id, Id account_id) {
  Stmt stmt =
      db_.prepare(std::string("SELECT 1 FROM ") + table + " WHERE id = ? AND account_id = ?");
  stmt.bind_all(id, account_id);
  return stmt.step();
}

void SqlStore::require(const char* table, const char* what, Id id, Id account_id) {
  if (!belongs(table, id, account_id)) {
    throw StoreError(StoreError::Kind::Invalid, std::string("unknown ") + what + " " +
                                                    std::to_string(id) + " in account " +
                                                    std::to_string(account_id));
  }
}

// ---- accounts -------------------------------------------------------------

Id SqlStore::create_account(const std::string& name) {
  Lock lock(mutex_);
  Id id = 0;
  atomically([&] {
    id = allocate_id();
    db_.prepare("INSERT INTO accounts (id, name) VALUES (?, ?)").bind_all(id, name).run();
  });
  return id;
}

std::optional<core::Account> SqlStore::account(Id account_id) {
  Lock lock(mutex_);
  Stmt stmt = db_.prepare("SELECT id, name FROM accounts WHERE id = ?");
  stmt.bind(1, account_id);
  if (!stmt.step()) return std::nullopt;
  return core::Account{stmt.int64(0), stmt.text(1)};
}

std::vector<Id> SqlStore::account_ids() {
  Lock lock(mutex_);
  std::vector<Id> ids;
  Stmt stmt = db_.prepare("SELECT id FROM accounts ORDER BY id");
  while (stmt.step()) ids.push_back(stmt.int64(0));
  return ids;
}

// ---- operators --------------------------------------------------------------

std::vector<Id> SqlStore::operator_sources(Id operator_id) {
  std::vector<Id> ids;
  Stmt stmt = db_.prepare(
      "SELECT source_id FROM operator_sources WHERE operator_id = ? ORDER BY source_id");
  stmt.bind(1, operator_id);
  while (stmt.step()) ids.push_back(stmt.int64(0));
  return ids;
}

std::optional<Credentials> SqlStore::credentials_by_email(const std::string& email) {
  Lock lock(mutex_);
  Credentials out;
  {
    Stmt stmt = db_.prepare(
        "SELECT id, account_id, name, email, role, supervisor, password_hash, active, "
        "avatar_url FROM operators WHERE " +
        std::string(db_.dialect().email_equals));
    stmt.bind(1, email);
    if (!stmt.step()) return std::nullopt;
    out.op.id = stmt.int64(0);
    out.op.account_id = stmt.int64(1);
    out.op.name = stmt.text(2);
    out.op.email = stmt.text(3);
    out.op.role = static_cast<core::Role>(stmt.int32(4));
    out.op.supervisor = stmt.boolean(5);
    out.password_hash = stmt.text(6);
    out.op.active = stmt.boolean(7);
    out.op.avatar_url = stmt.text(8);
  }
  out.op.source_ids = operator_sources(out.op.id);
  return out;
}

Id SqlStore::save_operator(const core::Operator& op, const std::string& password_hash) {
  Lock lock(mutex_);
  Id id = op.id;
  atomically([&] {
    id = id_for_save("operators", id, op.account_id);
    db_.prepare(
           "INSERT INTO operators (id, account_id, name, email, role, supervisor, password_hash, "
           "active, avatar_url) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
           "ON CONFLICT (id) DO UPDATE SET name = excluded.name, email = excluded.email, "
           "role = excluded.role, supervisor = excluded.supervisor, active = excluded.active, "
           "avatar_url = excluded.avatar_url, password_hash = "
           "CASE WHEN ?7 = '' THEN operators.password_hash ELSE excluded.password_hash END")
        .bind_all(id, op.account_id, op.name, op.email, static_cast<int>(op.role), op.supervisor,
                  password_hash, op.active, op.avatar_url)
        .run();
    db_.prepare("DELETE FROM operator_sources WHERE operator_id = ?").bind(1, id).run();
    for (Id source : op.source_ids) {
      require("sources", "source", source, op.account_id);
      db_.prepare(
             "INSERT INTO operator_sources (operator_id, source_id) VALUES (?, ?) ON CONFLICT DO "
             "NOTHING")
          .bind_all(id, source)
          .run();
    }
  });
  return id;
}

bool SqlStore::delete_operator(Id account_id, Id operator_id) {
  Lock lock(mutex_);
  bool deleted = false;
  atomically([&] {
    if (!belongs("operators", operator_id, account_id)) return;
    unassign_operator(account_id, operator_id);
    db_.prepare("DELETE FROM idempotency WHERE operator_id = ?").bind(1, operator_id).run();
    // Sessions and granted sources go with the row (ON DELETE CASCADE).
    db_.prepare("DELETE FROM operators WHERE id = ? AND account_id = ?")
        .bind_all(operator_id, account_id)
        .run();
    deleted = db_.changes() > 0;
  });
  return deleted;
}

void SqlStore::unassign_operator(Id account_id, Id operator_id) {
  db_.prepare("UPDATE dialogs SET responsible_id = 0 WHERE account_id = ? AND responsible_id = ?")
      .bind_all(account_id, operator_id)
      .run();
  db_.prepare(
         "UPDATE tasks SET assignee_id = 0 WHERE assignee_id = ?1 AND dialog_id IN "
         "(SELECT id FROM dialogs WHERE account_id = ?2)")
      .bind_all(operator_id, account_id)
      .run();
}

bool SqlStore::release_operator(Id account_id, Id operator_id) {
  Lock lock(mutex_);
  bool released = false;
  atomically([&] {
    if (!belongs("operators", operator_id, account_id)) return;
    unassign_operator(account_id, operator_id);
    db_.prepare("DELETE FROM sessions WHERE operator_id = ?").bind(1, operator_id).run();
    db_.prepare("DELETE FROM invitations WHERE operator_id = ?").bind(1, operator_id).run();
    released = true;
  });
  return released;
}

// ---- invitations ------------------------------------------------------------

void SqlStore::save_invitation(const Invitation& i) {
  Lock lock(mutex_);
  atomically([&] {
    require("operators", "operator", i.operator_id, i.account_id);
    db_.prepare("DELETE FROM invitations WHERE operator_id = ?").bind(1, i.operator_id).run();
    db_.prepare(
           "INSERT INTO invitations (token_hash, operator_id, account_id, expires_at) "
           "VALUES (?, ?, ?, ?)")
        .bind_all(i.token_hash, i.operator_id, i.account_id, i.expires_at)
        .run();
  });
}

std::optional<Invitation> SqlStore::invitation(const std::string& token_hash) {
  Lock lock(mutex_);
  Stmt stmt = db_.prepare(
      "SELECT token_hash, operator_id, account_id, expires_at FROM invitations "
      "WHERE token_hash = ?");
  stmt.bind(1, token_hash);
  if (!stmt.step()) return std::nullopt;
  return Invitation{stmt.text(0), stmt.int64(1), stmt.int64(2), stmt.int64(3)};
}

void SqlStore::delete_invitations(Id operator_id) {
  Lock lock(mutex_);
  atomically([&] {
    db_.prepare("DELETE FROM invitations WHERE operator_id = ?").bind(1, operator_id).run();
  });
}

// ---- sessions ---------------------------------------------------------------

void SqlStore::save_session(const Session& s) {
  Lock lock(mutex_);
  atomically([&] {
    require("operators", "operator", s.operator_id, s.account_id);
    db_.prepare(
           "INSERT INTO sessions (token_hash, operator_id, account_id, expires_at) "
           "VALUES (?, ?, ?, ?) ON CONFLICT (token_hash) DO UPDATE SET "
           "expires_at = excluded.expires_at WHERE sessions.operator_id = excluded.operator_id")
        .bind_all(s.token_hash, s.operator_id, s.account_id, s.expires_at)
        .run();
    if (db_.changes() == 0) {
      throw StoreError(StoreError::Kind::Conflict, "the session token belongs to someone else");
    }
  });
}

std::optional<Session> SqlStore::session(const std::string& token_hash) {
  Lock lock(mutex_);
  Stmt stmt = db_.prepare(
      "SELECT token_hash, operator_id, account_id, expires_at FROM sessions WHERE token_hash = ?");
  stmt.bind(1, token_hash);
  if (!stmt.step()) return std::nullopt;
  return Session{stmt.text(0), stmt.int64(1), stmt.int64(2), stmt.int64(3)};
}

bool SqlStore::delete_session(const std::string& token_hash) {
  Lock lock(mutex_);
  bool deleted = false;
  atomically([&] {
    db_.prepare("DELETE FROM sessions WHERE token_hash = ?").bind(1, token_hash).run();
    deleted = db_.changes() > 0;
  });
  return deleted;
}

int SqlStore::delete_other_sessions(Id operator_id, const std::string& keep_token_hash) {
  Lock lock(mutex_);
  int deleted = 0;
  atomically([&] {
    db_.prepare("DELETE FROM sessions WHERE operator_id = ? AND token_hash <> ?")
        .bind_all(operator_id, keep_token_hash)
        .run();
    deleted = static_cast<int>(db_.changes());
  });
  return deleted;
}

int SqlStore::delete_expired_sessions(TimeMs now) {
  Lock lock(mutex_);
  int deleted = 0;
  atomically([&] {
    db_.prepare("DELETE FROM sessions WHERE expires_at <= ?").bind(1, now).run();
    deleted = static_cast<int>(db_.changes());
  });
  return deleted;
}

// ---- idempotency keys -------------------------------------------------------

std::optional<IdempotentReply> SqlStore::idempotent_reply(Id operator_id, const std::string& key) {
  Lock lock(mutex_);
  if (*db_.dialect().hold_key && db_.in_transaction()) {
    db_.prepare(db_.dialect().hold_key).bind(1, std::to_string(operator_id) + ":" + key).step();
  }
  Stmt stmt = db_.prepare("SELECT status, body FROM idempotency WHERE operator_id = ? AND key = ?");
  stmt.bind_all(operator_id, key);
  if (!stmt.step()) return std::nullopt;
  return IdempotentReply{stmt.int32(0), stmt.text(1)};
}

void SqlStore::save_idempotent_reply(Id operator_id, const std::string& key,
                                     const IdempotentReply& reply) {
  Lock lock(mutex_);
  atomically([&] {
    db_.prepare(
           "INSERT INTO idempotency (operator_id, key, status, body, created_at) "
           "VALUES (?, ?, ?, ?, ?) ON CONFLICT (operator_id, key) DO UPDATE SET "
           "status = excluded.status, body = excluded.body")
        .bind_all(operator_id, key, reply.status, reply.body, now_ms())
        .run();
  });
}

int SqlStore::prune_idempotent_replies(TimeMs older_than) {
  Lock lock(mutex_);
  int deleted = 0;
  atomically([&] {
    db_.prepare("DELETE FROM idempotency WHERE created_at < ?").bind(1, older_than).run();
    deleted = static_cast<int>(db_.changes());
  });
  return deleted;
}

}  // namespace server::sql
