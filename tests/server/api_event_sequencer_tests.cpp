// EventSequencer: per account, the logged events reach the feed in seq
// order and once, whether this process committed them or another one did
// (appended to the shared store directly here, as another process would).
#include <doctest/doctest.h>

#include <mutex>

#include "server/api/event_sequencer.hpp"
#include "storage_fixture.hpp"

using namespace server;
using storage_test::TempStore;

namespace {

struct RecordingFeed : LiveFeed {
  std::vector<std::int64_t> seqs;
  void deliver(Id, const core::Event& event, const SharedText&) override {
    seqs.push_back(event.seq);
  }
};

struct World {
  TempStore db;
  Id account = 0;
  RecordingFeed feed;
  std::mutex commit_order;
  std::vector<std::pair<std::int64_t, bool>> followed;  // seq, from the log
  EventSequencer sequencer{
      *db, feed, commit_order,
      [this](Id, const core::Event& e, bool from_log) { followed.emplace_back(e.seq, from_log); }};
  World() {
    account = db->create_account("A");
    append();  // history before the start
    sequencer.start();
  }
  // An event committed to the shared log.
  core::Event append() {
    core::Event e;
    e.kind = core::EventKind::DirectoryChanged;
    db->append_event(account, e);
    return e;
  }
};

}  // namespace

TEST_CASE("this process's events pass in order, once; the history before the start does not") {
  World w;
  const core::Event a = w.append();
  const core::Event b = w.append();
  w.sequencer.deliver(w.account, a, nullptr);
  w.sequencer.deliver(w.account, b, nullptr);
  w.sequencer.deliver(w.account, a, nullptr);  // again: dropped
  CHECK(w.feed.seqs == std::vector<std::int64_t>{a.seq, b.seq});
  CHECK(w.followed == std::vector<std::pair<std::int64_t, bool>>{{a.seq, false}, {b.seq, false}});
  CHECK(w.sequencer.position(w.account) == b.seq);
}

TEST_CASE("a later event before earlier ones is preceded by them, read from the log") {
  World w;
  const core::Event other1 = w.append();  // another process's
  const core::Event other2 = w.append();
  const core::Event mine = w.append();
  w.sequencer.deliver(w.account, mine, nullptr);
  CHECK(w.feed.seqs == std::vector<std::int64_t>{other1.seq, other2.seq, mine.seq});
  CHECK(w.followed == std::vector<std::pair<std::int64_t, bool>>{
                          {other1.seq, true}, {other2.seq, true}, {mine.seq, false}});
  // Their notifications, coming late, find nothing new.
  w.sequencer.catch_up(w.account);
  CHECK(w.feed.seqs.size() == 3);
  CHECK(w.sequencer.read_from_log() == 2);
}

TEST_CASE("a notification delivers what the log has after the position, in batches, once") {
  World w;
  std::vector<std::int64_t> want;
  for (int i = 0; i < 2500; ++i) want.push_back(w.append().seq);
  w.sequencer.catch_up(w.account);
  CHECK(w.feed.seqs == want);
  // Our own commit of the last one arrives after the log gave it: dropped.
  core::Event last;
  last.kind = core::EventKind::DirectoryChanged;
  last.seq = want.back();
  w.sequencer.deliver(w.account, last, nullptr);
  CHECK(w.feed.seqs.size() == want.size());
  // A new account (made after the start) is followed from its first event.
  const Id later = w.db->create_account("B");
  core::Event first;
  first.kind = core::EventKind::DirectoryChanged;
  w.db->append_event(later, first);
  w.sequencer.catch_up_all();
  CHECK(w.feed.seqs.size() == want.size() + 1);
  CHECK(w.sequencer.position(later) == first.seq);
}

TEST_CASE("events outside the log pass straight on") {
  World w;
  core::Event presence;
  presence.kind = core::EventKind::Presence;
  w.sequencer.deliver(w.account, presence, nullptr);
  w.sequencer.deliver(w.account, presence, nullptr);
  CHECK(w.feed.seqs == std::vector<std::int64_t>{0, 0});
  CHECK(w.followed.empty());
}
