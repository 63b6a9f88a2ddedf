// The PostgreSQL engine: statements prepared once per text, cursors for
// scans, SQLSTATEs mapped to StoreError.
#include "server/storage/postgres/pg_db.hpp"

#include <charconv>
#include <cstdlib>
#include <memory>

#include <libpq-fe.h>

namespace server::postgres {
namespace {

constexpr Oid kInt8 = 20;
constexpr Oid kText = 25;
constexpr Oid kVarchar = 1043;
constexpr int kScanBatchRows = 4096;
// Dynamic list queries vary with the filter; a bound keeps the server's cache small.
constexpr std::size_t kMaxPrepared = 512;

struct ResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using Result = std::unique_ptr<PGresult, ResultDeleter>;

std::string trimmed(const char* message) {
  std::string text = message ? message : "";
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

// A value for one `$n`.
struct Value {
  enum class Kind { Null, Number, Text } kind = Kind::Null;
  std::string bytes;
};

// Numbers go as text (the server reads them as whatever type the parameter
// has); texts as their bytes when the parameter is a text, so that a NUL byte
// or broken UTF-8 reaches the server and is refused there instead of cutting
// the value short.
Db::Arguments arguments_of(const std::vector<Value>& values, const std::vector<unsigned>& types) {
  Db::Arguments a;
  for (std::size_t i = 0; i < values.size(); ++i) {
    const Value& v = values[i];
    const bool text_param = i < types.size() && (types[i] == kText || types[i] == kVarchar);
    const bool binary = v.kind == Value::Kind::Text && text_param;
    if (v.kind == Value::Kind::Text && !binary && v.bytes.find('\0') != std::string::npos) {
      throw StoreError(StoreError::Kind::Invalid, "a text with a NUL byte");
    }
    a.values.push_back(v.kind == Value::Kind::Null ? nullptr : v.bytes.c_str());
    a.lengths.push_back(static_cast<int>(v.bytes.size()));
    a.formats.push_back(binary ? 1 : 0);
  }
  return a;
}

// Types from the values: numbers int8, texts text, NULLs left to the server.
std::vector<unsigned> types_of(const std::vector<Value>& values) {
  std::vector<unsigned> types;
  for (const Value& v : values) {
    types.push_back(v.kind == Value::Kind::Number ? kInt8
                    : v.kind == Value::Kind::Text ? kText
                                                  : 0);
  }
  return types;
}

// One use of a prepared statement (or, for a scan, of a cursor over it).
class PgStmt final : public sql::EngineStmt {
 public:
  PgStmt(Db& db, Db::Prepared& prepared, std::string cursor)
      : db_(db), prepared_(prepared), cursor_(std::move(cursor)) {
    ++prepared_.users;
    values_.resize(static_cast<std::size_t>(prepared.text.params));
  }
  PgStmt(const PgStmt&) = delete;
  PgStmt& operator=(const PgStmt&) = delete;
  ~PgStmt() override {
    --prepared_.users;
    if (!cursor_.empty() && declared_ && db_.in_transaction()) {
      try {
        Result(db_.run_params("CLOSE " + cursor_, {}, {}));
      } catch (const StoreError&) {
        // The transaction failed meanwhile; its end closes the cursor.
      }
    }
  }

  void bind(int index, std::int64_t value) override {
    Value& v = at(index);
    v.kind = Value::Kind::Number;
    v.bytes = std::to_string(value);
  }
  void bind(int index, std::string_view value) override {
    Value& v = at(index);
    v.kind = Value::Kind::Text;
    v.bytes.assign(value);
  }
  void bind_null(int index) override { at(index) = Value{}; }

  void run_later() override {
    if (!cursor_.empty() || !db_.in_transaction()) {
      sql::EngineStmt::run_later();  // its error belongs to no later statement: now
      return;
    }
    db_.ensure_prepared(prepared_, types_of(values_));
    db_.send_prepared(prepared_, arguments_of(values_, prepared_.types));
  }

  bool step() override {
    if (!result_) {
      execute();
    } else if (row_ + 1 >= PQntuples(result_.get()) && !cursor_.empty()) {
      if (PQntuples(result_.get()) < kScanBatchRows) return false;
      fetch();
    } else {
      ++row_;
    }
    return row_ < PQntuples(result_.get());
  }

  std::int64_t int64(int column) const override {
    const char* p = PQgetvalue(result_.get(), row_, column);
    const int n = PQgetlength(result_.get(), row_, column);
    if (n == 1 && (*p == 't' || *p == 'f')) return *p == 't';  // a boolean
    std::int64_t value = 0;
    std::from_chars(p, p + n, value);
    return value;
  }
  std::string_view text_view(int column) const override {
    return {PQgetvalue(result_.get(), row_, column),
            static_cast<std::size_t>(PQgetlength(result_.get(), row_, column))};
  }
  bool is_null(int column) const override { return PQgetisnull(result_.get(), row_, column) != 0; }

 private:
  Value& at(int index) {
    if (index < 1 || index > static_cast<int>(values_.size())) {
      throw StoreError(StoreError::Kind::Failure,
                       "bind: the statement has no parameter " + std::to_string(index));
    }
    return values_[static_cast<std::size_t>(index - 1)];
  }

  void execute() {
    if (cursor_.empty()) {
      db_.ensure_prepared(prepared_, types_of(values_));
      result_.reset(db_.run_prepared(prepared_, arguments_of(values_, prepared_.types)));
      row_ = 0;
      return;
    }
    const std::vector<unsigned> types = types_of(values_);
    Result(db_.run_params("DECLARE " + cursor_ + " NO SCROLL CURSOR FOR " + prepared_.text.sql,
                          types, arguments_of(values_, types)));
    declared_ = true;
    fetch();
  }

  void fetch() {
    result_.reset(
        db_.run_params("FETCH " + std::to_string(kScanBatchRows) + " FROM " + cursor_, {}, {}));
    row_ = 0;
  }

  Db& db_;
  Db::Prepared& prepared_;
  std::string cursor_;  // a scan's cursor name; empty for a plain statement
  bool declared_ = false;
  std::vector<Value> values_;
  Result result_;
  int row_ = 0;
};

std::string contains(const std::string& column) {
  return "strpos(" + column + ", ?) > 0";
}

// Ids as an array literal, "{1,2,3}", bound as one text parameter: one
// statement text for any number of ids.
std::string in_id_list(const std::string& column) {
  return column + " = ANY (CAST(? AS bigint[]))";
}
std::string id_list(const std::vector<Id>& ids) {
  std::string list = "{";
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (i) list += ',';
    list += std::to_string(ids[i]);
  }
  return list + "}";
}

// Operators' e-mails are unique by lower(email) (pg_schema.cpp).
constexpr sql::Dialect kDialect{"BEGIN",
                                contains,
                                in_id_list,
                                id_list,
                                "lower(email) = lower(?)",
                                "SELECT pg_advisory_xact_lock(hashtextextended(?, 0))"};

}  // namespace

Rewritten rewrite_placeholders(std::string_view sql) {
  Rewritten out;
  out.sql.reserve(sql.size() + 16);
  char quote = 0;  // inside '...' or "..."
  for (std::size_t i = 0; i < sql.size(); ++i) {
    const char c = sql[i];
    if (quote) {
      out.sql += c;
      if (c == quote) quote = 0;  // a doubled quote reopens at once: same result
      continue;
    }
    if (c == '\'' || c == '"') {
      quote = c;
      out.sql += c;
      continue;
    }
    if (c != '?') {
      out.sql += c;
      continue;
    }
    std::size_t j = i + 1;
    int number = 0;
    while (j < sql.size() && sql[j] >= '0' && sql[j] <= '9')
      number = number * 10 + (sql[j++] - '0');
    if (j == i + 1) number = out.params + 1;
    if (number > out.params) out.params = number;
    out.sql += '$';
    out.sql += std::to_string(number);
    i = j - 1;
  }
  return out;
}

StoreError::Kind error_kind(std::string_view state) {
  using Kind = StoreError::Kind;
  if (state == "23503") return Kind::Invalid;             // foreign_key_violation
  if (state.substr(0, 2) == "23") return Kind::Conflict;  // unique, not null, check
  if (state.substr(0, 2) == "22") return Kind::Invalid;   // data: bad UTF-8, NUL, out of range
  if (state == "53100") return Kind::Full;                // disk_full
  if (state == "40001" || state == "40P01") return Kind::Contention;  // serialization, deadlock
  if (state.substr(0, 2) == "53" || state.substr(0, 2) == "08" ||     // resources, connection
      state.substr(0, 2) == "57" ||                                   // shutting down
      state == "25006" ||                                             // read-only transaction
      state == "55P03" || state == "58030") {  // lock not available, I/O error
    return Kind::Unavailable;
  }
  return Kind::Failure;
}

Db::Db(std::string conninfo) : conninfo_(std::move(conninfo)) {
  connect();
}

Db::~Db() {
  if (conn_) PQfinish(conn_);
}

void Db::connect() {
  if (conn_) PQfinish(conn_);
  queued_ = 0;
  conn_ = PQconnectdb(conninfo_.c_str());
  if (PQstatus(conn_) != CONNECTION_OK) {
    const std::string message = "connect to PostgreSQL: " + trimmed(PQerrorMessage(conn_));
    throw StoreError(StoreError::Kind::Unavailable, message);
  }
  // Statements prepared on a lost connection are gone with it.
  for (auto& [text, statement] : prepared_) statement.name.clear();
  Result(checked(PQexec(conn_, "SET client_min_messages = warning"), "connect"));
}

void Db::ensure_connected() {
  if (PQstatus(conn_) == CONNECTION_OK) return;
  connect();
}

bool Db::in_transaction() const {
  const PGTransactionStatusType status = PQtransactionStatus(conn_);
  return status == PQTRANS_INTRANS || status == PQTRANS_INERROR || status == PQTRANS_ACTIVE;
}

const sql::Dialect& Db::dialect() const {
  return kDialect;
}

PGresult* Db::checked(PGresult* result, const char* what) {
  const ExecStatusType status = result ? PQresultStatus(result) : PGRES_FATAL_ERROR;
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) {
    // As SQLite counts: the rows of the last INSERT, UPDATE or DELETE.
    const std::string_view tag = PQcmdStatus(result);
    if (tag.rfind("INSERT", 0) == 0 || tag.rfind("UPDATE", 0) == 0 || tag.rfind("DELETE", 0) == 0) {
      changes_ = std::atoll(PQcmdTuples(result));
    }
    return result;
  }
  const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  std::string message = std::string(what) + ": " +
                        trimmed(result ? PQresultErrorMessage(result) : PQerrorMessage(conn_));
  PQclear(result);
  // No SQLSTATE: the connection itself failed (the server went away).
  const StoreError::Kind kind = state ? error_kind(state) : StoreError::Kind::Unavailable;
  throw StoreError(kind, message);
}

