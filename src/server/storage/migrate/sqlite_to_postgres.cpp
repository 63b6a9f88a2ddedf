// The copy from SQLite to PostgreSQL: table by table in foreign-key order,
// columns as the source has them, rows streamed through COPY in one
// transaction of the target, whose secondary indexes and foreign keys are
// made again after the rows.
#include "server/storage/migrate/sqlite_to_postgres.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <set>

#include "server/storage/postgres/pg_db.hpp"
#include "server/storage/postgres/pg_schema.hpp"
#include "server/storage/sqlite/sqlite_db.hpp"
#include "server/storage/sqlite/sqlite_schema.hpp"

namespace server::migrate {
namespace {

// COPY data sent per call: a call costs little next to a MiB of rows.
constexpr std::size_t kCopyChunkBytes = 1 << 20;
// The migrations' own record on PostgreSQL (SQLite keeps it in PRAGMA user_version).
constexpr const char* kPostgresVersionTable = "schema_version";
// Made with its one row by the migrations: replaced by the source's, not checked for emptiness.
constexpr const char* kIdCounter = "id_counter";
// SQLite's implicit row number, a real column where PostgreSQL has it (client_identities).
constexpr const char* kRowid = "rowid";
// PostgreSQL's default (64 MB) spills the sort of a million messages to disk.
constexpr const char* kIndexBuildMemory = "256MB";
// A busy source (a server still running on it) is waited for this long at most.
constexpr int kBusyTimeoutMs = 5000;

using Clock = std::chrono::steady_clock;

[[noreturn]] void fail(const std::string& message) {
  throw StoreError(StoreError::Kind::Failure, "migrate: " + message);
}

// Names come from the schemas' catalogs and go into statements unquoted, as the schemas wrote them.
const std::string& plain_name(const std::string& name) {
  const bool plain = !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
  if (!plain) fail("unexpected name in the schema: '" + name + "'");
  return name;
}

std::vector<std::string> strings(sql::Stmt& stmt) {
  std::vector<std::string> out;
  while (stmt.step()) out.push_back(plain_name(stmt.text(0)));
  return out;
}
std::vector<std::string> strings(sql::Stmt&& stmt) {
  return strings(stmt);
}

std::set<std::string> sqlite_tables(sqlite::Db& db) {
  const std::vector<std::string> names = strings(db.prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' "
      "ESCAPE '\\'"));
  return {names.begin(), names.end()};
}

std::set<std::string> postgres_tables(postgres::Db& db) {
  std::vector<std::string> names =
      strings(db.prepare("SELECT table_name FROM information_schema.tables WHERE table_schema = "
                         "current_schema() AND table_type = 'BASE TABLE'"));
  names.erase(std::remove(names.begin(), names.end(), kPostgresVersionTable), names.end());
  return {names.begin(), names.end()};
}

// Both schemas hold exactly the tables of the copy list.
void check_tables(const std::set<std::string>& tables, const char* engine) {
  const std::vector<std::string>& copied = copied_tables();
  for (const std::string& t : tables) {
    if (std::find(copied.begin(), copied.end(), t) == copied.end()) {
      fail(std::string("table ") + t + " of the " + engine + " schema is not in the copy list");
    }
  }
  for (const std::string& t : copied) {
    if (!tables.count(t)) fail("table " + t + " is missing from the " + engine + " schema");
  }
}

// The columns to copy: the target's, each of which the source must have
// (rowid excepted, which every SQLite table of a rowid has), and no column
// of the source left behind.
std::vector<std::string> columns_of(sqlite::Db& source, postgres::Db& target,
                                    const std::string& table) {
  std::vector<std::string> from =
      strings(source.prepare("SELECT name FROM pragma_table_info(?) ORDER BY cid").bind(1, table));
  std::vector<std::string> to =
      strings(target
                  .prepare("SELECT column_name FROM information_schema.columns WHERE "
                           "table_schema = current_schema() AND table_name = CAST(? AS text) "
                           "ORDER BY ordinal_position")
                  .bind(1, table));
  for (const std::string& c : to) {
    if (c != kRowid && std::find(from.begin(), from.end(), c) == from.end()) {
      fail("column " + table + "." + c + " is in PostgreSQL's schema but not in SQLite's");
    }
  }
  for (const std::string& c : from) {
    if (std::find(to.begin(), to.end(), c) == to.end()) {
      fail("column " + table + "." + c + " is in SQLite's schema but not in PostgreSQL's");
    }
  }
  return to;
}

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

// A value in COPY's text format: the delimiter, newlines and the escape itself escaped.
void append_copy_text(std::string& out, std::string_view text) {
  for (const char c : text) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        out += c;
    }
  }
}

