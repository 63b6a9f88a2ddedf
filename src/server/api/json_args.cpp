// Argument readers: every failure is a 400 naming the field and the problem.
#include "server/api/json_args.hpp"

#include "core/channels.hpp"
#include "core/text.hpp"
#include "server/api/api_error.hpp"

namespace server {
namespace {

core::Id parse_id_text(const std::string& text, const std::string& field, bool allow_zero) {
  if (text.empty() || text.size() > 18 ||
      text.find_first_not_of("0123456789") != std::string::npos) {
    throw bad_request(field + ": expected a non-negative integer id");
  }
  const core::Id id = std::stoll(text);
  if (id == 0 && !allow_zero) throw bad_request(field + ": expected a positive id");
  return id;
}

core::TimeMs time_param(const std::map<std::string, std::string>& q, const char* name) {
  auto it = q.find(name);
  if (it == q.end() || it->second.empty()) return 0;
  return parse_id_text(it->second, name, true);
}

}  // namespace

void require_field(const core::Json& body, const char* field) {
  auto it = body.find(field);
  if (it == body.end() || it->is_null()) throw bad_request(std::string(field) + ": required");
}

core::Id required_id(const core::Json& body, const char* field) {
  auto it = body.find(field);
  if (it == body.end() || it->is_null()) throw bad_request(std::string(field) + ": required");
  if (!it->is_number_integer() || it->get<std::int64_t>() <= 0) {
    throw bad_request(std::string(field) + ": expected a positive integer id");
  }
  return it->get<core::Id>();
}

core::Id optional_id(const core::Json& body, const char* field) {
  auto it = body.find(field);
  if (it == body.end() || it->is_null()) return core::kNoId;
  if (!it->is_number_integer() || it->get<std::int64_t>() < 0) {
    throw bad_request(std::string(field) + ": expected a non-negative integer id");
  }
  return it->get<core::Id>();
}

core::Id required_id_or_none(const core::Json& body, const char* field) {
  if (!body.contains(field)) throw bad_request(std::string(field) + ": required");
  return optional_id(body, field);
}

std::string optional_text(const core::Json& body, const char* field, std::size_t max_bytes) {
  auto it = body.find(field);
  if (it == body.end() || it->is_null()) return {};
  if (!it->is_string()) throw bad_request(std::string(field) + ": expected a string");
  const std::string& text = it->get_ref<const std::string&>();
  if (text.size() > max_bytes) {
    throw bad_request(std::string(field) + ": longer than " + std::to_string(max_bytes) + " bytes");
  }
  if (!core::is_valid_utf8(text)) throw bad_request(std::string(field) + ": invalid UTF-8");
  return text;
}

std::string required_text(const core::Json& body, const char* field, std::size_t max_bytes) {
  std::string text = optional_text(body, field, max_bytes);
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
    throw bad_request(std::string(field) + ": required and not blank");
  }
  return text;
}

std::vector<core::Id> id_list(const core::Json& body, const char* field, std::size_t max_count) {
  auto it = body.find(field);
  if (it == body.end() || it->is_null()) return {};
  if (!it->is_array()) throw bad_request(std::string(field) + ": expected an array of ids");
  if (it->size() > max_count) {
    throw bad_request(std::string(field) + ": more than " + std::to_string(max_count) + " ids");
  }
  std::vector<core::Id> ids;
  for (std::size_t i = 0; i < it->size(); ++i) {
    const core::Json& v = (*it)[i];
    if (!v.is_number_integer() || v.get<std::int64_t>() <= 0) {
      throw bad_request(std::string(field) + "[" + std::to_string(i) +
                        "]: expected a positive integer id");
    }
    ids.push_back(v.get<core::Id>());
  }
  return ids;
}

int int_param(const std::map<std::string, std::string>& q, const char* name, int fallback, int min,
              int max) {
  auto it = q.find(name);
  if (it == q.end() || it->second.empty()) return fallback;
  const core::Id v = parse_id_text(it->second, name, true);
  if (v < min || v > max) {
    throw bad_request(std::string(name) + ": expected " + std::to_string(min) + ".." +
                      std::to_string(max));
  }
  return static_cast<int>(v);
}

core::ViewQuery view_query_from(const std::map<std::string, std::string>& q) {
  core::ViewQuery v;
  auto get = [&q](const char* name) {
    auto it = q.find(name);
    return it == q.end() ? std::string() : it->second;
  };
  // Enum-valued parameters reuse the wire names of the JSON codec.
  core::Json spec = core::Json::object();
  if (!get("mode").empty()) spec["mode"] = get("mode");
  core::Json sort = core::Json::object();
  if (!get("sort").empty()) sort["key"] = get("sort");
  if (!get("order").empty()) {
    if (get("order") != "asc" && get("order") != "desc") {
      throw bad_request("order: expected asc or desc");
    }
    sort["descending"] = get("order") == "desc";
  }
  spec["sort"] = sort;
  core::Json filter = core::Json::object();
  filter["channels"] = core::split_commas(get("channels"));
  filter["types"] = core::split_commas(get("types"));
  spec["filter"] = filter;
  try {
    v = core::decode<core::ViewQuery>(spec);
  } catch (const core::DecodeError& e) {
    std::string message = e.what();
    // "view_query.filter.channels[1]: ..." reads better as "channels[1]: ..."
    for (const char* prefix : {"view_query.filter.", "view_query.sort.key", "view_query."}) {
      if (message.rfind(prefix, 0) == 0) {
        message = std::string(prefix) == "view_query.sort.key"
                      ? "sort" + message.substr(std::string(prefix).size())
                      : message.substr(std::string(prefix).size());
        break;
      }
    }
    throw bad_request(message);
  }
  auto ids = [&](const char* name, bool allow_zero) {
    std::vector<core::Id> out;
    const auto parts = core::split_commas(get(name));
    if (parts.size() > 500) throw bad_request(std::string(name) + ": more than 500 values");
    for (const std::string& part : parts) out.push_back(parse_id_text(part, name, allow_zero));
    return out;
  };
  v.filter.sources = ids("sources", false);
  v.filter.statuses = ids("statuses", true);
  v.filter.responsibles = ids("responsibles", true);
  v.filter.tags = ids("tags", false);
  v.filter.created = {time_param(q, "created_from"), time_param(q, "created_to")};
  v.filter.last_message = {time_param(q, "last_from"), time_param(q, "last_to")};
  v.filter.search = get("search");
  if (v.filter.search.size() > 200) throw bad_request("search: longer than 200 bytes");
  if (!core::is_valid_utf8(v.filter.search)) throw bad_request("search: invalid UTF-8");
  return v;
}

}  // namespace server