sql::Stmt Db::prepare(std::string_view sql) {
  if (!in_transaction()) ensure_connected();
  auto it = prepared_.find(sql);
  if (it == prepared_.end()) {
    if (prepared_.size() >= kMaxPrepared) {
      sync();  // DEALLOCATE is no pipeline command
      for (auto e = prepared_.begin(); e != prepared_.end();) {
        if (e->second.users > 0) {
          ++e;
          continue;
        }
        if (!e->second.name.empty() && !in_transaction()) {
          ++round_trips_;
          PQclear(PQexec(conn_, ("DEALLOCATE " + e->second.name).c_str()));
        } else if (!e->second.name.empty()) {
          ++e;  // a DEALLOCATE inside a failed transaction would fail: later
          continue;
        }
        e = prepared_.erase(e);
      }
    }
    it = prepared_.emplace(std::string(sql), Prepared{}).first;
    it->second.text = rewrite_placeholders(sql);
  }
  return sql::Stmt(std::make_unique<PgStmt>(*this, it->second, std::string()));
}

sql::Stmt Db::prepare_scan(std::string_view sql) {
  auto it = prepared_.find(sql);
  if (it == prepared_.end()) {
    it = prepared_.emplace(std::string(sql), Prepared{}).first;
    it->second.text = rewrite_placeholders(sql);
  }
  return sql::Stmt(std::make_unique<PgStmt>(*this, it->second, next_cursor_name()));
}

