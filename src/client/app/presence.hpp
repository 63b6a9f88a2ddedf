// Who else is in which dialog (PresenceBoard), and when this operator tells
// the server where they are (PresenceReporter). Pure state with the clock
// passed in, tested natively; the app feeds both and the UI reads the board.
#pragma once

#include <map>
#include <optional>
#include <vector>

#include "core/entities.hpp"
#include "core/events.hpp"

namespace app {

// A little longer than the server's 30 s and 6 s: the server sends the
// expiry itself, these only clean up after a lost event.
constexpr core::TimeMs kPresenceViewingTtlMs = 35000;
constexpr core::TimeMs kPresenceTypingTtlMs = 8000;

class PresenceBoard {
 public:
  // A presence event; one about `me` (another tab of mine) is ignored.
  void apply(const core::Presence& presence, core::Id me, core::TimeMs now);
  // Forgets everyone: the stream was lost, so "left" events may have been missed.
  void clear() { entries_.clear(); }
  // The operators in a dialog now, typing ones first, then by operator id.
  std::vector<core::Presence> in_dialog(core::Id dialog, core::TimeMs now) const;
  // Typing if anyone types, Viewing if anyone views, else Left.
  core::PresenceState summary(core::Id dialog, core::TimeMs now) const;
  // When the next report runs out on its own (0: none), for a timely redraw.
  core::TimeMs next_expiry(core::TimeMs now) const;
  bool empty() const { return entries_.empty(); }

 private:
  struct Times {
    core::TimeMs viewing_until = 0;
    core::TimeMs typing_until = 0;
  };
  static core::PresenceState state_at(const Times& t, core::TimeMs now);
  std::map<std::pair<core::Id, core::Id>, Times> entries_;  // (dialog, operator)
};

// Reports this operator's presence: viewing while a dialog is open (refreshed
// every 10 s), typing while the composer is being typed in (every 2 s, and
// back to viewing after 4 s without a key or on sending), left on closing.
class PresenceReporter {
 public:
  static constexpr core::TimeMs kViewingRefreshMs = 10000;
  static constexpr core::TimeMs kTypingRefreshMs = 2000;
  static constexpr core::TimeMs kTypingIdleMs = 4000;

  void open(core::Id dialog);  // kNoId: closed
  void typed(core::TimeMs now);
  void sent();  // the message left the composer: no longer typing
  // The link is back: everything the server knew is gone, so say it again.
  void reconnected();
  // What to tell the server now (at most two: left for the old dialog, then the new state).
  std::vector<core::Presence> due(core::TimeMs now);
  // When due() next has something to say; 0: nothing scheduled.
  core::TimeMs wake_at() const;

 private:
  core::PresenceState wanted(core::TimeMs now) const;

  core::Id dialog_ = core::kNoId;
  std::optional<core::Id> left_;  // a dialog closed since the last report
  core::TimeMs last_key_ = -1;    // the last keystroke; -1: none since sending
  core::PresenceState said_ = core::PresenceState::Left;
  core::TimeMs said_at_ = 0;
  bool resend_ = false;
};

}  // namespace app
