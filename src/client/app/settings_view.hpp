// What the account settings window shows beside the directory: the block
// list, the dialogs per status, the changes in flight and the last refusal.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "app/settings_change.hpp"

namespace app {

struct SettingsView {
  bool loading = false;
  std::vector<BlockEntry> block_list;
  std::map<core::Id, int> status_usage;  // dialogs per funnel status
  int in_flight = 0;                     // changes sent, not answered yet
  std::string error;                     // the last refusal, in the operator's words
  int saved = 0;                         // counts successes, so a form knows to clear
  core::Id last_saved = core::kNoId;     // the id the last success named
  // The last invitation link the server made, and for whom: shown to be copied.
  std::string invitation_url;
  core::Id invitation_for = core::kNoId;

  int usage(core::Id status) const {
    auto it = status_usage.find(status);
    return it == status_usage.end() ? 0 : it->second;
  }
};

}  // namespace app
