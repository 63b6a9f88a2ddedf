// Reuses the core codec: a fragment becomes the ViewQuery's JSON shape first,
// so a link is checked by the same decoder as the API's bodies.
#include "app/deep_link.hpp"

#include <algorithm>
#include <optional>
#include <stdexcept>

#include "core/codec.hpp"
#include "core/text.hpp"

namespace app {
namespace {

constexpr const char* kListKeys[] = {"channels",     "sources", "statuses",
                                     "responsibles", "tags",    "types"};
constexpr const char* kIdLists[] = {"sources", "statuses", "responsibles", "tags"};

// A NUL is refused as it comes as well as escaped: encode_link writes it as
// %00, which no link may hold, so a view with one could not be linked again.
std::string unescape(std::string_view text) {
  std::optional<std::string> decoded = core::percent_decode(text, true);
  if (!decoded) throw std::invalid_argument("link: bad %-escape");
  if (decoded->find('\0') != std::string::npos) throw std::invalid_argument("link: a NUL byte");
  return *decoded;
}

std::int64_t number(const std::string& key, const std::string& text) {
  std::size_t used = 0;
  long long v = 0;
  try {
    v = std::stoll(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used == 0 || used != text.size() || v < 0) {
    throw std::invalid_argument("link: " + key + ": expected a number, got '" + text + "'");
  }
  return v;
}

core::Json list(const std::string& key, const std::string& value) {
  core::Json out = core::Json::array();
  bool ids = false;
  for (const char* k : kIdLists) ids = ids || key == k;
  std::size_t start = 0;
  while (start <= value.size()) {
    const std::size_t comma = std::min(value.find(',', start), value.size());
    const std::string item = value.substr(start, comma - start);
    if (!item.empty()) {
      if (ids) {
        out.push_back(number(key, item));
      } else {
        out.push_back(item);
      }
    }
    start = comma + 1;
  }
  return out;
}

std::string joined(const core::Json& items) {
  std::string out;
  for (const core::Json& item : items) {
    if (!out.empty()) out += ',';
    out += item.is_string() ? item.get<std::string>() : item.dump();
  }
  return out;
}

}  // namespace

std::string encode_link(const DeepLink& link) {
  const core::Json j = core::encode(link.query);
  const core::Json& f = j["filter"];
  std::string out = "mode=" + j["mode"].get<std::string>();
  auto add = [&out](const std::string& key, const std::string& value) {
    out += '&' + key + '=' + core::percent_encode(value, ",");
  };
  for (const char* key : kListKeys) {
    if (!f[key].empty()) add(key, joined(f[key]));
  }
  const core::Filter& filter = link.query.filter;
  if (filter.created.from) add("created_from", std::to_string(filter.created.from));
  if (filter.created.to) add("created_to", std::to_string(filter.created.to));
  if (filter.last_message.from) add("last_from", std::to_string(filter.last_message.from));
  if (filter.last_message.to) add("last_to", std::to_string(filter.last_message.to));
  if (!filter.search.empty()) add("search", filter.search);
  const core::Sort defaults;
  if (link.query.sort.key != defaults.key || link.query.sort.descending != defaults.descending) {
    add("sort", std::string(core::to_string(link.query.sort.key)));
    add("order", link.query.sort.descending ? "desc" : "asc");
  }
  if (link.dialog != core::kNoId) add("dialog", std::to_string(link.dialog));
  return out;
}

DeepLink decode_link(std::string_view fragment) {
  if (!fragment.empty() && fragment.front() == '#') fragment.remove_prefix(1);
  core::Json query = core::Json::object();
  core::Json filter = core::Json::object();
  core::Json sort = core::Json::object();
  core::Json created = core::Json::object();
  core::Json last = core::Json::object();
  DeepLink link;
  std::size_t start = 0;
  while (start < fragment.size()) {
    const std::size_t amp = std::min(fragment.find('&', start), fragment.size());
    const std::string_view pair = fragment.substr(start, amp - start);
    start = amp + 1;
    if (pair.empty()) continue;
    const std::size_t eq = pair.find('=');
    const std::string key = unescape(pair.substr(0, eq));
    const std::string value =
        eq == std::string_view::npos ? std::string() : unescape(pair.substr(eq + 1));
    bool is_list = false;
    for (const char* k : kListKeys) is_list = is_list || key == k;
    if (key == "mode") {
      query["mode"] = value;
    } else if (is_list) {
      filter[key] = list(key, value);
    } else if (key == "search") {
      filter["search"] = value;
    } else if (key == "created_from" || key == "created_to") {
      created[key == "created_from" ? "from" : "to"] = number(key, value);
    } else if (key == "last_from" || key == "last_to") {
      last[key == "last_from" ? "from" : "to"] = number(key, value);
    } else if (key == "sort") {
      sort["key"] = value;
    } else if (key == "order") {
      if (value != "asc" && value != "desc") {
        throw std::invalid_argument("link: order: expected asc or desc, got '" + value + "'");
      }
      sort["descending"] = value == "desc";
    } else if (key == "dialog") {
      link.dialog = number(key, value);
    } else if (key == "invite") {
      if (value.empty() || value.size() > 128 ||
          value.find_first_not_of("0123456789abcdef") != std::string::npos) {
        throw std::invalid_argument("link: invite: not an invitation token");
      }
      link.invitation = value;
    } else {
      throw std::invalid_argument("link: unknown part '" + key + "'");
    }
  }
  if (!created.empty()) filter["created"] = created;
  if (!last.empty()) filter["last_message"] = last;
  query["filter"] = filter;
  query["sort"] = sort;
  link.query = core::decode<core::ViewQuery>(query);
  return link;
}

core::ViewQuery view_from_json(std::string_view json, const core::ViewQuery& base) {
  // The host's page is outside: its object is read as a request body is.
  const core::Json in = core::parse_request_json(json);
  if (!in.is_object()) throw core::DecodeError("view", "expected an object");
  core::Json query = core::encode(base);
  core::Json filter = core::Json::object();  // a new filter replaces the old one whole
  bool has_filter = false;
  for (const auto& [key, value] : in.items()) {
    if (key == "mode" || key == "sort") {
      query[key] = value;
    } else {
      filter[key] = value;
      has_filter = true;
    }
  }
  if (has_filter) query["filter"] = filter;
  return core::decode<core::ViewQuery>(query);
}

}  // namespace app
