// emscripten/websocket.h callbacks into LiveSocket; events decoded with the core codec.
#include "net/live_socket.hpp"

#include <emscripten.h>
#include <emscripten/eventloop.h>
#include <emscripten/websocket.h>

#include <cstdlib>
#include <string>

#include "core/codec.hpp"
#include "net/api_wire.hpp"
#include "net/http_request.hpp"
#include "platform/fonts.hpp"

namespace net {
namespace {

EM_BOOL opened(int, const EmscriptenWebSocketOpenEvent*, void* self) {
  static_cast<LiveSocket*>(self)->on_open();
  return EM_TRUE;
}

EM_BOOL message(int, const EmscriptenWebSocketMessageEvent* e, void* self) {
  if (e->isText && e->numBytes > 0) {
    // Text frames arrive NUL-terminated; numBytes counts the terminator.
    std::size_t size = e->numBytes;
    if (e->data[size - 1] == 0) --size;
    platform::note_text({reinterpret_cast<const char*>(e->data), size});
    static_cast<LiveSocket*>(self)->on_text(reinterpret_cast<const char*>(e->data), size);
  }
  return EM_TRUE;
}

EM_BOOL closed(int, const EmscriptenWebSocketCloseEvent*, void* self) {
  static_cast<LiveSocket*>(self)->on_close();
  return EM_TRUE;
}

void reconnect_now(void* self) {
  static_cast<LiveSocket*>(self)->reconnect();
}

}  // namespace

void LiveSocket::start(std::int64_t after_seq) {
  if (started_) return;
  started_ = true;
  last_seq_ = after_seq;
  connect();
}

void LiveSocket::connect() {
  const std::string url = websocket_url(events_path(last_seq_));
  EmscriptenWebSocketCreateAttributes attrs;
  emscripten_websocket_init_create_attributes(&attrs);
  attrs.url = url.c_str();
  attrs.createOnMainThread = EM_TRUE;
  socket_ = emscripten_websocket_new(&attrs);
  if (socket_ <= 0) {
    on_close();
    return;
  }
  if (state_ == Live::None) state_ = Live::Reconnecting;
  emscripten_websocket_set_onopen_callback(socket_, this, opened);
  emscripten_websocket_set_onmessage_callback(socket_, this, message);
  emscripten_websocket_set_onclose_callback(socket_, this, closed);
}

bool LiveSocket::send(const std::string& text) {
  if (state_ != Live::Online || socket_ <= 0) return false;
  return emscripten_websocket_send_utf8_text(socket_, text.c_str()) == EMSCRIPTEN_RESULT_SUCCESS;
}

void LiveSocket::on_open() {
  state_ = Live::Online;
  attempt_ = 0;
  wake_page();
}

void LiveSocket::on_text(const char* data, std::size_t size) {
  // The client builds without exception catching: what the decoder would
  // refuse (malformed text, the server's "hello" and "error" frames) is skipped first.
  const core::Json json = core::Json::parse(data, data + size, nullptr, false);
  if (json.is_discarded() || !json.is_object()) return;
  const auto kind = json.find("kind");
  if (kind != json.end() && *kind == "hello") {
    // Everything up to here is in the view: a reconnect resumes after it, even
    // when no event came in between (a server that restarted keeps the log).
    const auto seq = json.find("seq");
    if (seq != json.end() && seq->is_number_integer() && seq->get<std::int64_t>() > last_seq_) {
      last_seq_ = seq->get<std::int64_t>();
    }
    return;
  }
  if (kind == json.end() || *kind == "error" || *kind == "pong") return;
  try {
    core::Event event = core::decode<core::Event>(json);
    // A heartbeat only keeps proxies from cutting the socket: it changes
    // nothing on screen, so it must not wake an idle page every 25 s.
    if (event.kind == core::EventKind::Heartbeat) return;
    if (event.seq > last_seq_ || event.kind == core::EventKind::Resync) last_seq_ = event.seq;
    on_event_(std::move(event));
    wake_page();
  } catch (const std::exception& e) {
    emscripten_log(EM_LOG_WARN, "live: an event was not understood: %s", e.what());
  }
}

void LiveSocket::on_close() {
  if (socket_ > 0) emscripten_websocket_delete(socket_);
  socket_ = 0;
  state_ = Live::Reconnecting;
  emscripten_set_timeout(reconnect_now, reconnect_delay_ms(attempt_++), this);
  wake_page();
}

void LiveSocket::reconnect() {
  connect();
}

}  // namespace net
