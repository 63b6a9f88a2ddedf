// Shared helpers of the storage tests: a store of its own that is removed
// afterwards, and small builders of directory rows.
// With CHATS_TEST_POSTGRES set to a libpq connection string (ctest's
// *_postgres runs, on the server scripts/postgres.sh starts), every store is a
// fresh schema of that database instead of an SQLite file: the same suites
// run on both engines.
#pragma once

#include <unistd.h>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "core/codec.hpp"
#include "server/storage/postgres/pg_db.hpp"
#include "server/storage/store.hpp"

namespace storage_test {

// The PostgreSQL server of this run, or nullptr for SQLite.
inline const char* postgres_conninfo() {
  const char* conninfo = std::getenv("CHATS_TEST_POSTGRES");
  return conninfo && *conninfo ? conninfo : nullptr;
}
inline bool on_postgres() {
  return postgres_conninfo() != nullptr;
}

struct TempStore {
  std::filesystem::path path;  // the SQLite file (WAL needs a real file, not ":memory:")
  std::string schema;          // or the PostgreSQL schema
  std::unique_ptr<server::Store> store;

  TempStore() {
    static std::atomic<int> counter{0};
    const std::string name =
        "chats_storage_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++);
    if (on_postgres()) {
      schema = name;
      admin("DROP SCHEMA IF EXISTS " + schema + " CASCADE; CREATE SCHEMA " + schema);
    } else {
      path = std::filesystem::temp_directory_path() / (name + ".db");
      remove_files();
    }
    open();
  }
  ~TempStore() {
    store.reset();
    if (on_postgres()) {
      admin("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    } else {
      remove_files();
    }
  }
  server::Store& operator*() { return *store; }
  server::Store* operator->() { return store.get(); }

  // What --db would name this store.
  std::string location() const {
    if (!on_postgres()) return path.string();
    return std::string(postgres_conninfo()) + " options='-c search_path=" + schema + "'";
  }

  void reopen() {
    store.reset();
    open();
  }

 private:
  void open() { store = server::open_store(location()); }

  static void admin(const std::string& sql) {
    server::postgres::Db db(postgres_conninfo());
    db.exec(sql);
  }

  void remove_files() {
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm"}) {
      std::filesystem::remove(path.string() + suffix, ec);
    }
  }
};

// The kind of the StoreError f throws; none when it throws nothing.
inline std::optional<server::StoreError::Kind> error_kind_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const server::StoreError& e) {
    return e.kind();
  }
  return std::nullopt;
}

// Same JSON, same value: compares whole rows field by field through the codec.
template <class T>
std::string json_of(const T& value) {
  return core::encode(value).dump();
}

}  // namespace storage_test