// Streams one table; returns its rows. Values go as SQLite gives them in text
// (integers in decimal), which PostgreSQL reads into the column's type: a
// value the column cannot hold fails the whole migration.
std::int64_t copy_table(sqlite::Db& source, postgres::Db& target, const std::string& table) {
  const std::vector<std::string> columns = columns_of(source, target, table);
  sql::Stmt rows = source.prepare("SELECT " + joined(columns) + " FROM " + table);
  target.copy_begin("COPY " + table + " (" + joined(columns) + ") FROM STDIN");
  std::int64_t count = 0;
  try {
    std::string buffer;
    buffer.reserve(kCopyChunkBytes + (kCopyChunkBytes >> 2));
    const int width = static_cast<int>(columns.size());
    while (rows.step()) {
      for (int c = 0; c < width; ++c) {
        if (c) buffer += '\t';
        // is_null first: reading the text may convert the value's type.
        if (rows.is_null(c)) {
          buffer += "\\N";
        } else {
          append_copy_text(buffer, rows.text_view(c));
        }
      }
      buffer += '\n';
      ++count;
      if (buffer.size() >= kCopyChunkBytes) {
        target.copy_put(buffer);
        buffer.clear();
      }
    }
    if (!buffer.empty()) target.copy_put(buffer);
  } catch (const std::exception& e) {
    target.copy_abort(e.what());
    throw;
  }
  const std::int64_t taken = target.copy_end();
  if (taken != count) {
    fail(table + ": PostgreSQL took " + std::to_string(taken) + " of " + std::to_string(count) +
         " rows");
  }
  return count;
}

std::int64_t single_number(sql::Stmt& stmt) {
  return stmt.step() && !stmt.is_null(0) ? stmt.int64(0) : 0;
}
std::int64_t single_number(sql::Stmt&& stmt) {
  return single_number(stmt);
}

// The target hands out ids past every copied one: the store's counter (ids
// unique across tables) and each identity column's sequence.
void continue_ids(sqlite::Db& source, postgres::Db& target) {
  std::int64_t largest = 0;
  for (const std::string& table : copied_tables()) {
    const std::vector<std::string> columns = strings(
        source.prepare("SELECT name FROM pragma_table_info(?) ORDER BY cid").bind(1, table));
    if (std::find(columns.begin(), columns.end(), "id") == columns.end()) continue;
    largest = std::max(largest, single_number(source.prepare("SELECT max(id) FROM " + table)));
  }
  target.prepare("UPDATE id_counter SET next = ?1 + 1 WHERE next <= ?1").bind(1, largest).run();

  sql::Stmt identities = target.prepare(
      "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = "
      "current_schema() AND is_identity = 'YES'");
  std::vector<std::pair<std::string, std::string>> columns;
  while (identities.step()) {
    columns.emplace_back(plain_name(identities.text(0)), plain_name(identities.text(1)));
  }
  for (const auto& [table, column] : columns) {
    std::int64_t last = single_number(target.prepare("SELECT max(" + column + ") FROM " + table));
    // An AUTOINCREMENT table never reuses the ids of deleted rows either.
    last = std::max(last, single_number(source
                                            .prepare("SELECT seq FROM sqlite_sequence "
                                                     "WHERE name = ?")
                                            .bind(1, table)));
    if (last > 0) {
      target.prepare("SELECT setval(pg_get_serial_sequence(?, ?), ?)")
          .bind_all(table, column, last)
          .run();
    } else {
      target.prepare("SELECT setval(pg_get_serial_sequence(?, ?), 1, false)")
          .bind_all(table, column)
          .run();
    }
  }
}

// The first table of the target that holds a row, or "".
std::string first_filled_table(postgres::Db& target) {
  for (const std::string& table : copied_tables()) {
    if (table == kIdCounter) continue;
    if (target.prepare("SELECT 1 FROM " + table + " LIMIT 1").step()) return table;
  }
  return {};
}

// The target's indexes that no constraint owns, as statements that make them
// again. Built once after the rows they are several times faster than kept up
// row by row (the dialogs have nine); dropped inside the transaction, so a
// failure leaves them as they were.
std::vector<std::pair<std::string, std::string>> secondary_indexes(postgres::Db& target) {
  sql::Stmt stmt = target.prepare(
      "SELECT c.relname, pg_get_indexdef(c.oid) FROM pg_index x "
      "JOIN pg_class c ON c.oid = x.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
      "WHERE n.nspname = current_schema() "
      "AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid) "
      "ORDER BY c.relname");
  std::vector<std::pair<std::string, std::string>> out;
  while (stmt.step()) out.emplace_back(plain_name(stmt.text(0)), stmt.text(1));
  return out;
}

