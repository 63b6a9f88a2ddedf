// Spaces (also no-break ones) group digits; a comma or a dot starts kopecks.
#include "app/price_input.hpp"

namespace app {

std::optional<std::int64_t> parse_price(std::string_view text) {
  std::int64_t units = 0;
  std::int64_t cents = 0;
  int cent_digits = -1;  // -1: before the decimal separator
  bool any = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == ' ') continue;
    if (text.substr(i, 2) == "\xc2\xa0") {
      ++i;
      continue;
    }
    if (c == ',' || c == '.') {
      if (cent_digits >= 0) return std::nullopt;
      cent_digits = 0;
      continue;
    }
    if (c < '0' || c > '9') return std::nullopt;
    any = true;
    if (cent_digits >= 0) {
      if (++cent_digits > 2) return std::nullopt;
      cents = cents * 10 + (c - '0');
    } else {
      if (units > 1'000'000'000'000) return std::nullopt;
      units = units * 10 + (c - '0');
    }
  }
  if (!any) return std::nullopt;
  if (cent_digits == 1) cents *= 10;
  return units * 100 + cents;
}

std::string price_text(std::int64_t minor) {
  std::string text = std::to_string(minor / 100);
  if (minor % 100 != 0) {
    const std::int64_t c = minor % 100;
    text += (c < 10 ? ",0" : ",") + std::to_string(c);
  }
  return text;
}

}  // namespace app
