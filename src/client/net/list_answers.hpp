// Answers to the list's further windows and to bulk actions (see Backend).
#pragma once

#include <string>
#include <vector>

#include "app/list_view.hpp"
#include "core/bulk.hpp"

namespace net {

// A window after a cursor: its rows, the view's total and counts, and the
// cursor of the next window; or `code` and `error` (see DialogAnswer).
struct WindowAnswer {
  app::ListPage page;
  std::string error;
  std::string code;
};

// One result per dialog the bulk command reached, or `error` when the request failed as a whole.
struct BulkAnswer {
  std::vector<core::BulkResult> results;
  std::string error;
  std::string code;
};

}  // namespace net
