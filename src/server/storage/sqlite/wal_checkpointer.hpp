// Copies the write-ahead log back into the database file from a thread and a
// connection of its own, instead of SQLite doing it inside the commit that
// crosses the log's size limit: the writer never waits for the copy and its
// fsync. A passive checkpoint never blocks the writer; the log restarts from
// its beginning once everything in it was copied.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

namespace server::sqlite {

class WalCheckpointer {
 public:
  // Short enough that under a sustained ingest (tens of thousands of pages a
  // second) the log is copied before it reaches SQLite's own limit, which
  // would make the writer do the copy inside a commit.
  static constexpr std::chrono::milliseconds kInterval{100};

  explicit WalCheckpointer(std::string path);
  ~WalCheckpointer();  // a last checkpoint, then the thread ends
  WalCheckpointer(const WalCheckpointer&) = delete;
  WalCheckpointer& operator=(const WalCheckpointer&) = delete;

 private:
  void loop();

  std::string path_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace server::sqlite
