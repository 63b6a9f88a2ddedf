// The SQLite engine of the SQL store: one connection, a cache of prepared
// statements, errors mapped to StoreError.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "server/storage/sql/sql_db.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace server::sqlite {

class WalCheckpointer;

// One connection. Not thread-safe by itself: the store serialises its use.
class Db final : public sql::Db {
 public:
  explicit Db(const std::string& path);  // throws StoreError(Failure)
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;
  ~Db() override;

  // A prepared statement from the cache (prepared on first use of that text).
  // The lookup copies nothing: a write runs a dozen statements per message.
  // When the cached one is already in use (a query run while another of the
  // same text steps), the statement is a fresh one of its own.
  sql::Stmt prepare(std::string_view sql) override;
  void exec(const std::string& sql) override;
  std::int64_t changes() const override;
  // sqlite3_get_autocommit is 0. After some errors (SQLITE_FULL,
  // SQLITE_IOERR, SQLITE_NOMEM mid-statement) SQLite rolls the whole
  // transaction back itself.
  bool in_transaction() const override;
  const sql::Dialect& dialect() const override;
  // The virtual-machine steps of every statement used so far: what reads and
  // writes cost in SQLite's own units, whatever the machine (tests hold a
  // query plan to it: a lookup that turns into a scan multiplies it).
  std::int64_t work_done() const override { return vm_steps_; }

  // Checkpoints the write-ahead log beside the writer from now on (a file, not ":memory:").
  void start_checkpointer(const std::string& path);

  // Throws StoreError built from the connection's error state, if rc is an error.
  void check(int rc, const char* what) const;

 private:
  // Dynamic list queries vary with the filter; a bound keeps the cache small.
  static constexpr std::size_t kMaxCachedStatements = 512;

  struct Cached {
    sqlite3_stmt* stmt = nullptr;
    bool in_use = false;
  };
  sqlite3_stmt* prepare_new(std::string_view sql);

  sqlite3* db_ = nullptr;
  std::int64_t vm_steps_ = 0;
  std::map<std::string, Cached, std::less<>> cache_;  // std::less<>: found by string_view
  std::unique_ptr<WalCheckpointer> checkpointer_;
};

// The StoreError kind of an SQLite result code (primary or extended):
// constraint violations are Conflict (Invalid for a foreign key), a full disk
// is Full, a database that cannot be written now (read-only, I/O error, busy)
// is Unavailable, anything else Failure.
StoreError::Kind error_kind(int rc);
// The StoreError for an SQLite result code, of error_kind(rc).
[[noreturn]] void throw_error(sqlite3* db, int rc, const char* what);

}  // namespace server::sqlite
