// Small, socket-free HTTP helpers of the transport: query parsing, path safety, CORS decisions and
// JSON error bodies.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace server::transport {

// "/a/b?x=1&y=%20" -> path "/a/b" (raw) and query "x=1&y=%20".
void split_target(std::string_view target, std::string& path, std::string& query);

// Decoded name -> value; a key without '=' maps to ""; the last repeat wins;
// pairs that fail to decode are skipped.
std::map<std::string, std::string> parse_query(std::string_view query);

// A decoded path is safe to map onto the static folder when it is absolute
// and has no ".." segment, backslash or NUL.
bool is_safe_path(std::string_view decoded_path);

std::string to_lower(std::string_view text);

// True when `list` (a comma-separated header value) holds `token`,
// case-insensitively, ignoring parameters such as ";q=0.5" (q=0 counts as absent).
bool header_has_token(std::string_view list, std::string_view token);

// {"error":{"code":...,"message":...}}, the API's error shape, quoted by the
// core's JSON writer (both are the server's own words, so valid UTF-8).
std::string json_error(const std::string& code, const std::string& message);

}  // namespace server::transport
