// Account settings on the wire: the request each change makes (docs/api.md,
// "Settings") and the answers read back.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "app/settings_change.hpp"
#include "net/api_wire.hpp"

namespace net {

ApiRequest settings_request(const app::SettingsChange& change);
// "#rrggbb" for a 0xRRGGBB colour.
std::string color_text(std::uint32_t color);
std::vector<app::BlockEntry> parse_block_list(const std::string& body);  // {"entries": [...]}
std::map<core::Id, int> parse_status_usage(const std::string& body);     // {"usage": {"12": 3}}
core::Id parse_created_id(const std::string& body);                      // {"id": N}; 0 if none
// The link of an operator's invitation ({"invitation": {"url"}}); "" if none.
std::string parse_invitation_url(const std::string& body);

}  // namespace net
