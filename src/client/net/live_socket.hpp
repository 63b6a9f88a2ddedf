// The live event stream: a WebSocket to api/events that remembers the last
// sequence number and reconnects with backoff, resuming with `after`.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "core/events.hpp"
#include "net/backend.hpp"

namespace net {

class LiveSocket {
 public:
  using OnEvent = std::function<void(core::Event)>;

  explicit LiveSocket(OnEvent on_event) : on_event_(std::move(on_event)) {}
  LiveSocket(const LiveSocket&) = delete;
  LiveSocket& operator=(const LiveSocket&) = delete;

  // Opens the stream once; later calls do nothing. With after_seq >= 0 it
  // starts after that event (a list's seq), so that nothing between the list
  // and the stream is missed; otherwise from the server's present.
  void start(std::int64_t after_seq = -1);
  bool started() const { return started_; }
  Live state() const { return state_; }
  // Sends a text frame while online; false (and nothing sent) otherwise.
  bool send(const std::string& text);

  // Called by the socket's callbacks.
  void on_open();
  void on_text(const char* data, std::size_t size);
  void on_close();
  void reconnect();

 private:
  void connect();

  OnEvent on_event_;
  int socket_ = 0;
  int attempt_ = 0;
  std::int64_t last_seq_ = -1;  // -1 until the server's hello says where the log is
  bool started_ = false;
  Live state_ = Live::None;
};

}  // namespace net
