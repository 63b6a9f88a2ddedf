// Presence with expiry (see presence.hpp).
#include "server/transport/presence.hpp"

#include <algorithm>

namespace server {

PresenceTracker::PresenceTracker(core::TimeMs viewing_ttl_ms, core::TimeMs typing_ttl_ms)
    : viewing_ttl_ms_(viewing_ttl_ms), typing_ttl_ms_(typing_ttl_ms) {}

core::PresenceState PresenceTracker::state_at(const Times& times, core::TimeMs now) {
  if (now < times.typing_until) return core::PresenceState::Typing;
  if (now < times.viewing_until) return core::PresenceState::Viewing;
  return core::PresenceState::Left;
}

bool PresenceTracker::update(core::Id account_id, const core::Presence& presence,
                             core::TimeMs now) {
  std::lock_guard<std::mutex> lock(mutex_);
  const Key key{account_id, presence.dialog_id, presence.operator_id};
  auto it = entries_.find(key);
  const core::PresenceState before =
      it == entries_.end() ? core::PresenceState::Left : state_at(it->second, now);
  if (presence.state == core::PresenceState::Left) {
    if (it != entries_.end()) entries_.erase(it);
    return before != core::PresenceState::Left;
  }
  Times& times = entries_[key];
  times.viewing_until = std::max(times.viewing_until, now + viewing_ttl_ms_);
  if (presence.state == core::PresenceState::Typing) {
    times.typing_until = now + typing_ttl_ms_;
  } else {
    times.typing_until = 0;  // "viewing" after typing means they stopped typing
  }
  return state_at(times, now) != before;
}

std::vector<core::Presence> PresenceTracker::in_dialog(core::Id account_id, core::Id dialog_id,
                                                       core::TimeMs now) const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<core::Presence> out;
  auto it = entries_.lower_bound(Key{account_id, dialog_id, core::Id(0)});
  // Ids are positive, so starting at operator 0 covers the whole dialog.
  for (; it != entries_.end(); ++it) {
    const auto& [account, dialog, op] = it->first;
    if (account != account_id || dialog != dialog_id) break;
    auto state = state_at(it->second, now);
    if (state != core::PresenceState::Left) out.push_back(core::Presence{dialog, op, state});
  }
  return out;
}

std::vector<core::Presence> PresenceTracker::in_account(core::Id account_id,
                                                        core::TimeMs now) const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<core::Presence> out;
  auto it = entries_.lower_bound(Key{account_id, core::Id(0), core::Id(0)});
  for (; it != entries_.end() && std::get<0>(it->first) == account_id; ++it) {
    const auto& [account, dialog, op] = it->first;
    auto state = state_at(it->second, now);
    if (state != core::PresenceState::Left) out.push_back(core::Presence{dialog, op, state});
  }
  return out;
}

std::vector<PresenceChange> PresenceTracker::expire(core::TimeMs now) {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<PresenceChange> changes;
  for (auto it = entries_.begin(); it != entries_.end();) {
    const auto& [account, dialog, op] = it->first;
    Times& times = it->second;
    if (times.typing_until != 0 && now >= times.typing_until) {
      times.typing_until = 0;
      if (now < times.viewing_until)
        changes.push_back({account, core::Presence{dialog, op, core::PresenceState::Viewing}});
    }
    if (now >= times.viewing_until) {
      changes.push_back({account, core::Presence{dialog, op, core::PresenceState::Left}});
      it = entries_.erase(it);
    } else {
      ++it;
    }
  }
  return changes;
}

std::vector<PresenceChange> PresenceTracker::remove_operator(core::Id account_id,
                                                             core::Id operator_id) {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<PresenceChange> changes;
  for (auto it = entries_.begin(); it != entries_.end();) {
    const auto& [account, dialog, op] = it->first;
    if (account == account_id && op == operator_id) {
      changes.push_back({account, core::Presence{dialog, op, core::PresenceState::Left}});
      it = entries_.erase(it);
    } else {
      ++it;
    }
  }
  return changes;
}

}  // namespace server
