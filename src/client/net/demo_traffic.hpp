// The pace of the demo's simulated incoming messages: a seeded random
// interval between arrivals, so a demo feels alive and a test is repeatable.
#pragma once

#include <cstdint>

#include "core/entities.hpp"

namespace net {

struct TrafficOptions {
  bool enabled = true;
  std::uint64_t seed = 1;
  int min_interval_ms = 5000;
  int max_interval_ms = 20000;
  int new_client_percent = 25;  // the rest come from clients already in the list
};

class TrafficClock {
 public:
  static constexpr int kMaxBurst = 3;  // arrivals delivered at once after a long sleep

  explicit TrafficClock(TrafficOptions options);

  const TrafficOptions& options() const { return options_; }
  // True when an arrival is due at `now`; the first call only starts the clock.
  bool due(core::TimeMs now);
  // When the next arrival is due; 0 while the clock has not started or is off.
  core::TimeMs next_at() const { return next_at_; }

  int below(int n);  // a uniform number in [0, n)
  bool chance(int percent) { return below(100) < percent; }

 private:
  std::uint64_t random();
  core::TimeMs interval();

  TrafficOptions options_;
  std::uint64_t state_;
  core::TimeMs next_at_ = 0;
  int burst_ = 0;
};

}  // namespace net