void Db::ensure_prepared(Prepared& statement, const std::vector<unsigned>& types) {
  if (!statement.name.empty()) return;
  sync();
  const std::string name = "s" + std::to_string(++statements_);
  const std::vector<Oid> oids(types.begin(), types.end());
  round_trips_ += 2;  // prepare, describe
  Result(checked(PQprepare(conn_, name.c_str(), statement.text.sql.c_str(),
                           static_cast<int>(oids.size()), oids.empty() ? nullptr : oids.data()),
                 "prepare"));
  Result described(checked(PQdescribePrepared(conn_, name.c_str()), "describe"));
  statement.types.clear();
  for (int i = 0; i < PQnparams(described.get()); ++i) {
    statement.types.push_back(PQparamtype(described.get(), i));
  }
  statement.name = name;
}

// With writes queued, the statement joins them: one round trip for all.
PGresult* Db::run_prepared(const Prepared& statement, const Arguments& a) {
  if (queued_ > 0) {
    send_prepared(statement, a);
    return end_pipeline();
  }
  ++round_trips_;
  return checked(PQexecPrepared(conn_, statement.name.c_str(), static_cast<int>(a.values.size()),
                                a.values.data(), a.lengths.data(), a.formats.data(), 0),
                 "step");
}

PGresult* Db::run_params(const std::string& sql, const std::vector<unsigned>& types,
                         const Arguments& a) {
  const std::vector<Oid> oids(types.begin(), types.end());
  const int n = static_cast<int>(a.values.size());
  const Oid* oid = oids.empty() ? nullptr : oids.data();
  if (queued_ > 0) {
    if (PQsendQueryParams(conn_, sql.c_str(), n, oid, a.values.data(), a.lengths.data(),
                          a.formats.data(), 0) != 1) {
      sync();  // reads what is queued; the connection's error follows
      throw StoreError(StoreError::Kind::Unavailable, "send: " + trimmed(PQerrorMessage(conn_)));
    }
    ++queued_;
    return end_pipeline();
  }
  ++round_trips_;
  return checked(PQexecParams(conn_, sql.c_str(), n, oid, a.values.data(), a.lengths.data(),
                              a.formats.data(), 0),
                 "step");
}

