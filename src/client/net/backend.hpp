// The backend as the app sees it: one interface, answered by the server over
// HTTP and WebSocket, or by the in-page demo backend.
#pragma once

#include <functional>

#include "app/list_view.hpp"
#include "core/entities.hpp"
#include "core/filter.hpp"

namespace net {

class Backend {
 public:
  using ListDone = std::function<void(app::ListPage)>;

  virtual ~Backend() = default;
  virtual const core::Directory& directory() const = 0;
  // Asks for the first `limit` rows of a view; `done` runs from pump().
  virtual void request_list(const core::ViewQuery& query, int limit, ListDone done) = 0;
  // Delivers finished requests and simulated traffic; true when something changed.
  virtual bool pump(core::TimeMs now) = 0;
};

}  // namespace net
