// Shared helpers of the storage tests: a store on a fresh temporary file that
// is removed afterwards, and small builders of directory rows.
#pragma once

#include <unistd.h>
#include <atomic>
#include <filesystem>
#include <memory>
#include <string>

#include "core/codec.hpp"
#include "server/storage/store.hpp"

namespace storage_test {

// A database file of its own (WAL needs a real file, not ":memory:").
struct TempStore {
  std::filesystem::path path;
  std::unique_ptr<server::Store> store;

  TempStore() {
    static std::atomic<int> counter{0};
    path = std::filesystem::temp_directory_path() /
           ("chats_storage_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++) +
            ".db");
    remove_files();
    store = server::open_sqlite_store(path.string());
  }
  ~TempStore() {
    store.reset();
    remove_files();
  }
  server::Store& operator*() { return *store; }
  server::Store* operator->() { return store.get(); }

  void reopen() {
    store.reset();
    store = server::open_sqlite_store(path.string());
  }

 private:
  void remove_files() {
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm"}) {
      std::filesystem::remove(path.string() + suffix, ec);
    }
  }
};

// Same JSON, same value: compares whole rows field by field through the codec.
template <class T>
std::string json_of(const T& value) {
  return core::encode(value).dump();
}

}  // namespace storage_test
