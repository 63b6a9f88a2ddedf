// What a new account starts with: the funnel statuses every business gets
// (the demo account and a sign-up alike), before anyone edits them.
#pragma once

#include <vector>

#include "core/entities.hpp"

namespace core {

// The default funnel, in order: three active stages, then one status per
// closing group. Ids are kNoId (the store gives them).
std::vector<FunnelStatus> default_statuses(Id account_id);

}  // namespace core
