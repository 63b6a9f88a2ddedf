// A thin RAII layer over the SQLite C API: one connection, a cache of prepared
// statements, typed bind/step/column helpers, errors as StoreError.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "server/storage/store.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace server::sqlite {

// A value bound to a `?`: built by the query builder, bound in order.
struct Param {
  bool is_text = false;
  std::int64_t number = 0;
  std::string text;
  static Param of(std::int64_t v) { return {false, v, {}}; }
  static Param of(std::string v) { return {true, 0, std::move(v)}; }
};

// A cached statement borrowed for one use: resets and clears its bindings when
// it goes out of scope, so the next user starts clean. When the cached one is
// already borrowed (a query run while another of the same text steps), the
// Stmt owns a fresh one instead.
class Stmt {
 public:
  Stmt(sqlite3* db, sqlite3_stmt* stmt, bool* in_use, std::int64_t* vm_steps)
      : db_(db), stmt_(stmt), in_use_(in_use), vm_steps_(vm_steps) {}
  Stmt(Stmt&& other) noexcept
      : db_(other.db_), stmt_(other.stmt_), in_use_(other.in_use_), vm_steps_(other.vm_steps_) {
    other.stmt_ = nullptr;
  }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  Stmt& operator=(Stmt&&) = delete;
  ~Stmt();

  // Binds are 1-based like SQLite's; bind_all binds its arguments from 1 on.
  Stmt& bind(int index, std::int64_t value);
  Stmt& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  Stmt& bind(int index, bool value) { return bind(index, static_cast<std::int64_t>(value)); }
  Stmt& bind(int index, std::string_view value);
  Stmt& bind(int index, const std::string& value) { return bind(index, std::string_view(value)); }
  Stmt& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
  Stmt& bind_null(int index);
  // A text that is NULL when empty (optional unique keys such as a message's external id).
  Stmt& bind_text_or_null(int index, const std::string& value);
  Stmt& bind_params(const std::vector<Param>& params, int first = 1);
  template <class... A>
  Stmt& bind_all(const A&... args) {
    int i = 0;
    (bind(++i, args), ...);
    return *this;
  }

  bool step();  // true while there is a row; throws StoreError on an error
  void run();   // steps to the end, for statements without rows

  std::int64_t int64(int column) const;
  int int32(int column) const { return static_cast<int>(int64(column)); }
  bool boolean(int column) const { return int64(column) != 0; }
  std::string text(int column) const;
  // The text without a copy: valid until the next step (bulk reads reuse a buffer).
  std::string_view text_view(int column) const;
  bool is_null(int column) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_;
  bool* in_use_;            // the cache entry's flag; nullptr when this Stmt owns stmt_
  std::int64_t* vm_steps_;  // the connection's count, given this use's steps at the end
};

// One connection. Not thread-safe by itself: the store serialises its use.
class Db {
 public:
  explicit Db(const std::string& path);  // throws StoreError(Failure)
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;
  ~Db();

  // A prepared statement from the cache (prepared on first use of that text).
  // The lookup copies nothing: a write runs a dozen statements per message.
  Stmt prepare(std::string_view sql);
  void exec(const std::string& sql);  // one or more statements without parameters or rows
  std::int64_t changes() const;
  // Whether a transaction is open (sqlite3_get_autocommit is 0). After some
  // errors (SQLITE_FULL, SQLITE_IOERR, SQLITE_NOMEM mid-statement) SQLite
  // rolls the whole transaction back itself; this is how to tell.
  bool in_transaction() const;
  // The virtual-machine steps of every statement used so far: what reads and
  // writes cost in SQLite's own units, whatever the machine (tests hold a
  // query plan to it: a lookup that turns into a scan multiplies it).
  std::int64_t vm_steps() const { return vm_steps_; }

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
};

// The StoreError kind of an SQLite result code (primary or extended):
// constraint violations are Conflict (Invalid for a foreign key), a full disk
// is Full, a database that cannot be written now (read-only, I/O error, busy)
// is Unavailable, anything else Failure.
StoreError::Kind error_kind(int rc);
// The StoreError for an SQLite result code, of error_kind(rc).
[[noreturn]] void throw_error(sqlite3* db, int rc, const char* what);

}  // namespace server::sqlite
