// Reading the wire: parse_json with its guards (empty body, UTF-8, nesting depth) and
// the scalar readers decode<T> is built from.
#include "core/codec_read.hpp"

#include <climits>
#include <cstdint>
#include <unordered_set>
#include <vector>

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

namespace {

// The checks both parsers share, then the parse itself with an optional callback.
template <typename Callback>
Json parse_checked(std::string_view text, Callback callback) {
  if (wire::is_blank(text)) wire::fail("body", "empty body");
  if (!is_valid_utf8(text)) wire::fail("body", "invalid UTF-8");
  // The parser would end the text at a NUL byte and take what came before it.
  if (text.find('\0') != std::string_view::npos) wire::fail("body", "a NUL byte");
  wire::check_depth(text);
  try {
    return Json::parse(text.data(), text.data() + text.size(), callback);
  } catch (const Json::parse_error& e) {
    wire::fail("body", "malformed JSON at byte " + std::to_string(e.byte));
  } catch (const Json::exception&) {
    wire::fail("body", "malformed JSON");
  }
}

bool has_nul(const std::string& s) {
  return s.find('\0') != std::string::npos;
}

}  // namespace

Json parse_json(std::string_view text) {
  return parse_checked(text, nullptr);
}

Json parse_request_json(std::string_view text) {
  // Rules the parser does not keep: a key given twice in one object (which one a reader
  // takes differs between parsers, so the text is ambiguous) and a \u0000 in a string
  // (text that C strings, logs and the UI would cut short).
  std::vector<std::unordered_set<std::string>> keys;  // one set per open object or array
  return parse_checked(text, [&keys](int, Json::parse_event_t event, Json& parsed) {
    switch (event) {
      case Json::parse_event_t::object_start:
      case Json::parse_event_t::array_start:
        keys.emplace_back();
        break;
      case Json::parse_event_t::object_end:
      case Json::parse_event_t::array_end:
        keys.pop_back();
        break;
      case Json::parse_event_t::key: {
        const std::string& key = parsed.get_ref<const std::string&>();
        if (has_nul(key)) wire::fail("body", "a NUL character in a key");
        if (!keys.back().insert(key).second) {
          wire::fail("body", "duplicate key" + wire::quoted_if_plain(key));
        }
        break;
      }
      case Json::parse_event_t::value:
        if (parsed.is_string() && has_nul(parsed.get_ref<const std::string&>())) {
          wire::fail("body", "a NUL character (\\u0000) in a string");
        }
        break;
    }
    return true;
  });
}

}  // namespace core
