// The latest logged row events, kept so that a list answer which shows the
// log only up to its `seq` can be brought up to date with what came after it
// (an event may reach the page before the list that was read without it).
#pragma once

#include <cstdint>
#include <deque>
#include <vector>

#include "core/events.hpp"

namespace app {

class RecentEvents {
 public:
  static constexpr std::size_t kKept = 512;  // a list in flight sees fewer in practice

  // Keeps an event that changes a row (a logged one: seq > 0).
  void add(const core::Event& event);
  // The kept events after `seq`, oldest first; none when seq < 0 (unknown).
  std::vector<const core::Event*> after(std::int64_t seq) const;

 private:
  std::deque<core::Event> events_;  // increasing seq
};

}  // namespace app