void Db::send_prepared(const Prepared& statement, const Arguments& a) {
  if (queued_ == 0 && PQenterPipelineMode(conn_) != 1) {
    throw StoreError(StoreError::Kind::Unavailable, "pipeline: " + trimmed(PQerrorMessage(conn_)));
  }
  if (PQsendQueryPrepared(conn_, statement.name.c_str(), static_cast<int>(a.values.size()),
                          a.values.data(), a.lengths.data(), a.formats.data(), 0) != 1) {
    const std::string message = "send: " + trimmed(PQerrorMessage(conn_));
    if (queued_ == 0) {
      PQexitPipelineMode(conn_);
    } else {
      sync();
    }
    throw StoreError(StoreError::Kind::Unavailable, message);
  }
  ++queued_;
}

void Db::sync() {
  if (queued_ > 0) PQclear(end_pipeline());
}

// Every queued statement's result is read, also after the first error (the
// server skips the rest of the pipeline then), up to the sync point; the
// connection leaves pipeline mode ready for ordinary statements. The first
// error throws; else the last statement's result is the caller's.
PGresult* Db::end_pipeline() {
  const int queued = queued_;
  queued_ = 0;
  ++round_trips_;
  std::string error;
  StoreError::Kind kind = StoreError::Kind::Unavailable;
  Result last;
  if (PQpipelineSync(conn_) != 1) {
    error = "sync: " + trimmed(PQerrorMessage(conn_));
  } else {
    int ended = 0;  // queued statements whose results ended (a NULL after each)
    for (;;) {
      PGresult* result = PQgetResult(conn_);
      if (!result) {
        if (++ended > queued || PQstatus(conn_) != CONNECTION_OK) break;
        continue;
      }
      const ExecStatusType status = PQresultStatus(result);
      if (status == PGRES_PIPELINE_SYNC) {
        PQclear(result);
        break;
      }
      if (status == PGRES_PIPELINE_ABORTED) {
        PQclear(result);  // skipped after an earlier error
        continue;
      }
      try {
        last.reset(checked(result, "step"));
      } catch (const StoreError& e) {
        if (error.empty()) {
          error = e.what();
          kind = e.kind();
        }
      }
    }
  }
  PQexitPipelineMode(conn_);
  if (error.empty() && (PQstatus(conn_) != CONNECTION_OK || !last)) {
    error = "sync: " + trimmed(PQerrorMessage(conn_));
  }
  if (!error.empty()) throw StoreError(kind, error);
  return last.release();
}

void Db::exec(const std::string& sql) {
  sync();
  if (!in_transaction()) ensure_connected();
  ++round_trips_;
  Result(checked(PQexec(conn_, sql.c_str()), "exec"));
}

void Db::copy_begin(const std::string& sql) {
  sync();
  PGresult* result = PQexec(conn_, sql.c_str());
  if (result && PQresultStatus(result) == PGRES_COPY_IN) {
    PQclear(result);
    return;
  }
  Result(checked(result, "copy"));  // throws for an error
  throw StoreError(StoreError::Kind::Failure, "copy: not a COPY FROM STDIN: " + sql);
}

void Db::copy_put(std::string_view data) {
  if (PQputCopyData(conn_, data.data(), static_cast<int>(data.size())) != 1) {
    throw StoreError(StoreError::Kind::Unavailable, "copy: " + trimmed(PQerrorMessage(conn_)));
  }
}

std::int64_t Db::copy_end() {
  if (PQputCopyEnd(conn_, nullptr) != 1) {
    throw StoreError(StoreError::Kind::Unavailable, "copy: " + trimmed(PQerrorMessage(conn_)));
  }
  std::int64_t rows = 0;
  std::string error;
  StoreError::Kind kind = StoreError::Kind::Failure;
  // Every result is read, even after an error, so the connection is ready for the next command.
  while (PGresult* result = PQgetResult(conn_)) {
    try {
      Result done(checked(result, "copy"));
      rows = std::atoll(PQcmdTuples(done.get()));
    } catch (const StoreError& e) {
      if (error.empty()) {
        error = e.what();
        kind = e.kind();
      }
    }
  }
  if (!error.empty()) throw StoreError(kind, error);
  return rows;
}

void Db::copy_abort(const char* why) noexcept {
  if (PQputCopyEnd(conn_, why) != 1) return;
  while (PGresult* result = PQgetResult(conn_)) PQclear(result);
}

}  // namespace server::postgres
