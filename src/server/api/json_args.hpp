// Reading handler arguments from a JSON body or a query string, with errors
// that name the field.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/codec.hpp"
#include "core/filter.hpp"

namespace server {

// "Required" means the field must be there: an absent field is a 400 naming
// it, never taken as a request to clear or reset something.
void require_field(const core::Json& body, const char* field);    // present and not null
core::Id required_id(const core::Json& body, const char* field);  // positive integer
core::Id optional_id(const core::Json& body, const char* field);  // 0 when absent or null
// Present, and 0 or null for none: for a field whose "none" is a change (unassigning).
core::Id required_id_or_none(const core::Json& body, const char* field);
std::string required_text(const core::Json& body, const char* field, std::size_t max_bytes);
std::string optional_text(const core::Json& body, const char* field, std::size_t max_bytes);
std::vector<core::Id> id_list(const core::Json& body, const char* field, std::size_t max_count);

// The list view from query parameters (docs/api.md, "List dialogs").
core::ViewQuery view_query_from(const std::map<std::string, std::string>& query);
int int_param(const std::map<std::string, std::string>& query, const char* name, int fallback,
              int min, int max);

}  // namespace server
