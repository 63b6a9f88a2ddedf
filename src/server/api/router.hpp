// Matches "METHOD /api/path/{id}" patterns to handlers; path parameters are
// handed over in order.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/codec.hpp"
#include "core/entities.hpp"
#include "server/transport/http_types.hpp"

namespace server {

// One request on its way through a handler.
struct Call {
  Call(const HttpRequest& r, std::vector<std::string> p, core::TimeMs t)
      : request(r), params(std::move(p)), now(t) {}

  const HttpRequest& request;
  std::vector<std::string> params;  // path parameters in pattern order
  core::Operator op;                // the caller (empty for public routes)
  core::TimeMs now = 0;
  core::Json prepared;  // what a route's prepare step found, for its handler

  // The JSON body; a 400 naming the problem when it is malformed.
  const core::Json& body();
  // Path parameter i as an id; a 404 when it is not a positive integer.
  core::Id id(std::size_t i) const;

 private:
  std::optional<core::Json> body_;
};

struct Route {
  std::string method;
  std::vector<std::string> parts;  // "{}" marks a parameter
  bool requires_login = true;
  bool numeric_params = true;  // every {} is an id
  bool batched = true;         // a mutation that runs on the writer (see WriteBatcher)
  std::function<HttpResponse(Call&)> handler;
  // Slow work before a mutation (a channel's check over the network): runs on
  // a channels' thread, then the handler runs on the writer as usual.
  std::function<void(Call&)> prepare;
  // A read that answers later (a long poll): takes the answer's callback
  // instead of returning it. Must copy from the call what it keeps.
  std::function<void(Call&, Respond)> waiter;
};

class Router {
 public:
  void add(const std::string& method, const std::string& pattern, bool requires_login,
           decltype(Route::handler) handler);
  // Marks a route whose {} parameters are names, not ids.
  void allow_text_params(const std::string& method, const std::string& pattern);
  // Marks a mutation that runs on the request's own thread: slow work that
  // must not hold up the writer (password hashing, file writes).
  void run_unbatched(const std::string& method, const std::string& pattern);
  void prepare_with(const std::string& method, const std::string& pattern,
                    std::function<void(Call&)> prepare);
  // A GET whose answer comes later, through the callback.
  void add_waiter(const std::string& pattern, std::function<void(Call&, Respond)> waiter);
  // Every route as "METHOD /api/path/{}", in the order added: tests walk them
  // so that a route added later cannot be left out of a check.
  std::vector<std::string> patterns() const;
  // The route for a request; sets path_known when the path exists for another method.
  const Route* match(const std::string& method, const std::string& path,
                     std::vector<std::string>& params, bool& path_known) const;

 private:
  std::vector<Route> routes_;
};

}  // namespace server
