// Presence kept per (dialog, operator) with expiry times, and the reporter's
// schedule: a report goes out when the state changes or its refresh is due.
#include "app/presence.hpp"

#include <algorithm>

namespace app {

core::PresenceState PresenceBoard::state_at(const Times& t, core::TimeMs now) {
  if (now < t.typing_until) return core::PresenceState::Typing;
  if (now < t.viewing_until) return core::PresenceState::Viewing;
  return core::PresenceState::Left;
}

void PresenceBoard::apply(const core::Presence& p, core::Id me, core::TimeMs now) {
  if (p.operator_id == me || p.operator_id == core::kNoId || p.dialog_id == core::kNoId) return;
  // Reports that ran out are dropped here, so the board never grows stale.
  for (auto it = entries_.begin(); it != entries_.end();) {
    it = state_at(it->second, now) == core::PresenceState::Left ? entries_.erase(it) : ++it;
  }
  const auto key = std::make_pair(p.dialog_id, p.operator_id);
  if (p.state == core::PresenceState::Left) {
    entries_.erase(key);
    return;
  }
  Times& t = entries_[key];
  t.viewing_until = now + kPresenceViewingTtlMs;
  t.typing_until = p.state == core::PresenceState::Typing ? now + kPresenceTypingTtlMs : 0;
}

std::vector<core::Presence> PresenceBoard::in_dialog(core::Id dialog, core::TimeMs now) const {
  std::vector<core::Presence> out;
  for (auto it = entries_.lower_bound({dialog, 0}); it != entries_.end(); ++it) {
    if (it->first.first != dialog) break;
    const core::PresenceState state = state_at(it->second, now);
    if (state != core::PresenceState::Left) out.push_back({dialog, it->first.second, state});
  }
  std::stable_partition(out.begin(), out.end(), [](const core::Presence& p) {
    return p.state == core::PresenceState::Typing;
  });
  return out;
}

core::PresenceState PresenceBoard::summary(core::Id dialog, core::TimeMs now) const {
  core::PresenceState best = core::PresenceState::Left;
  for (auto it = entries_.lower_bound({dialog, 0}); it != entries_.end(); ++it) {
    if (it->first.first != dialog) break;
    const core::PresenceState state = state_at(it->second, now);
    if (state == core::PresenceState::Typing) return state;
    if (state == core::PresenceState::Viewing) best = state;
  }
  return best;
}

core::TimeMs PresenceBoard::next_expiry(core::TimeMs now) const {
  core::TimeMs next = 0;
  auto consider = [&](core::TimeMs at) {
    if (at > now && (next == 0 || at < next)) next = at;
  };
  for (const auto& [key, t] : entries_) {
    consider(t.typing_until);
    consider(t.viewing_until);
  }
  return next;
}

void PresenceReporter::open(core::Id dialog) {
  if (dialog == dialog_) return;
  if (dialog_ != core::kNoId && said_ != core::PresenceState::Left) left_ = dialog_;
  dialog_ = dialog;
  said_ = core::PresenceState::Left;
  last_key_ = -1;
}

void PresenceReporter::typed(core::TimeMs now) {
  if (dialog_ != core::kNoId) last_key_ = now;
}

void PresenceReporter::sent() {
  last_key_ = -1;
}

void PresenceReporter::reconnected() {
  left_.reset();  // the server forgot us with the old connection
  if (dialog_ != core::kNoId) resend_ = true;
  said_ = core::PresenceState::Left;
}

core::PresenceState PresenceReporter::wanted(core::TimeMs now) const {
  if (dialog_ == core::kNoId) return core::PresenceState::Left;
  if (last_key_ >= 0 && now - last_key_ < kTypingIdleMs) return core::PresenceState::Typing;
  return core::PresenceState::Viewing;
}

std::vector<core::Presence> PresenceReporter::due(core::TimeMs now) {
  std::vector<core::Presence> out;
  if (left_) out.push_back({*left_, core::kNoId, core::PresenceState::Left});
  left_.reset();
  if (dialog_ == core::kNoId) return out;
  const core::PresenceState state = wanted(now);
  const core::TimeMs refresh =
      state == core::PresenceState::Typing ? kTypingRefreshMs : kViewingRefreshMs;
  if (resend_ || state != said_ || now - said_at_ >= refresh) {
    out.push_back({dialog_, core::kNoId, state});
    said_ = state;
    said_at_ = now;
    resend_ = false;
  }
  return out;
}

core::TimeMs PresenceReporter::wake_at() const {
  if (left_ || resend_) return 1;  // now
  if (dialog_ == core::kNoId) return 0;
  if (said_ == core::PresenceState::Typing) {
    return std::min(said_at_ + kTypingRefreshMs, last_key_ + kTypingIdleMs);
  }
  return said_at_ + kViewingRefreshMs;
}

}  // namespace app