// The target's foreign keys: table, name, definition. Checked once per table
// when made again after the rows rather than by a trigger per row.
struct ForeignKey {
  std::string table, name, definition;
};
std::vector<ForeignKey> foreign_keys(postgres::Db& target) {
  sql::Stmt stmt = target.prepare(
      "SELECT c.relname, k.conname, pg_get_constraintdef(k.oid) FROM pg_constraint k "
      "JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = k.connamespace "
      "WHERE n.nspname = current_schema() AND k.contype = 'f' ORDER BY k.conname");
  std::vector<ForeignKey> out;
  while (stmt.step()) {
    out.push_back({plain_name(stmt.text(0)), plain_name(stmt.text(1)), stmt.text(2)});
  }
  return out;
}

}  // namespace

const std::vector<std::string>& copied_tables() {
  static const std::vector<std::string> tables = {
      "id_counter",
      "accounts",
      "sources",
      "source_connections",
      "inbound_updates",
      "operators",
      "operator_sources",
      "invitations",
      "sessions",
      "idempotency",
      "funnel_statuses",
      "tags",
      "templates",
      "block_list",
      "clients",
      "client_identities",
      "dialogs",
      "dialog_tags",
      "tasks",
      "messages",
      "outbound_queue",
      "events",
  };
  return tables;
}

MigrateStats sqlite_to_postgres(const std::string& sqlite_path, const std::string& conninfo) {
  const auto started = Clock::now();
  // SQLite would create a missing file: a mistyped path would copy an empty install.
  if (!std::filesystem::is_regular_file(sqlite_path)) {
    throw StoreError(StoreError::Kind::NotFound, "migrate: no SQLite file at " + sqlite_path);
  }
  sqlite::Db source(sqlite_path);
  source.exec("PRAGMA busy_timeout = " + std::to_string(kBusyTimeoutMs));
  sqlite::migrate(source);
  postgres::Db target(conninfo);
  postgres::migrate(target);
  check_tables(sqlite_tables(source), "SQLite");
  check_tables(postgres_tables(target), "PostgreSQL");

  MigrateStats stats;
  try {
    // One read transaction: a consistent snapshot of the source throughout.
    source.exec("BEGIN");
    target.exec("BEGIN");
    const std::string filled = first_filled_table(target);
    if (!filled.empty()) {
      throw StoreError(StoreError::Kind::Conflict,
                       "migrate: the target already holds data (table " + filled +
                           " has rows); a migration goes into an empty database only");
    }
    target.exec(std::string("DELETE FROM ") + kIdCounter);  // the source's row replaces it
    const auto indexes = secondary_indexes(target);
    for (const auto& index : indexes) target.exec("DROP INDEX " + index.first);
    const std::vector<ForeignKey> keys = foreign_keys(target);
    for (const ForeignKey& k : keys) {
      target.exec("ALTER TABLE " + k.table + " DROP CONSTRAINT " + k.name);
    }
    for (const std::string& table : copied_tables()) {
      const auto table_started = Clock::now();
      const std::int64_t rows = copy_table(source, target, table);
      stats.tables.push_back(
          {table, rows, std::chrono::duration<double>(Clock::now() - table_started).count()});
      stats.rows += rows;
    }
    const auto rebuild_started = Clock::now();
    // Each index sorts its table in memory rather than in temporary files.
    target.exec("SET LOCAL maintenance_work_mem = '" + std::string(kIndexBuildMemory) + "'");
    for (const auto& index : indexes) target.exec(index.second);
    for (const ForeignKey& k : keys) {
      target.exec("ALTER TABLE " + k.table + " ADD CONSTRAINT " + k.name + " " + k.definition);
    }
    stats.rebuild_seconds = std::chrono::duration<double>(Clock::now() - rebuild_started).count();
    continue_ids(source, target);
    target.exec("COMMIT");
  } catch (...) {
    try {
      if (target.in_transaction()) target.exec("ROLLBACK");
    } catch (const StoreError&) {
      // The connection is gone: the server rolls the transaction back itself.
    }
    if (source.in_transaction()) source.exec("ROLLBACK");
    throw;
  }
  source.exec("COMMIT");
  // The planner's statistics of the new rows, before a server's first queries.
  target.exec("ANALYZE " + joined(copied_tables()));
  stats.seconds = std::chrono::duration<double>(Clock::now() - started).count();
  return stats;
}

}  // namespace server::migrate
