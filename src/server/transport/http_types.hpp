// Requests and responses as the API handlers see them: plain values with no
// socket and no Beast types, so handlers are testable without a network.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>

namespace server {

struct HttpRequest {
  std::string method;                          // "GET", "POST", ...
  std::string path;                            // "/api/dialogs", without the query string
  std::map<std::string, std::string> query;    // decoded query parameters
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;
  std::string remote;  // peer address, for logs

  std::string header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? std::string() : it->second;
  }
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::map<std::string, std::string> headers;  // extra headers, e.g. set-cookie
};

// Answers one API request (everything under /api/).
using ApiHandler = std::function<HttpResponse(const HttpRequest&)>;

// Hands an API request's answer back to its connection: called exactly once,
// from any thread.
using Respond = std::function<void(HttpResponse)>;

// An API that may answer later, from another thread: a write answers after
// its group commit without holding an I/O thread while it waits. `handle`
// must call `respond` exactly once and not throw after calling it.
struct AsyncApiHandler {
  std::function<void(HttpRequest, Respond)> handle;
};

// A text frame's bytes, shared by every subscriber it goes to (an event is
// encoded once, not once per subscriber).
using SharedText = std::shared_ptr<const std::string>;

// A WebSocket subscriber as the event hub and the API see it.
class Subscriber {
 public:
  virtual ~Subscriber() = default;
  // Queues a text frame; returns false when the queue is full (the hub then
  // tells the subscriber to resync and drops what it would have sent).
  virtual bool send(SharedText text) = 0;
  bool send(std::string text) { return send(std::make_shared<const std::string>(std::move(text))); }
  virtual void close() = 0;
};

// Called by the transport for each WebSocket connection on /api/events:
// on_open with the upgrade request (for auth), on_message per text frame,
// on_close once. on_open returning false refuses the connection (401).
struct WebSocketHandlers {
  std::function<bool(const HttpRequest&, const std::shared_ptr<Subscriber>&)> on_open;
  std::function<void(const std::shared_ptr<Subscriber>&, const std::string&)> on_message;
  std::function<void(const std::shared_ptr<Subscriber>&)> on_close;
};

}  // namespace server
