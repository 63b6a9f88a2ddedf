// The backend as the app sees it: one interface, answered by the server over
// HTTP and WebSocket, or by the in-page demo backend.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

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

// The answer to a dialog action or a sent message: the changed row (and the
// new message), or `error` in the operator's words.
struct DialogAnswer {
  std::optional<core::DialogRow> row;
  std::optional<core::Message> message;
  std::string error;
};

struct MessagesAnswer {
  std::vector<core::Message> messages;  // newest first, as the API pages them
  std::string error;
};

class Backend {
 public:
  using ListDone = std::function<void(app::ListPage)>;
  using MessagesDone = std::function<void(MessagesAnswer)>;
  using DialogDone = std::function<void(DialogAnswer)>;
  using EventSink = std::function<void(const core::Event&)>;

  virtual ~Backend() = default;
  virtual const core::Directory& directory() const = 0;
  // Asks for the first `limit` rows of a view; `done` runs from pump().
  virtual void request_list(const core::ViewQuery& query, int limit, ListDone done) = 0;
  // Delivers finished requests, live events and simulated traffic; true when something changed.
  virtual bool pump(core::TimeMs now) = 0;

  // The newest `limit` messages of a dialog (opening it); `done` runs from pump().
  virtual void request_messages(core::Id dialog, int limit, MessagesDone done) = 0;
  virtual void send_message(core::Id dialog, const std::string& text, DialogDone done) = 0;
  virtual void accept(core::Id dialog, DialogDone done) = 0;   // New -> Accepted
  virtual void archive(core::Id dialog, DialogDone done) = 0;  // -> Archive

  virtual Status status() const { return {}; }
  // The signed-in operator (kNoId until known), and the support link the server gives.
  virtual core::Id me() const { return core::kNoId; }
  virtual std::string help_url() const { return {}; }
  // When pump() next has something to deliver by itself (simulated traffic); 0: never.
  virtual core::TimeMs wake_at() const { return 0; }
  // Signs in with the login form; the session follows in status().
  virtual void login(const std::string& /*email*/, const std::string& /*password*/) {}
  // Live events (dialog changes, resync) are handed here from pump().
  virtual void set_event_sink(EventSink /*sink*/) {}
};

}  // namespace net
