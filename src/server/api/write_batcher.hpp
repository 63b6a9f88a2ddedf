// Group commit: mutations run on one writer thread, many per transaction, and
// a request returns only after the transaction holding its change committed.
// Each job runs its own store transaction, which nests as a savepoint: a
// refused one changes nothing while the others in its batch still commit.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <thread>

#include "server/api/api.hpp"

namespace server {

class WriteBatcher {
 public:
  using Job = std::function<HttpResponse()>;
  static constexpr std::size_t kMaxBatch = 256;  // requests in one transaction

  // commit_order is held from a batch's first write to its events' delivery.
  WriteBatcher(ApiContext& ctx, std::mutex& commit_order);
  ~WriteBatcher();  // runs what is queued, then stops

  // Runs the job in the next batch; rethrows what the job threw. The job must
  // make its writes inside one store transaction of its own.
  HttpResponse run(Job job);

 private:
  struct Pending {
    Job job;
    std::promise<HttpResponse> done;
  };
  void loop();
  void run_batch(std::deque<std::unique_ptr<Pending>>& batch);

  ApiContext& ctx_;
  std::mutex& commit_order_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::unique_ptr<Pending>> queue_;
  bool stopping_ = false;
  std::thread writer_;
};

}  // namespace server
