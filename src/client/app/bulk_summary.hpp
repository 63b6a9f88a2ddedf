// Bulk actions as the operator sees them: the request a selection makes, and
// one line about what happened to each dialog ("12 применено, 2 отклонено: …").
#pragma once

#include <string>
#include <vector>

#include "app/format.hpp"
#include "app/list_view.hpp"
#include "core/bulk.hpp"

namespace app {

// What the bulk bar shows while a request runs and after it answered.
struct BulkView {
  bool busy = false;
  std::string summary;  // the last request's result line; "" when none
  bool failed = false;  // the summary reports an error (nothing or not all applied)
};

// Listed ids, or the view's query when every matching dialog is selected.
core::BulkRequest bulk_request(const ListView& view, const core::BulkCommand& command);

// "12 применено, 3 без изменений, 2 отклонено: <first reason>".
std::string summarize_bulk(const std::vector<core::BulkResult>& results, Locale locale);
bool bulk_all_applied(const std::vector<core::BulkResult>& results);

const char* bulk_action_label(core::BulkAction action, Locale locale);  // "Отметить прочитанными"

}  // namespace app
