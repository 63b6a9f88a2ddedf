// Bounds what the server keeps for replays: the event log (resuming more than
// the retained window behind answers "resync") and the idempotency keys (a
// retry later than their lifetime is a new request). Called from the server's
// timer; each run deletes at most a bounded number of events per account so
// that it never holds the writer for long.
#pragma once

#include <cstdint>
#include <mutex>

#include "server/api/live.hpp"
#include "server/storage/store.hpp"

namespace server {

struct RetentionOptions {
  std::int64_t keep_events = 2 * kResumeMaxEvents;  // per account; more than a resume may ask
  // Events per account per run: a run holds the writer while it deletes.
  std::int64_t max_deleted_per_run = 5000;
  TimeMs idempotency_ttl_ms = 24LL * 3600 * 1000;
  TimeMs interval_ms = 1000;  // between runs of tick()
};

struct PruneStats {
  std::int64_t events = 0;  // deleted
  std::int64_t idempotency_keys = 0;
};

class Retention {
 public:
  // commit_order is held while pruning, so a subscriber catching up never sees
  // its backlog shrink between choosing it and reading it.
  Retention(Store& store, std::mutex& commit_order, RetentionOptions options = {});

  PruneStats prune(TimeMs now);  // one run, now
  // A run when interval_ms has passed since the last one (the first call runs).
  PruneStats tick(TimeMs now);

 private:
  Store& store_;
  std::mutex& commit_order_;
  RetentionOptions options_;
  TimeMs last_run_ = 0;
  bool ran_ = false;
};

}  // namespace server
