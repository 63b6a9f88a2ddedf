// Opening a Store on an SQLite file: the connection's settings, the schema's
// migrations, the background checkpoint, then the SQL store over it.
#include <memory>
#include <string>

#include "server/storage/sql/sql_store.hpp"
#include "server/storage/sqlite/sqlite_db.hpp"
#include "server/storage/sqlite/sqlite_schema.hpp"

namespace server {
namespace {

// How long a write waits for another process holding the database (a backup,
// the seed command) before failing with StoreError(Unavailable).
constexpr int kBusyTimeoutMs = 5000;
// Page cache per connection, in KiB: the list's indexes and a seed batch's
// index updates fit, instead of spilling to the file mid-transaction.
constexpr int kCacheKiB = 64 * 1024;
// A reader's: the rows of list pages.
constexpr int kReaderCacheKiB = 16 * 1024;
// The log's size, in pages, past which a commit checkpoints it itself.
constexpr int kAutoCheckpointPages = 50000;

}  // namespace

std::unique_ptr<Store> open_sqlite_store(const std::string& path) {
  auto db = std::make_unique<sqlite::Db>(path);
  // WAL: readers never block the writer; NORMAL: a commit survives a crash of
  // the process (not of the machine) without an fsync per transaction.
  db->exec("PRAGMA journal_mode = WAL");
  db->exec("PRAGMA synchronous = NORMAL");
  db->exec("PRAGMA foreign_keys = ON");
  db->exec("PRAGMA busy_timeout = " + std::to_string(kBusyTimeoutMs));
  db->exec("PRAGMA cache_size = -" + std::to_string(kCacheKiB));
  // temp_store stays FILE: MEMORY would also put the savepoint journals in
  // 1 KiB chunks (see kStatementJournalBytes); temporary tables still live in
  // the page cache until they outgrow it.
  sqlite::migrate(*db);
  if (path != ":memory:") {
    // Checkpoints run beside the writer (wal_checkpointer.hpp); SQLite's own,
    // inside a commit, only if the log still grows past ~200 MB (at 10,000
    // pages, ~40 MB, a sustained ingest reached it between two checkpoints).
    db->exec("PRAGMA wal_autocheckpoint = " + std::to_string(kAutoCheckpointPages));
    db->start_checkpointer(path);
  }
  return std::make_unique<sql::SqlStore>(std::move(db));
}

// WAL gives a reader its snapshot without waiting for the writer.
std::unique_ptr<Store> open_sqlite_reader(const std::string& path) {
  auto db = std::make_unique<sqlite::Db>(path);
  db->exec("PRAGMA query_only = ON");
  db->exec("PRAGMA busy_timeout = " + std::to_string(kBusyTimeoutMs));
  db->exec("PRAGMA cache_size = -" + std::to_string(kReaderCacheKiB));
  return std::make_unique<sql::SqlStore>(std::move(db));
}

}  // namespace server
