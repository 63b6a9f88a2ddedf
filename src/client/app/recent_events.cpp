#include "app/recent_events.hpp"

namespace app {

void RecentEvents::add(const core::Event& event) {
  if (event.seq <= 0 || !event.row) return;
  if (!events_.empty() && event.seq <= events_.back().seq) return;  // replayed: kept already
  events_.push_back(event);
  if (events_.size() > kKept) events_.pop_front();
}

std::vector<const core::Event*> RecentEvents::after(std::int64_t seq) const {
  std::vector<const core::Event*> out;
  if (seq < 0) return out;
  for (const core::Event& e : events_) {
    if (e.seq > seq) out.push_back(&e);
  }
  return out;
}

}  // namespace app
