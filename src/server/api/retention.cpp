// The periodic pruning of the event log and the idempotency keys.
#include "server/api/retention.hpp"

#include <algorithm>

namespace server {

Retention::Retention(Store& store, std::mutex& commit_order, RetentionOptions options)
    : store_(store), commit_order_(commit_order), options_(options) {}

PruneStats Retention::prune(TimeMs now) {
  PruneStats stats;
  std::lock_guard<std::mutex> order(commit_order_);
  for (const Id account : store_.account_ids()) {
    const std::int64_t retained = store_.last_seq(account) - store_.first_retained_seq(account) + 1;
    if (retained <= options_.keep_events) continue;
    // The oldest ones first, a bounded number per run: a backlog shrinks over a few runs.
    const std::int64_t keep =
        std::max(options_.keep_events, retained - options_.max_deleted_per_run);
    stats.events += store_.prune_events(account, keep);
  }
  stats.idempotency_keys = store_.prune_idempotent_replies(now - options_.idempotency_ttl_ms);
  return stats;
}

PruneStats Retention::tick(TimeMs now) {
  if (ran_ && now - last_run_ < options_.interval_ms) return {};
  ran_ = true;
  last_run_ = now;
  return prune(now);
}

}  // namespace server
