// The SQLite engine: statement cache, cursors, errors mapped to StoreError.
#include "server/storage/sqlite/sqlite_db.hpp"

#include <mutex>
#include <vector>

#include <sqlite3.h>

#include "server/storage/sqlite/wal_checkpointer.hpp"

namespace server::sqlite {

StoreError::Kind error_kind(int rc) {
  switch (rc & 0xFF) {
    case SQLITE_CONSTRAINT:
      // A missing referenced row is the caller's bad input; any other constraint a taken key.
      return rc == SQLITE_CONSTRAINT_FOREIGNKEY ? StoreError::Kind::Invalid
                                                : StoreError::Kind::Conflict;
    case SQLITE_FULL:  // the file system has no space left (ENOSPC, EDQUOT)
      return StoreError::Kind::Full;
    case SQLITE_READONLY:  // the file, or its file system, cannot be written
    case SQLITE_IOERR:     // write(), fsync(), the -shm file ... failed (EROFS, EPERM, EIO)
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_BUSY:  // another process holds the database past the busy timeout
      return StoreError::Kind::Unavailable;
    default:
      return StoreError::Kind::Failure;
  }
}

void throw_error(sqlite3* db, int rc, const char* what) {
  std::string message = std::string(what) + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
  throw StoreError(error_kind(rc), message);
}

namespace {

// A cached statement borrowed for one use: resets and clears its bindings at
// the end, so the next user starts clean; or a fresh one it owns.
class SqliteStmt final : public sql::EngineStmt {
 public:
  SqliteStmt(sqlite3* db, sqlite3_stmt* stmt, bool* in_use, std::int64_t* vm_steps)
      : db_(db), stmt_(stmt), in_use_(in_use), vm_steps_(vm_steps) {}
  SqliteStmt(const SqliteStmt&) = delete;
  SqliteStmt& operator=(const SqliteStmt&) = delete;
  ~SqliteStmt() override {
    *vm_steps_ += sqlite3_stmt_status(stmt_, SQLITE_STMTSTATUS_VM_STEP, 1);
    if (!in_use_) {
      sqlite3_finalize(stmt_);
      return;
    }
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    *in_use_ = false;
  }

  void bind(int index, std::int64_t value) override {
    check(sqlite3_bind_int64(stmt_, index, value));
  }
  void bind(int index, std::string_view value) override {
    check(sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_TRANSIENT,
                              SQLITE_UTF8));
  }
  void bind_null(int index) override { check(sqlite3_bind_null(stmt_, index)); }

  bool step() override {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    throw_error(db_, rc, "step");
  }

  std::int64_t int64(int column) const override { return sqlite3_column_int64(stmt_, column); }
  std::string_view text_view(int column) const override {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
    if (!p) return {};
    return {p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column))};
  }
  bool is_null(int column) const override {
    return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
  }

 private:
  void check(int rc) const {
    if (rc != SQLITE_OK) throw_error(db_, rc, "bind");
  }

  sqlite3* db_;
  sqlite3_stmt* stmt_;
  bool* in_use_;            // the cache entry's flag; nullptr when this cursor owns stmt_
  std::int64_t* vm_steps_;  // the connection's count, given this use's steps at the end
};

std::string contains(const std::string& column) {
  return "instr(" + column + ", ?) > 0";
}

// Ids as a JSON array, bound to one `json_each(?)`: one statement text for
// any number of ids.
std::string in_id_list(const std::string& column) {
  return column + " IN (SELECT value FROM json_each(?))";
}
std::string id_list(const std::vector<Id>& ids) {
  std::string json = "[";
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (i) json += ',';
    json += std::to_string(ids[i]);
  }
  return json + "]";
}

// BEGIN IMMEDIATE takes the write lock at once: a transaction that reads
// first and writes later cannot fail half-way on another writer.
constexpr sql::Dialect kDialect{"BEGIN IMMEDIATE", contains, in_id_list, id_list, "email = ?", ""};

}  // namespace

namespace {

// Statement and savepoint journals kept in memory up to this size, in chunks
// of this size. SQLite finds a savepoint's start by walking the chunks, at
// every statement's end while a savepoint is open: with its default of 1 KiB
// chunks (temp_store = MEMORY) a request's savepoint made that walk grow with
// every write in it. Set once, before SQLite initialises.
constexpr int kStatementJournalBytes = 8 << 20;

void configure_sqlite() {
  static std::once_flag once;
  std::call_once(once,
                 [] { sqlite3_config(SQLITE_CONFIG_STMTJRNL_SPILL, kStatementJournalBytes); });
}

}  // namespace

Db::Db(const std::string& path) {
  configure_sqlite();
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  const int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = "open " + path + ": " + sqlite3_errstr(rc);
    sqlite3_close(db_);
    db_ = nullptr;
    throw StoreError(error_kind(rc), message);
  }
  sqlite3_extended_result_codes(db_, 1);
}

Db::~Db() {
  checkpointer_.reset();  // its last checkpoint, while this connection is still open
  for (auto& [sql, cached] : cache_) sqlite3_finalize(cached.stmt);
  if (db_) {
    sqlite3_exec(db_, "PRAGMA optimize", nullptr, nullptr, nullptr);
    sqlite3_close(db_);
  }
}

sqlite3_stmt* Db::prepare_new(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                    SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) throw_error(db_, rc, "prepare");
  return stmt;
}

sql::Stmt Db::prepare(std::string_view sql) {
  auto it = cache_.find(sql);
  if (it != cache_.end()) {
    if (it->second.in_use) {
      return sql::Stmt(std::make_unique<SqliteStmt>(db_, prepare_new(sql), nullptr, &vm_steps_));
    }
    it->second.in_use = true;
    return sql::Stmt(
        std::make_unique<SqliteStmt>(db_, it->second.stmt, &it->second.in_use, &vm_steps_));
  }
  if (cache_.size() >= kMaxCachedStatements) {
    for (auto e = cache_.begin(); e != cache_.end();) {
      if (e->second.in_use) {
        ++e;
      } else {
        sqlite3_finalize(e->second.stmt);
        e = cache_.erase(e);
      }
    }
  }
  sqlite3_stmt* stmt = prepare_new(sql);  // before the entry: a failed prepare leaves none
  Cached& cached = cache_.emplace(std::string(sql), Cached{}).first->second;
  cached.stmt = stmt;
  cached.in_use = true;
  return sql::Stmt(std::make_unique<SqliteStmt>(db_, cached.stmt, &cached.in_use, &vm_steps_));
}

void Db::exec(const std::string& sql) {
  char* error = nullptr;
  const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error);
  if (rc != SQLITE_OK) {
    std::string message = "exec: " + std::string(error ? error : sqlite3_errstr(rc));
    sqlite3_free(error);
    throw StoreError(error_kind(rc), message);
  }
}

bool Db::in_transaction() const {
  return sqlite3_get_autocommit(db_) == 0;
}

std::int64_t Db::changes() const {
  return sqlite3_changes64(db_);
}

const sql::Dialect& Db::dialect() const {
  return kDialect;
}

void Db::start_checkpointer(const std::string& path) {
  checkpointer_ = std::make_unique<WalCheckpointer>(path);
}

void Db::check(int rc, const char* what) const {
  if (rc != SQLITE_OK && rc != SQLITE_ROW && rc != SQLITE_DONE) throw_error(db_, rc, what);
}

}  // namespace server::sqlite
