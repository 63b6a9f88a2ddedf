// The writer thread's loop: take what is queued, run it in one transaction
// (a savepoint each), commit, deliver the events in order, then answer; a job
// that lost a deadlock goes back to the front of the queue.
#include "server/api/write_batcher.hpp"

#include <iterator>
#include <optional>
#include <vector>

namespace server {
namespace {

bool is_contention(const std::exception_ptr& error) {
  if (!error) return false;
  try {
    std::rethrow_exception(error);
  } catch (const StoreError& e) {
    return e.kind() == StoreError::Kind::Contention;
  } catch (...) {
    return false;
  }
}

}  // namespace

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

void WriteBatcher::submit(Job job, Done done) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    queue_.push_back({std::move(job), std::move(done)});
  }
  wake_.notify_one();
}

void WriteBatcher::loop() {
  std::deque<Pending> batch;
  for (;;) {
    {
      std::unique_lock<std::mutex> lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and nothing left to do
      if (queue_.size() <= kMaxBatch) {
        batch.swap(queue_);
      } else {
        for (std::size_t i = 0; i < kMaxBatch; ++i) {
          batch.push_back(std::move(queue_.front()));
          queue_.pop_front();
        }
      }
    }
    run_batch(batch);
    batch.clear();
  }
}

void WriteBatcher::run_batch(std::deque<Pending>& batch) {
  struct Outcome {
    HttpResponse response;
    std::exception_ptr error;
    std::vector<PublishedEvent> events;
  };
  std::vector<Outcome> outcomes(batch.size());
  {
    std::lock_guard<std::mutex> order(commit_order_);
    try {
      ctx_.store().transaction([&] {
        for (std::size_t i = 0; i < batch.size(); ++i) {
          try {
            // A job is a transaction of its own (Api::mutate), so a savepoint in this one.
            outcomes[i].response = batch[i].job();
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
    for (const Outcome& o : outcomes) ctx_.deliver(o.events);
  }
  // Answers leave after the lock: a subscriber catching up need not wait for them.
  std::deque<Pending> again;
  for (std::size_t i = 0; i < batch.size(); ++i) {
    if (is_contention(outcomes[i].error) && ++batch[i].attempts < kMaxAttempts) {
      again.push_back(std::move(batch[i]));
      continue;
    }
    try {
      batch[i].done(std::move(outcomes[i].response), outcomes[i].error);
    } catch (...) {
      // A completion that throws loses its own answer, never the writer.
    }
  }
  if (!again.empty()) {
    std::lock_guard<std::mutex> lock(mutex_);
    queue_.insert(queue_.begin(), std::make_move_iterator(again.begin()),
                  std::make_move_iterator(again.end()));
  }
}

}  // namespace server
