// What the SQL store needs of a database connection, whichever the engine:
// prepared statements with `?` parameters (`?N` for a numbered one), typed
// binds and columns, errors as StoreError. sqlite/sqlite_db.hpp and
// postgres/pg_db.hpp implement it; the few phrases the two engines spell
// differently are the Dialect's.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "server/storage/store.hpp"

namespace server::sql {

// A value bound to a `?`: built by the query builder, bound in order.
struct Param {
  bool is_text = false;
  std::int64_t number = 0;
  std::string text;
  static Param of(std::int64_t v) { return {false, v, {}}; }
  static Param of(std::string v) { return {true, 0, std::move(v)}; }
};

// One use of a prepared statement, as an engine runs it. Binds are 1-based.
// The first step() executes; columns are valid until the next step().
class EngineStmt {
 public:
  virtual ~EngineStmt() = default;
  virtual void bind(int index, std::int64_t value) = 0;
  virtual void bind(int index, std::string_view value) = 0;
  virtual void bind_null(int index) = 0;
  virtual bool step() = 0;  // true while there is a row; throws StoreError on an error
  // Runs a write whose rows and changes nobody reads. An engine across a
  // socket may send it along with the statements after it (Db::sync).
  virtual void run_later() {
    while (step()) {
    }
  }
  virtual std::int64_t int64(int column) const = 0;  // a boolean column reads as 0 or 1
  virtual std::string_view text_view(int column) const = 0;
  virtual bool is_null(int column) const = 0;
};

// A statement borrowed for one use; the engine's statement behind it.
class Stmt {
 public:
  explicit Stmt(std::unique_ptr<EngineStmt> engine) : engine_(std::move(engine)) {}

  Stmt& bind(int index, std::int64_t value) {
    engine_->bind(index, value);
    return *this;
  }
  Stmt& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  Stmt& bind(int index, bool value) { return bind(index, static_cast<std::int64_t>(value)); }
  Stmt& bind(int index, std::string_view value) {
    engine_->bind(index, value);
    return *this;
  }
  Stmt& bind(int index, const std::string& value) { return bind(index, std::string_view(value)); }
  Stmt& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
  Stmt& bind_null(int index) {
    engine_->bind_null(index);
    return *this;
  }
  // A text that is NULL when empty (optional unique keys such as a message's external id).
  Stmt& bind_text_or_null(int index, const std::string& value) {
    return value.empty() ? bind_null(index) : bind(index, value);
  }
  Stmt& bind_params(const std::vector<Param>& params, int first = 1) {
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
  template <class... A>
  Stmt& bind_all(const A&... args) {
    int i = 0;
    (bind(++i, args), ...);
    return *this;
  }

  bool step() { return engine_->step(); }
  void run() {
    while (step()) {
    }
  }
  // run(), but the engine may send the statement with the next one: its error
  // is then thrown by a later statement of the transaction or by Db::sync,
  // and Db::changes does not count it. For writes inside a transaction only.
  void run_later() { engine_->run_later(); }

  std::int64_t int64(int column) const { return engine_->int64(column); }
  int int32(int column) const { return static_cast<int>(int64(column)); }
  bool boolean(int column) const { return int64(column) != 0; }
  std::string text(int column) const { return std::string(text_view(column)); }
  // The text without a copy: valid until the next step (bulk reads reuse a buffer).
  std::string_view text_view(int column) const { return engine_->text_view(column); }
  bool is_null(int column) const { return engine_->is_null(column); }

 private:
  std::unique_ptr<EngineStmt> engine_;
};

// The phrases the engines spell differently; each is a fragment of SQL with
// the same number of `?` in every engine.
struct Dialect {
  const char* begin_write;  // opens a transaction that will write
  // `column` holds `?` as a substring (byte-wise), e.g. "instr(%s, ?) > 0".
  std::string (*contains)(const std::string& column);
  // `column` is one of the ids bound as one text parameter made by id_list.
  std::string (*in_id_list)(const std::string& column);
  std::string (*id_list)(const std::vector<Id>& ids);
  // Operators' e-mails compare without regard to ASCII case.
  const char* email_equals;  // "email = ?" under SQLite's NOCASE column
  // Holds the text bound to it until the transaction ends, so that two server
  // processes doing the same keyed request go one after the other (the second
  // then finds the first's reply); empty where one writer does anyway.
  const char* hold_key;
};

// One connection. Not thread-safe by itself: the store serialises its use.
class Db {
 public:
  virtual ~Db() = default;
  // A prepared statement (the engine caches it by its text).
  virtual Stmt prepare(std::string_view sql) = 0;
  // A statement of the engine's own that yields rows in batches rather than
  // all at once (a scan of every dialog); inside a transaction.
  virtual Stmt prepare_scan(std::string_view sql) { return prepare(sql); }
  virtual void exec(const std::string& sql) = 0;  // statements without parameters or rows
  // Waits for the statements run_later sent and throws the first one's error.
  virtual void sync() {}
  // Rows the last INSERT, UPDATE or DELETE changed.
  virtual std::int64_t changes() const = 0;
  // Whether a transaction is open. After some errors SQLite rolls the whole
  // transaction back itself; this is how to tell.
  virtual bool in_transaction() const = 0;
  virtual const Dialect& dialect() const = 0;
  // What statements have cost so far in the engine's own units, when it counts
  // them (SQLite's virtual-machine steps), else -1.
  virtual std::int64_t work_done() const { return -1; }
};

}  // namespace server::sql
