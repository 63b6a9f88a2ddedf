// The background WAL checkpoint (see wal_checkpointer.hpp).
#include "server/storage/sqlite/wal_checkpointer.hpp"

#include "server/storage/sqlite/sqlite_db.hpp"

namespace server::sqlite {

WalCheckpointer::WalCheckpointer(std::string path)
    : path_(std::move(path)), thread_([this] { loop(); }) {}

WalCheckpointer::~WalCheckpointer() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void WalCheckpointer::loop() {
  try {
    Db db(path_);
    db.exec("PRAGMA busy_timeout = 1000");
    std::unique_lock<std::mutex> lock(mutex_);
    for (;;) {
      const bool stopping = wake_.wait_for(lock, kInterval, [this] { return stopping_; });
      lock.unlock();
      try {
        db.exec("PRAGMA wal_checkpoint(PASSIVE)");
      } catch (const StoreError&) {
        // Busy or failing now: the next round tries again, and SQLite
        // checkpoints on close in any case.
      }
      lock.lock();
      if (stopping) return;
    }
  } catch (const StoreError&) {
    // Could not open a second connection: the log then grows until the
    // store's own connection closes and checkpoints it.
  }
}

}  // namespace server::sqlite
