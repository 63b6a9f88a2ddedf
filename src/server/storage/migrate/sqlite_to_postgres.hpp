// Moving an SQLite install to PostgreSQL, once: every table copied as it is
// (ids, event seqs, sessions) into an empty PostgreSQL schema, in one
// transaction, after which the target's id generation continues past the
// copied ids. `chats_server --migrate-to` runs it (docs/postgres.md).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace server::migrate {

// Every table of the schema, parents before the tables that refer to them.
// A table the schema has but this list lacks stops a migration: copying the
// rest would lose it.
const std::vector<std::string>& copied_tables();

struct TableStats {
  std::string table;
  std::int64_t rows = 0;
  double seconds = 0;
};
struct MigrateStats {
  std::vector<TableStats> tables;  // in copy order
  std::int64_t rows = 0;
  double rebuild_seconds = 0;  // the target's secondary indexes and foreign keys, after the rows
  double seconds = 0;          // the whole migration
};

// Copies the SQLite file at `sqlite_path` (its migrations applied first) into
// the PostgreSQL database `conninfo` names (its migrations applied first).
// Throws StoreError: Conflict when the target already holds data (nothing is
// written then), NotFound when the file does not exist, other kinds for the
// engines' errors (the target's transaction rolled back).
MigrateStats sqlite_to_postgres(const std::string& sqlite_path, const std::string& conninfo);

}  // namespace server::migrate
