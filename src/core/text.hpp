// UTF-8 text helpers the rules need: validity, case folding with Cyrillic,
// and the digits of a phone number.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace core {

bool is_valid_utf8(std::string_view text);
// Lower case for Latin and Cyrillic (Ё folds to е) so that search is case-insensitive.
std::string fold_case(std::string_view text);
std::string digits_only(std::string_view text);
// The non-empty parts of a comma-separated list ("a,,b" gives a and b).
std::vector<std::string> split_commas(std::string_view text);
// The text without leading and trailing white space.
std::string_view trim(std::string_view text);
// The digits of a search typed as a phone number ("+7 (999) 123-45-67"), or ""
// when it is not one, so that "Anna 2" does not match every phone with a 2.
std::string phone_query_digits(std::string_view query);
// Percent-encodes every byte but RFC 3986's unreserved characters and those in `also_plain`.
std::string percent_encode(std::string_view text, std::string_view also_plain = {});
// Percent-decodes; `plus_is_space` for query strings. nullopt for a broken
// escape ("%4", "%zz") or an encoded NUL.
std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space);

}  // namespace core
