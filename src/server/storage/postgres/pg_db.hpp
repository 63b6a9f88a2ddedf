// The PostgreSQL engine of the SQL store, over libpq: one connection, the
// statements prepared on the server once per text (their `?` rewritten to
// `$n`), parameters and results in text form, errors mapped to StoreError by
// their SQLSTATE. A lost connection is opened again before the next
// statement outside a transaction. Writes run with run_later go out in
// libpq's pipeline mode: they travel with the next statement that needs an
// answer, one round trip for all (a write costs the server a wake-up and a
// reply; sending several at once saves most of it).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "server/storage/sql/sql_db.hpp"

struct pg_conn;
struct pg_result;

namespace server::postgres {

// A statement as PostgreSQL takes it: `?` and `?N` turned into `$N` (a bare
// `?` is one more than the highest number so far, as in SQLite), outside
// quoted strings and names. `params` is the highest number.
struct Rewritten {
  std::string sql;
  int params = 0;
};
Rewritten rewrite_placeholders(std::string_view sql);

// The StoreError kind of an SQLSTATE: a unique or other constraint is
// Conflict, a foreign key or a value the column cannot hold Invalid, a full
// disk Full, a server that is read-only, shutting down or unreachable
// Unavailable, a deadlock or a serialization failure Contention, anything
// else Failure.
StoreError::Kind error_kind(std::string_view sqlstate);

class Db final : public sql::Db {
 public:
  // A libpq connection string: "postgresql://user@host/db" or "host=... dbname=...".
  // Throws StoreError(Unavailable) when the server cannot be reached.
  explicit Db(std::string conninfo);
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;
  ~Db() override;

  sql::Stmt prepare(std::string_view sql) override;
  // Rows come from a cursor of the transaction, a batch at a time.
  sql::Stmt prepare_scan(std::string_view sql) override;
  void exec(const std::string& sql) override;
  void sync() override;
  std::int64_t changes() const override { return changes_; }
  bool in_transaction() const override;
  const sql::Dialect& dialect() const override;
  // Round trips to the server so far: what a write costs here, more than the
  // statements' own work (tests guard the count of a message's ingest).
  std::int64_t work_done() const override { return round_trips_; }

  // Bulk loading by `COPY table (columns) FROM STDIN`: the rows go in COPY's
  // text format, in chunks of any size; copy_end returns the rows the server
  // took (its errors throw there). After a failure on the sending side,
  // copy_abort ends the COPY as failed: the transaction then rolls back.
  void copy_begin(const std::string& sql);
  void copy_put(std::string_view data);
  std::int64_t copy_end();
  void copy_abort(const char* why) noexcept;

  // For the engine's statements (pg_db.cpp).
  struct Prepared {
    std::string name;  // on the server, e.g. "s12"; empty until prepared
    Rewritten text;
    std::vector<unsigned> types;  // the parameters' types as the server settled them
    int users = 0;                // statements in use (an entry in use is never dropped)
  };
  struct Arguments {
    std::vector<const char*> values;  // nullptr: NULL
    std::vector<int> lengths;
    std::vector<int> formats;  // 0 text, 1 binary
  };
  // Prepares the statement on the server if it is not yet, with these types
  // (0: the server infers one), and reads back the types it settled on.
  void ensure_prepared(Prepared& statement, const std::vector<unsigned>& types);
  // Runs it; the result is checked (an error throws StoreError).
  pg_result* run_prepared(const Prepared& statement, const Arguments& arguments);
  pg_result* run_params(const std::string& sql, const std::vector<unsigned>& types,
                        const Arguments& arguments);
  // Queues it in the pipeline; sync (or the next statement) reads its result.
  void send_prepared(const Prepared& statement, const Arguments& arguments);
  std::string next_cursor_name() { return "c" + std::to_string(++cursors_); }

 private:
  void connect();
  void ensure_connected();  // reconnects a lost connection outside a transaction
  pg_result* checked(pg_result* result, const char* what);
  pg_result* end_pipeline();

  std::string conninfo_;
  pg_conn* conn_ = nullptr;
  std::map<std::string, Prepared, std::less<>> prepared_;
  std::int64_t statements_ = 0;  // names of prepared statements
  std::int64_t cursors_ = 0;     // names of scan cursors
  std::int64_t changes_ = 0;
  int queued_ = 0;  // statements sent in pipeline mode whose results are not read yet
  std::int64_t round_trips_ = 0;
};

}  // namespace server::postgres
