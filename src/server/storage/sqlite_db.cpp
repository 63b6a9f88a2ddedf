// The SQLite wrapper: statement cache, binds and errors mapped to StoreError.
#include "server/storage/sqlite_db.hpp"

#include <mutex>

#include <sqlite3.h>

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

Stmt::~Stmt() {
  if (!stmt_) return;
  if (vm_steps_) *vm_steps_ += sqlite3_stmt_status(stmt_, SQLITE_STMTSTATUS_VM_STEP, 1);
  if (!in_use_) {
    sqlite3_finalize(stmt_);
    return;
  }
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  *in_use_ = false;
}

Stmt& Stmt::bind(int index, std::int64_t value) {
  const int rc = sqlite3_bind_int64(stmt_, index, value);
  if (rc != SQLITE_OK) throw_error(db_, rc, "bind");
  return *this;
}

Stmt& Stmt::bind(int index, std::string_view value) {
  const int rc =
      sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  if (rc != SQLITE_OK) throw_error(db_, rc, "bind");
  return *this;
}

Stmt& Stmt::bind_null(int index) {
  const int rc = sqlite3_bind_null(stmt_, index);
  if (rc != SQLITE_OK) throw_error(db_, rc, "bind");
  return *this;
}

Stmt& Stmt::bind_text_or_null(int index, const std::string& value) {
  return value.empty() ? bind_null(index) : bind(index, value);
}

Stmt& Stmt::bind_params(const std::vector<Param>& params, int first) {
  for (std::size_t i = 0; i < params.size(); ++i) {
    const int index = first + static_cast<int>(i);
    if (params[i].is_text) {
      bind(index, params[i].text);
    } else {
      bind(index, params[i].number);
    }
  }
  return *this;
}

bool Stmt::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  throw_error(db_, rc, "step");
}

void Stmt::run() {
  while (step()) {
  }
}

std::int64_t Stmt::int64(int column) const {
  return sqlite3_column_int64(stmt_, column);
}

std::string Stmt::text(int column) const {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
  if (!p) return {};
  return std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
}

std::string_view Stmt::text_view(int column) const {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
  if (!p) return {};
  return {p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column))};
}

bool Stmt::is_null(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

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

Stmt Db::prepare(std::string_view sql) {
  auto it = cache_.find(sql);
  if (it != cache_.end()) {
    if (it->second.in_use) return Stmt(db_, prepare_new(sql), nullptr, &vm_steps_);
    it->second.in_use = true;
    return Stmt(db_, it->second.stmt, &it->second.in_use, &vm_steps_);
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
  return Stmt(db_, cached.stmt, &cached.in_use, &vm_steps_);
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

void Db::check(int rc, const char* what) const {
  if (rc != SQLITE_OK && rc != SQLITE_ROW && rc != SQLITE_DONE) throw_error(db_, rc, what);
}

}  // namespace server::sqlite
