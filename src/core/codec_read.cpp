// Reading the wire: parse_json with its guards (empty body, UTF-8, nesting depth) and
// the scalar readers decode<T> is built from.
#include "core/codec_read.hpp"

#include <climits>
#include <cstdint>

#include "core/channels.hpp"
#include "core/text.hpp"

namespace core {
namespace wire {

void fail(const Path& path, const std::string& problem) {
  throw DecodeError(path, problem);
}

namespace {

bool is_blank(std::string_view text) {
  return text.find_first_not_of(" \t\r\n") == text.npos;
}

// nlohmann's parser keeps its own stack, but deep values are costly to build, copy and
// free, and nothing on the wire nests beyond a handful of levels: reject before parsing.
void check_depth(std::string_view text) {
  int depth = 0;
  bool in_string = false;
  bool escaped = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > kMaxJsonDepth) {
        fail("body", "nesting deeper than " + std::to_string(kMaxJsonDepth) + " levels at byte " +
                         std::to_string(i + 1));
      }
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
}

std::int64_t read_non_negative(const Json& v, const Path& path, const char* what) {
  const std::int64_t n = read_integer(v, path);
  if (n < 0) fail(path, std::string("expected a non-negative ") + what);
  return n;
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::int64_t read_integer(const Json& v, const Path& path) {
  if (v.is_number_unsigned()) {
    const std::uint64_t n = v.get<std::uint64_t>();
    if (n > static_cast<std::uint64_t>(INT64_MAX)) fail(path, "integer out of range");
    return static_cast<std::int64_t>(n);
  }
  if (v.is_number_integer()) return v.get<std::int64_t>();
  fail(path, "expected an integer");
}

Id read_id(const Json& v, const Path& path) {
  return read_non_negative(v, path, "id");
}
TimeMs read_time(const Json& v, const Path& path) {
  return read_non_negative(v, path, "time in ms");
}
std::int64_t read_size(const Json& v, const Path& path) {
  return read_non_negative(v, path, "size");
}
std::int64_t read_seq(const Json& v, const Path& path) {
  return read_non_negative(v, path, "sequence number");
}

int read_count(const Json& v, const Path& path) {
  const std::int64_t n = read_non_negative(v, path, "count");
  if (n > INT_MAX) fail(path, "count out of range");
  return static_cast<int>(n);
}

int read_int(const Json& v, const Path& path) {
  const std::int64_t n = read_integer(v, path);
  if (n < INT_MIN || n > INT_MAX) fail(path, "integer out of range");
  return static_cast<int>(n);
}

std::int64_t read_response_time(const Json& v, const Path& path) {
  const std::int64_t n = read_integer(v, path);
  if (n < -1) fail(path, "expected -1 (none) or a non-negative duration in ms");
  return n;
}

bool read_bool(const Json& v, const Path& path) {
  if (!v.is_boolean()) fail(path, "expected true or false");
  return v.get<bool>();
}

std::string read_string(const Json& v, const Path& path) {
  if (!v.is_string()) fail(path, "expected a string");
  const std::string& text = v.get_ref<const std::string&>();
  // The parser checks this already; a value built in code may still hold any bytes.
  if (!is_valid_utf8(text)) fail(path, "expected valid UTF-8 text");
  return text;
}

std::uint32_t read_color(const Json& v, const Path& path) {
  const char* expected = "expected a colour \"#rrggbb\"";
  if (!v.is_string()) fail(path, expected);
  const std::string& text = v.get_ref<const std::string&>();
  if (text.size() != 7 || text[0] != '#') fail(path, expected);
  std::uint32_t color = 0;
  for (std::size_t i = 1; i < text.size(); ++i) {
    const int digit = hex_digit(text[i]);
    if (digit < 0) fail(path, expected);
    color = color * 16 + static_cast<std::uint32_t>(digit);
  }
  return color;
}

std::string quoted_if_plain(const std::string& text) {
  if (text.size() > 32) return {};
  for (char c : text) {
    if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') return {};
  }
  return " \"" + text + "\"";
}

ChannelKind read_channel(const Json& v, const Path& path) {
  if (!v.is_string()) fail(path, "expected a string");
  const std::string& text = v.get_ref<const std::string&>();
  if (auto kind = channel_from_key(text)) return *kind;
  std::string names;
  for (int i = 0; i < kChannelKindCount; ++i) {
    names += (i == 0 ? "" : ", ") + std::string(channel_info(static_cast<ChannelKind>(i)).key);
  }
  fail(path, "unknown channel" + quoted_if_plain(text) + ", expected one of: " + names);
}

}  // namespace wire

Json parse_json(std::string_view text) {
  if (wire::is_blank(text)) wire::fail("body", "empty body");
  if (!is_valid_utf8(text)) wire::fail("body", "invalid UTF-8");
  wire::check_depth(text);
  try {
    return Json::parse(text.data(), text.data() + text.size());
  } catch (const Json::parse_error& e) {
    wire::fail("body", "malformed JSON at byte " + std::to_string(e.byte));
  } catch (const Json::exception&) {
    wire::fail("body", "malformed JSON");
  }
}

}  // namespace core
