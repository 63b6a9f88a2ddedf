// Group commit: mutations run on one writer thread, many per transaction, and
// a request is answered only after the transaction holding its change
// committed. The caller does not wait: the answer goes to a completion the
// writer calls after the commit, so I/O threads keep serving while a group
// builds up. Each job runs its own store transaction, which nests as a
// savepoint: a refused one changes nothing while the others in its batch
// still commit. A job the database rolled back to break a deadlock with
// another process's transaction (StoreError::Kind::Contention) runs again in
// the next batch, after this one released its locks.
#pragma once

#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

#include "server/api/api.hpp"

namespace server {

class WriteBatcher {
 public:
  using Job = std::function<HttpResponse()>;
  // The job's answer, or what it (or the commit) threw; called on the writer
  // thread after the commit and after the batch's events were delivered.
  using Done = std::function<void(HttpResponse response, std::exception_ptr error)>;
  static constexpr std::size_t kMaxBatch = 256;  // requests in one transaction
  static constexpr int kMaxAttempts = 4;         // runs of a job that meets contention

  // commit_order is held from a batch's first write to its events' delivery.
  WriteBatcher(ApiContext& ctx, std::mutex& commit_order);
  ~WriteBatcher();  // runs what is queued, answers it, then stops

  // Queues the job for the next batch and returns at once. The job must make
  // its writes inside one store transaction of its own.
  void submit(Job job, Done done);

 private:
  struct Pending {
    Job job;
    Done done;
    int attempts = 0;
  };
  void loop();
  void run_batch(std::deque<Pending>& batch);

  ApiContext& ctx_;
  std::mutex& commit_order_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Pending> queue_;
  bool stopping_ = false;
  std::thread writer_;
};

}  // namespace server
