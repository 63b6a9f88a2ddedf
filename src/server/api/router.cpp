// Linear matching is enough: a few dozen routes, compared part by part.
#include "server/api/router.hpp"

#include <string_view>

#include "server/api/api_error.hpp"

namespace server {
namespace {

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> parts;
  std::size_t pos = 0;
  while (pos < path.size()) {
    std::size_t end = path.find('/', pos);
    if (end == std::string::npos) end = path.size();
    if (end > pos) parts.push_back(path.substr(pos, end - pos));
    pos = end + 1;
  }
  return parts;
}

}  // namespace

const core::Json& Call::body() {
  if (!body_) {
    // The core's parser skips a leading byte order mark, as a reader of files
    // should. On the wire RFC 8259 (8.1) forbids one, and a sender that adds it
    // has a bug: refused here, it learns at once instead of being guessed at.
    if (std::string_view(request.body).substr(0, 3) == "\xEF\xBB\xBF") {
      throw bad_request("body: starts with a byte order mark");
    }
    core::Json parsed;
    try {
      parsed = core::parse_request_json(request.body);
    } catch (const core::DecodeError& e) {
      throw bad_request(e.what());
    }
    // Kept only when valid, so that every call refuses a bad body alike.
    if (!parsed.is_object()) throw bad_request("body: expected a JSON object");
    body_ = std::move(parsed);
  }
  return *body_;
}

core::Id Call::id(std::size_t i) const {
  const std::string& text = params.at(i);
  if (text.empty() || text.size() > 18 ||
      text.find_first_not_of("0123456789") != std::string::npos) {
    throw not_found("no such id: " + text.substr(0, 32));
  }
  const core::Id id = std::stoll(text);
  if (id <= 0) throw not_found("no such id: " + text);
  return id;
}

void Router::add(const std::string& method, const std::string& pattern, bool requires_login,
                 decltype(Route::handler) handler) {
  routes_.push_back(
      {method, split_path(pattern), requires_login, true, true, std::move(handler), {}, {}});
}

void Router::prepare_with(const std::string& method, const std::string& pattern,
                          std::function<void(Call&)> prepare) {
  const std::vector<std::string> parts = split_path(pattern);
  for (Route& route : routes_) {
    if (route.method == method && route.parts == parts) route.prepare = prepare;
  }
}

void Router::add_waiter(const std::string& pattern, std::function<void(Call&, Respond)> waiter) {
  routes_.push_back({"GET", split_path(pattern), false, true, true, {}, {}, std::move(waiter)});
}

void Router::allow_text_params(const std::string& method, const std::string& pattern) {
  const std::vector<std::string> parts = split_path(pattern);
  for (Route& route : routes_) {
    if (route.method == method && route.parts == parts) route.numeric_params = false;
  }
}

void Router::run_unbatched(const std::string& method, const std::string& pattern) {
  const std::vector<std::string> parts = split_path(pattern);
  for (Route& route : routes_) {
    if (route.method == method && route.parts == parts) route.batched = false;
  }
}

std::vector<std::string> Router::patterns() const {
  std::vector<std::string> out;
  for (const Route& route : routes_) {
    std::string pattern = route.method + " ";
    for (const std::string& part : route.parts) pattern += "/" + part;
    out.push_back(std::move(pattern));
  }
  return out;
}

const Route* Router::match(const std::string& method, const std::string& path,
                           std::vector<std::string>& params, bool& path_known) const {
  const std::vector<std::string> parts = split_path(path);
  path_known = false;
  for (const Route& route : routes_) {
    if (route.parts.size() != parts.size()) continue;
    std::vector<std::string> found;
    bool same = true;
    for (std::size_t i = 0; i < parts.size() && same; ++i) {
      if (route.parts[i] == "{}") {
        found.push_back(parts[i]);
      } else {
        same = route.parts[i] == parts[i];
      }
    }
    if (!same) continue;
    path_known = true;
    if (route.method == method) {
      params = std::move(found);
      return &route;
    }
  }
  return nullptr;
}

}  // namespace server
