// Answers list requests from memory with core::in_view and core::sorts_before.
#include "net/demo_backend.hpp"

#include <algorithm>

namespace net {

DemoBackend::DemoBackend(int dialog_count, core::TimeMs now)
    : generator_(core::DemoOptions{1, 7, now, 60, 18, 1}) {
  rows_.reserve(static_cast<std::size_t>(dialog_count));
  for (int i = 0; i < dialog_count; ++i) {
    core::DemoDialog d = generator_.next();
    rows_.push_back({std::move(d.dialog), std::move(d.client)});
  }
}

void DemoBackend::request_list(const core::ViewQuery& query, int limit, ListDone done) {
  finished_.emplace_back(answer(query, limit), std::move(done));
}

bool DemoBackend::pump(core::TimeMs) {
  bool changed = !finished_.empty();
  while (!finished_.empty()) {
    auto [page, done] = std::move(finished_.front());
    finished_.pop_front();
    done(std::move(page));
  }
  return changed;
}

app::ListPage DemoBackend::answer(const core::ViewQuery& query, int limit) const {
  app::ListPage page;
  std::vector<const core::DialogRow*> hits;
  for (const core::DialogRow& row : rows_) {
    if (!core::matches(query.filter, row.dialog, row.client)) continue;
    app::ModeCount& count = page.counts[static_cast<int>(row.dialog.mode)];
    ++count.total;
    if (row.dialog.unread > 0) ++count.unread;
    if (row.dialog.mode == query.mode) hits.push_back(&row);
  }
  page.total = static_cast<int>(hits.size());
  const auto n = std::min(hits.size(), static_cast<std::size_t>(std::max(limit, 0)));
  std::partial_sort(hits.begin(), hits.begin() + static_cast<std::ptrdiff_t>(n), hits.end(),
                    [&query](const core::DialogRow* a, const core::DialogRow* b) {
                      return core::sorts_before(query.sort, a->dialog, b->dialog);
                    });
  page.rows.reserve(n);
  for (std::size_t i = 0; i < n; ++i) page.rows.push_back(*hits[i]);
  return page;
}

}  // namespace net
