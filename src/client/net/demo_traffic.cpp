// The clock of simulated traffic, and the demo backend's side of it: a message
// from a client already in the list or from a new one, through the core's rules
// and out as the same live event the server would publish.
#include "net/demo_traffic.hpp"

#include <algorithm>

#include "core/lifecycle.hpp"
#include "net/demo_backend.hpp"

namespace net {

TrafficClock::TrafficClock(TrafficOptions options)
    : options_(options), state_(options.seed * 0x9E3779B97F4A7C15ull + 1) {
  options_.min_interval_ms = std::max(1, options_.min_interval_ms);
  options_.max_interval_ms = std::max(options_.min_interval_ms, options_.max_interval_ms);
}

std::uint64_t TrafficClock::random() {
  // xorshift64*: small, fast and the same on every platform.
  state_ ^= state_ >> 12;
  state_ ^= state_ << 25;
  state_ ^= state_ >> 27;
  return state_ * 0x2545F4914F6CDD1Dull;
}

int TrafficClock::below(int n) {
  return n <= 0 ? 0 : static_cast<int>(random() % static_cast<std::uint64_t>(n));
}

core::TimeMs TrafficClock::interval() {
  const int span = options_.max_interval_ms - options_.min_interval_ms + 1;
  return options_.min_interval_ms + below(span);
}

bool TrafficClock::due(core::TimeMs now) {
  if (!options_.enabled) return false;
  if (next_at_ == 0) {
    next_at_ = now + interval();
    return false;
  }
  if (now < next_at_) {
    burst_ = 0;
    return false;
  }
  // After a long sleep (a hidden tab) a few arrive, not hundreds.
  if (++burst_ > kMaxBurst) {
    next_at_ = now + interval();
    burst_ = 0;
    return false;
  }
  next_at_ += interval();
  return true;
}

void DemoBackend::set_traffic(TrafficOptions options) {
  traffic_ = TrafficClock(options);
}

core::TimeMs DemoBackend::wake_at() const {
  return traffic_.next_at();
}

void DemoBackend::receive_simulated() {
  const bool new_client = rows_.empty() || traffic_.chance(traffic_.options().new_client_percent);
  core::DialogRow* row = nullptr;
  if (new_client) {
    // A new client writes first: a dialog opens in New with this one message.
    core::DemoDialog d = generator_.next();
    const core::Source* source = generator_.directory().find_source(d.dialog.source_id);
    if (!source) return;
    d.client.id = next_message_id_++;
    rows_.push_back({core::open_dialog(next_message_id_++, d.client, *source, now_), d.client});
    row = &rows_.back();
  } else {
    row = &rows_[static_cast<std::size_t>(traffic_.below(static_cast<int>(rows_.size())))];
  }
  core::Message m = generator_.incoming(row->dialog, std::max(now_, row->dialog.last_message_at));
  m.id = next_message_id_++;  // the generator's ids may meet the ones sent here
  m.external_id = "demo-" + std::to_string(m.id);
  core::apply_message(row->dialog, m);
  messages_[row->dialog.id].push_back(m);
  core::Event e;
  e.kind = core::EventKind::MessageAdded;
  e.row = *row;
  e.message = std::move(m);
  publish(std::move(e));
}

}  // namespace net
