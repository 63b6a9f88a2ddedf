// Who is looking at or typing in which dialog, with expiry: clients refresh
// their presence every few seconds and a silent one drops out. The API turns
// the changes this reports into presence events. Socket-free, clock passed in.
#pragma once

#include <map>
#include <mutex>
#include <tuple>
#include <vector>

#include "core/entities.hpp"
#include "core/events.hpp"

namespace server {

constexpr core::TimeMs kDefaultViewingTtlMs = 30000;  // clients refresh every ~10 s
constexpr core::TimeMs kDefaultTypingTtlMs = 6000;    // clients refresh every ~2 s while typing

// A change others should hear about: the operator's new state in a dialog.
struct PresenceChange {
  core::Id account_id = core::kNoId;
  core::Presence presence;
};

class PresenceTracker {
 public:
  explicit PresenceTracker(core::TimeMs viewing_ttl_ms = kDefaultViewingTtlMs,
                           core::TimeMs typing_ttl_ms = kDefaultTypingTtlMs);

  // Records a report (Typing also counts as viewing; Left removes). Returns
  // true when what others see changed, i.e. the API should publish it.
  bool update(core::Id account_id, const core::Presence& presence, core::TimeMs now);
  // Everyone in a dialog now (state Viewing or Typing).
  std::vector<core::Presence> in_dialog(core::Id account_id, core::Id dialog_id,
                                        core::TimeMs now) const;
  // Everyone in any dialog of an account now: what a new subscriber is told.
  std::vector<core::Presence> in_account(core::Id account_id, core::TimeMs now) const;
  // Expired reports, as changes: typing that went quiet becomes Viewing,
  // viewing that went quiet becomes Left.
  std::vector<PresenceChange> expire(core::TimeMs now);
  // An operator disconnected: Left in every dialog they were in.
  std::vector<PresenceChange> remove_operator(core::Id account_id, core::Id operator_id);

 private:
  struct Times {
    core::TimeMs viewing_until = 0;
    core::TimeMs typing_until = 0;
  };
  using Key = std::tuple<core::Id, core::Id, core::Id>;  // account, dialog, operator
  static core::PresenceState state_at(const Times& times, core::TimeMs now);

  core::TimeMs viewing_ttl_ms_;
  core::TimeMs typing_ttl_ms_;
  mutable std::mutex mutex_;
  std::map<Key, Times> entries_;
};

}  // namespace server
