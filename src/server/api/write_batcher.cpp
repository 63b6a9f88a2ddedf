// The writer thread's loop: take what is queued, run it in one transaction
// (a savepoint each), commit, then deliver events and answer in order.
#include "server/api/write_batcher.hpp"

#include <exception>
#include <optional>

namespace server {

WriteBatcher::WriteBatcher(ApiContext& ctx, std::mutex& commit_order)
    : ctx_(ctx), commit_order_(commit_order), writer_([this] { loop(); }) {}

WriteBatcher::~WriteBatcher() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  writer_.join();
}

HttpResponse WriteBatcher::run(Job job) {
  auto pending = std::make_unique<Pending>();
  pending->job = std::move(job);
  std::future<HttpResponse> result = pending->done.get_future();
  {
    std::lock_guard<std::mutex> lock(mutex_);
    queue_.push_back(std::move(pending));
  }
  wake_.notify_one();
  return result.get();
}

void WriteBatcher::loop() {
  for (;;) {
    std::deque<std::unique_ptr<Pending>> batch;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and nothing left to do
      while (!queue_.empty() && batch.size() < kMaxBatch) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    run_batch(batch);
  }
}

void WriteBatcher::run_batch(std::deque<std::unique_ptr<Pending>>& batch) {
  struct Outcome {
    std::optional<HttpResponse> response;
    std::exception_ptr error;
    std::vector<PublishedEvent> events;
  };
  std::vector<Outcome> outcomes(batch.size());
  std::lock_guard<std::mutex> order(commit_order_);
  try {
    ctx_.store().transaction([&] {
      for (std::size_t i = 0; i < batch.size(); ++i) {
        try {
          // A job is a transaction of its own (Api::mutate), so a savepoint in this one.
          outcomes[i].response = batch[i]->job();
          outcomes[i].events = ctx_.take_published();
        } catch (...) {
          outcomes[i].error = std::current_exception();
          ctx_.take_published();  // its savepoint rolled back: its events never happened
        }
      }
    });
  } catch (...) {
    // The commit itself failed: nothing of the batch was written.
    for (Outcome& o : outcomes) {
      if (!o.error) o.error = std::current_exception();
      o.events.clear();
    }
  }
  for (std::size_t i = 0; i < batch.size(); ++i) {
    ctx_.deliver(outcomes[i].events);
    if (outcomes[i].error) {
      batch[i]->done.set_exception(outcomes[i].error);
    } else {
      batch[i]->done.set_value(std::move(*outcomes[i].response));
    }
  }
}

}  // namespace server
