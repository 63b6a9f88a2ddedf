// Socket-free HTTP helpers (see http_util.hpp).
#include "server/transport/http_util.hpp"

#include <cctype>

#include "core/json_text.hpp"
#include "core/text.hpp"

namespace server::transport {

void split_target(std::string_view target, std::string& path, std::string& query) {
  auto q = target.find('?');
  if (q == std::string_view::npos) {
    path.assign(target);
    query.clear();
  } else {
    path.assign(target.substr(0, q));
    query.assign(target.substr(q + 1));
  }
  auto hash = query.find('#');  // a fragment should never be sent, but never parse it
  if (hash != std::string::npos) query.resize(hash);
}

std::map<std::string, std::string> parse_query(std::string_view query) {
  std::map<std::string, std::string> out;
  while (!query.empty()) {
    auto amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (pair.empty()) continue;
    auto eq = pair.find('=');
    auto key = core::percent_decode(pair.substr(0, eq), true);
    auto value = eq == std::string_view::npos ? std::optional<std::string>("")
                                              : core::percent_decode(pair.substr(eq + 1), true);
    if (key && value && !key->empty()) out[*key] = *value;
  }
  return out;
}

bool is_safe_path(std::string_view path) {
  if (path.empty() || path.front() != '/') return false;
  if (path.find('\\') != std::string_view::npos) return false;
  if (path.find('\0') != std::string_view::npos) return false;
  std::size_t start = 1;
  while (start <= path.size()) {
    auto end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    if (path.substr(start, end - start) == "..") return false;
    start = end + 1;
  }
  return true;
}

std::string to_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool header_has_token(std::string_view list, std::string_view token) {
  std::string wanted = to_lower(token);
  while (!list.empty()) {
    auto comma = list.find(',');
    std::string_view item = list.substr(0, comma);
    list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
    auto semi = item.find(';');
    std::string_view name = core::trim(item.substr(0, semi));
    if (to_lower(name) != wanted) continue;
    if (semi != std::string_view::npos) {
      std::string params = to_lower(item.substr(semi + 1));
      std::string compact;
      for (char c : params)
        if (c != ' ' && c != '\t') compact += c;
      if (compact == "q=0" || compact == "q=0.0" || compact == "q=0.00" || compact == "q=0.000")
        return false;
    }
    return true;
  }
  return false;
}

std::string json_error(const std::string& code, const std::string& message) {
  std::string out = "{\"error\":{\"code\":";
  core::write_json_string(out, code);
  out += ",\"message\":";
  core::write_json_string(out, message);
  out += "}}";
  return out;
}

}  // namespace server::transport
