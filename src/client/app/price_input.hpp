// The price the operator types in the sidebar ("12 500", "1500,50", "99.9")
// as minor units; nullopt for anything that is not a non-negative amount.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace app {

std::optional<std::int64_t> parse_price(std::string_view text);
// Minor units as the operator would type them back: "12500" or "12500,50".
std::string price_text(std::int64_t minor_units);

}  // namespace app
