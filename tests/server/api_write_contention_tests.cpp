// Two server processes' write batches that take two accounts' rows in
// opposite orders deadlock; PostgreSQL rolls one statement back to break the
// tie. The writer runs that job again after its batch committed, so neither
// request is refused. (SQLite has one writer at a time: no such tie there.)
#include <doctest/doctest.h>

#include <atomic>
#include <condition_variable>
#include <future>
#include <mutex>

#include "server/api/write_batcher.hpp"
#include "storage_fixture.hpp"

using namespace server;
using storage_test::TempStore;

namespace {

struct NoFeed : LiveFeed {
  void deliver(Id, const core::Event&, const SharedText&) override {}
};

// Both first jobs hold their account's row before either second job starts.
class Meeting {
 public:
  void arrive_and_wait() {
    std::unique_lock<std::mutex> lock(mutex_);
    ++arrived_;
    met_.notify_all();
    met_.wait(lock, [this] { return arrived_ >= 2; });
  }

 private:
  std::mutex mutex_;
  std::condition_variable met_;
  int arrived_ = 0;
};

// One process: its own store connection, context and writer.
struct Process {
  std::unique_ptr<Store> store;
  NoFeed feed;
  ApiContext context;
  std::mutex commit_order;
  WriteBatcher writer;
  explicit Process(const std::string& location)
      : store(open_store(location)), context(*store, feed, {}), writer(context, commit_order) {}

  // A logged event in the account, in a transaction of the job's own.
  void note(Id account) {
    store->transaction([&] {
      core::Event e;
      e.kind = core::EventKind::DirectoryChanged;
      store->append_event(account, e);
    });
  }
  std::future<void> submit(std::function<void()> job) {
    auto answered = std::make_shared<std::promise<void>>();
    std::future<void> future = answered->get_future();
    writer.submit(
        [job = std::move(job)] {
          job();
          return HttpResponse{};
        },
        [answered](HttpResponse, std::exception_ptr error) {
          if (error) {
            answered->set_exception(error);
          } else {
            answered->set_value();
          }
        });
    return future;
  }
};

}  // namespace

TEST_CASE("a write that lost a deadlock to another process's batch runs again and commits" *
          doctest::skip(!storage_test::on_postgres())) {
  TempStore db;
  const Id a = db->create_account("A");
  const Id b = db->create_account("B");
  const std::int64_t a_before = db->last_seq(a);
  const std::int64_t b_before = db->last_seq(b);
  Process one(db.location());
  Process two(db.location());

  // A gate job holds each writer in a batch of its own, so that the next two
  // jobs, queued meanwhile, share the next one.
  std::promise<void> open;
  std::shared_future<void> opened = open.get_future().share();
  std::promise<void> one_held;
  std::promise<void> two_held;
  std::future<void> gate_one = one.submit([&one_held, opened] {
    one_held.set_value();
    opened.wait();
  });
  std::future<void> gate_two = two.submit([&two_held, opened] {
    two_held.set_value();
    opened.wait();
  });
  one_held.get_future().wait();
  two_held.get_future().wait();

  Meeting meeting;
  std::atomic<int> second_runs{0};
  std::future<void> one_a = one.submit([&] {
    one.note(a);
    meeting.arrive_and_wait();
  });
  std::future<void> one_b = one.submit([&] {
    ++second_runs;
    one.note(b);  // waits for two's lock on B
  });
  std::future<void> two_b = two.submit([&] {
    two.note(b);
    meeting.arrive_and_wait();
  });
  std::future<void> two_a = two.submit([&] {
    ++second_runs;
    two.note(a);  // waits for one's lock on A: a deadlock
  });
  open.set_value();

  for (std::future<void>* answer : {&gate_one, &gate_two, &one_a, &one_b, &two_b, &two_a}) {
    CHECK_NOTHROW(answer->get());
  }
  CHECK(second_runs == 3);  // the deadlock's loser ran twice
  CHECK(db->last_seq(a) == a_before + 2);
  CHECK(db->last_seq(b) == b_before + 2);
}

TEST_CASE("contention is tried again a few times; other refusals are answered at once") {
  TempStore db;
  Process one(db.location());
  int busy_runs = 0;
  int full_runs = 0;
  std::future<void> busy = one.submit([&] {
    ++busy_runs;
    throw StoreError(StoreError::Kind::Contention, "deadlock detected");
  });
  std::future<void> full = one.submit([&] {
    ++full_runs;
    throw StoreError(StoreError::Kind::Full, "no space");
  });
  CHECK_THROWS_AS(busy.get(), StoreError);
  CHECK_THROWS_AS(full.get(), StoreError);
  CHECK(busy_runs == WriteBatcher::kMaxAttempts);
  CHECK(full_runs == 1);
}
