#include "app/view_hold.hpp"

#include <algorithm>

namespace app {

int ViewHold::hold_ms(bool loading, bool typing, double now_ms) {
  if (!loading) {
    loading_since_ = -1;
    return 0;
  }
  if (loading_since_ < 0) loading_since_ = now_ms;
  const double held = now_ms - loading_since_;
  const double limit = drawn_once_ ? kViewHoldMs : kFirstViewHoldMs;
  if (typing || held >= limit) return 0;
  return std::max(1, static_cast<int>(limit - held));
}

}  // namespace app
