// The backend as the app sees it: one interface, answered by the server over
// HTTP and WebSocket, or by the in-page demo backend.
#pragma once

#include <functional>
#include <string>

#include "app/list_view.hpp"
#include "core/entities.hpp"
#include "core/events.hpp"
#include "core/filter.hpp"

namespace net {

enum class Session {
  Ready,      // signed in (or no sign-in needed): lists are answered
  Loading,    // asking the server who we are
  NeedLogin,  // the server answered 401: the login screen shows
  LoggingIn,  // the login form was sent
  Failed,     // the server is unreachable or answered nonsense: `error` says what
};

enum class Live { None, Online, Reconnecting };

// What the screen shows about the connection; never an exception.
struct Status {
  Session session = Session::Ready;
  Live live = Live::None;
  std::string error;  // the last failure in the operator's words; "" when fine
};

class Backend {
 public:
  using ListDone = std::function<void(app::ListPage)>;
  using EventSink = std::function<void(const core::Event&)>;

  virtual ~Backend() = default;
  virtual const core::Directory& directory() const = 0;
  // Asks for the first `limit` rows of a view; `done` runs from pump().
  virtual void request_list(const core::ViewQuery& query, int limit, ListDone done) = 0;
  // Delivers finished requests, live events and simulated traffic; true when something changed.
  virtual bool pump(core::TimeMs now) = 0;

  virtual Status status() const { return {}; }
  // Signs in with the login form; the session follows in status().
  virtual void login(const std::string& /*email*/, const std::string& /*password*/) {}
  // Live events (dialog changes, resync) are handed here from pump().
  virtual void set_event_sink(EventSink /*sink*/) {}
};

}  // namespace net
