// Phone grouping (see phone.hpp).
#include "app/phone.hpp"

#include <algorithm>

#include "core/text.hpp"

namespace app {
namespace {

constexpr std::size_t kMinDigits = 10;  // as writing first accepts them
constexpr std::size_t kMaxDigits = 15;  // E.164

// The length of the country code (ITU zones): 1 and 7 alone, a list of two-digit
// codes, three digits for the rest.
std::size_t country_code_length(std::string_view d) {
  if (d[0] == '1' || d[0] == '7') return 1;
  static const char* two[] = {"20", "27", "30", "31", "32", "33", "34", "36", "39", "40", "41",
                              "43", "44", "45", "46", "47", "48", "49", "51", "52", "53", "54",
                              "55", "56", "57", "58", "60", "61", "62", "63", "64", "65", "66",
                              "81", "82", "84", "86", "90", "91", "92", "93", "94", "95", "98"};
  const std::string_view head = d.substr(0, 2);
  return std::any_of(std::begin(two), std::end(two), [head](const char* c) { return head == c; })
             ? 2
             : 3;
}

// "1234567" as "123-45-67": the last seven digits as Russians write them.
std::string seven(std::string_view d) {
  return std::string(d.substr(0, 3)) + "-" + std::string(d.substr(3, 2)) + "-" +
         std::string(d.substr(5, 2));
}

// A national number in groups of three from the left, the last group taking a
// lone digit (so no group has one digit).
std::string groups(std::string_view d) {
  std::string out;
  while (!d.empty()) {
    std::size_t n = std::min<std::size_t>(3, d.size());
    if (d.size() == 4) n = 4;
    if (!out.empty()) out += ' ';
    out += d.substr(0, n);
    d.remove_prefix(n);
  }
  return out;
}

}  // namespace

std::string format_phone(std::string_view number) {
  std::string_view trimmed = core::trim(number);
  const std::string digits = core::phone_query_digits(trimmed);
  if (digits.size() < kMinDigits || digits.size() > kMaxDigits) return std::string(number);
  const std::string_view d = digits;
  // +7: Russia and Kazakhstan, ten digits after the code: 999 123-45-67.
  if (d.size() == 11 && d[0] == '7') {
    return "+7 " + std::string(d.substr(1, 3)) + " " + seven(d.substr(4));
  }
  // A Russian number written with the trunk 8 stays domestic: 8 999 123-45-67.
  if (d.size() == 11 && d[0] == '8') {
    return "8 " + std::string(d.substr(1, 3)) + " " + seven(d.substr(4));
  }
  const std::size_t cc = country_code_length(d);
  const std::string_view national = d.substr(cc);
  if (national.size() < 6) return std::string(number);
  // Belarus, Ukraine and neighbours write the last seven as 123-45-67 too.
  const std::string_view code = d.substr(0, cc);
  if ((code == "375" || code == "380" || code == "374" || code == "994" || code == "998" ||
       code == "996" || code == "992") &&
      national.size() == 9) {
    return "+" + std::string(code) + " " + std::string(national.substr(0, 2)) + " " +
           seven(national.substr(2));
  }
  return "+" + std::string(code) + " " + groups(national);
}

std::string phone_match(const core::Client& client, std::string_view search) {
  if (client.phone.empty()) return {};
  const std::string digits = core::phone_query_digits(core::trim(search));
  // A few digits match too much to be worth showing (and a name has none).
  if (digits.size() < 3) return {};
  if (core::digits_only(client.phone).find(digits) == std::string::npos) return {};
  return format_phone(client.phone);
}

}  // namespace app
