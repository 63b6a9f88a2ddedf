// UTF-8 text helpers the rules need: validity, case folding with Cyrillic,
// and the digits of a phone number.
#pragma once

#include <string>
#include <string_view>

namespace core {

bool is_valid_utf8(std::string_view text);
// Lower case for Latin and Cyrillic (Ё folds to е) so that search is case-insensitive.
std::string fold_case(std::string_view text);
std::string digits_only(std::string_view text);

}  // namespace core
