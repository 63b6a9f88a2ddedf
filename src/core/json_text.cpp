// Quoting a JSON string without a Json tree (see json_text.hpp).
#include "core/json_text.hpp"

#include <nlohmann/json.hpp>

#include "core/text.hpp"

namespace core {
namespace {

constexpr char kHex[] = "0123456789abcdef";

}  // namespace

void write_json_string(std::string& out, std::string_view text) {
  out += '"';
  bool ascii = true;
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (c >= 0x80) {
      ascii = false;
      out += ch;
      continue;
    }
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          out += "\\u00";
          out += kHex[c >> 4];
          out += kHex[c & 0xF];
        } else {
          out += ch;
        }
    }
  }
  out += '"';
  // dump() refuses invalid UTF-8: so does this, with the same exception.
  if (!ascii && !is_valid_utf8(text)) (void)nlohmann::json(std::string(text)).dump();
}

}  // namespace core
