// A disk that fails on demand, for the storage and API tests: an SQLite VFS
// over the default one, made the default while a FailingDisk lives (create it
// before the store, so that the store's connections open through it). Its
// files' writes fail as on a full disk (SQLITE_FULL, what SQLite makes of
// ENOSPC) or a file system gone read-only (SQLITE_IOERR_WRITE, what it makes of
// EROFS or EPERM), and its reads as on a failing disk (SQLITE_IOERR_READ).
// Everything else is the default VFS's own. One at a time.
#pragma once

#include <sqlite3.h>

#include <atomic>
#include <map>
#include <mutex>

namespace storage_test {

class FailingDisk {
 public:
  enum class Mode { Ok, Full, ReadOnly, ReadErrors };

  FailingDisk() {
    real() = sqlite3_vfs_find(nullptr);
    vfs_ = *real();
    vfs_.zName = "failing_disk";
    vfs_.pNext = nullptr;
    vfs_.xOpen = &FailingDisk::open;
    sqlite3_vfs_register(&vfs_, 1);
  }
  ~FailingDisk() {
    set(Mode::Ok);
    sqlite3_vfs_unregister(&vfs_);
    sqlite3_vfs_register(real(), 1);
  }
  FailingDisk(const FailingDisk&) = delete;
  FailingDisk& operator=(const FailingDisk&) = delete;

  static void set(Mode m) { mode() = m; }

 private:
  static std::atomic<Mode>& mode() {
    static std::atomic<Mode> m{Mode::Ok};
    return m;
  }
  static sqlite3_vfs*& real() {
    static sqlite3_vfs* v = nullptr;
    return v;
  }
  // Each kind of file's methods (the default VFS's, by their address), and our
  // copy with xRead and xWrite replaced, at which an opened file is pointed.
  static std::mutex& mutex() {
    static std::mutex m;
    return m;
  }
  static std::map<const sqlite3_io_methods*, sqlite3_io_methods>& copies() {
    static std::map<const sqlite3_io_methods*, sqlite3_io_methods> m;
    return m;
  }
  static const sqlite3_io_methods* original(sqlite3_file* f) {
    std::lock_guard<std::mutex> lock(mutex());
    for (const auto& [real_methods, ours] : copies()) {
      if (&ours == f->pMethods) return real_methods;
    }
    return nullptr;
  }

  static int read(sqlite3_file* f, void* buffer, int amount, sqlite3_int64 offset) {
    if (mode() == Mode::ReadErrors) return SQLITE_IOERR_READ;
    return original(f)->xRead(f, buffer, amount, offset);
  }
  static int write(sqlite3_file* f, const void* buffer, int amount, sqlite3_int64 offset) {
    if (mode() == Mode::Full) return SQLITE_FULL;
    if (mode() == Mode::ReadOnly) return SQLITE_IOERR_WRITE;
    return original(f)->xWrite(f, buffer, amount, offset);
  }
  static int open(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* file, int flags,
                  int* out_flags) {
    const int rc = real()->xOpen(real(), name, file, flags, out_flags);
    if (rc != SQLITE_OK || !file->pMethods) return rc;
    std::lock_guard<std::mutex> lock(mutex());
    auto [it, added] = copies().try_emplace(file->pMethods, *file->pMethods);
    if (added) {
      it->second.xRead = &FailingDisk::read;
      it->second.xWrite = &FailingDisk::write;
    }
    file->pMethods = &it->second;
    return rc;
  }

  sqlite3_vfs vfs_{};
};

}  // namespace storage_test
