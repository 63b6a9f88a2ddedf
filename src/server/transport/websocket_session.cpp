// One WebSocket connection on /api/events, in Beast's shape (chat-multi's
// websocket_session): authenticate via on_open, then a read loop feeding
// on_message and one write in flight draining a bounded queue.
#include "server/transport/websocket_session.hpp"

#include <atomic>
#include <chrono>
#include <deque>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/websocket.hpp>

#include "server/transport/http_util.hpp"

namespace server::transport {

namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
namespace net = boost::asio;

namespace {

class WebSocketSession;

// What the API holds: a weak link, so an API that keeps a subscriber too long
// never keeps a socket alive, and send() after the end just says false.
class WsSubscriber : public Subscriber {
 public:
  explicit WsSubscriber(std::weak_ptr<WebSocketSession> session) : session_(std::move(session)) {}
  using Subscriber::send;
  bool send(SharedText text) override;
  void close() override;

 private:
  std::weak_ptr<WebSocketSession> session_;
};

class WebSocketSession : public Session, public std::enable_shared_from_this<WebSocketSession> {
 public:
  WebSocketSession(beast::tcp_stream stream, http::request<http::string_body> request,
                   std::string remote, std::shared_ptr<ServerContext> context)
      : ws_(std::move(stream)),
        request_(std::move(request)),
        remote_(std::move(remote)),
        context_(std::move(context)),
        close_timer_(ws_.get_executor()),
        started_(std::chrono::steady_clock::now()) {}

  ~WebSocketSession() override {
    if (opened_ && context_->ws.on_close) {
      try {
        context_->ws.on_close(subscriber_);
      } catch (const std::exception& e) {
        context_->log.write(LogLevel::Error, "ws_on_close_exception", {{"what", e.what()}});
      }
    }
    if (opened_) {
      auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                    std::chrono::steady_clock::now() - started_)
                    .count();
      context_->log.write(LogLevel::Info, "ws_close",
                          {{"remote", remote_}, {"duration_ms", std::to_string(ms)}});
    }
    context_->sessions.remove(this);
  }

  void run() {
    subscriber_ = std::make_shared<WsSubscriber>(weak_from_this());
    if (!context_->sessions.add(shared_from_this(), remote_))
      return refuse(http::status::service_unavailable, "unavailable", "server is stopping");
    // Everything below runs on the connection's strand.
    net::dispatch(ws_.get_executor(), [self = shared_from_this()] { self->do_open(); });
  }

  // Any thread. The counters are atomics so a full queue is refused at once,
  // without waiting for the strand: a slow consumer never blocks the caller.
  // What on_open sends (a resume's missed events, which the API bounds) is
  // taken whole: refusing its tail would leave a gap the client cannot see.
  bool send(SharedText text) {
    if (closing_.load() || !text) return false;
    const std::size_t size = text->size();
    const Limits& limits = context_->config.limits;
    // Both counted before either is compared: release() takes back both.
    const std::size_t messages = queued_messages_.fetch_add(1) + 1;
    const std::size_t bytes = queued_bytes_.fetch_add(size) + size;
    const bool over =
        messages > limits.ws_max_queued_messages || bytes > limits.ws_max_queued_bytes;
    if (over && !opening_.load()) {
      queued_messages_.fetch_sub(1);
      queued_bytes_.fetch_sub(size);
      return false;
    }
    net::post(ws_.get_executor(), [self = shared_from_this(), text = std::move(text)]() mutable {
      self->on_send(std::move(text));
    });
    return true;
  }

  void close() {
    net::post(ws_.get_executor(),
              [self = shared_from_this()] { self->request_close(websocket::close_code::normal); });
  }

  void shutdown() override {
    net::post(ws_.get_executor(), [self = shared_from_this()] {
      self->request_close(websocket::close_code::going_away);
    });
  }

 private:
  void fail(beast::error_code ec, const char* what) {
    // Peers leaving, timeouts and our own cancellations are the normal end
    // of a connection, not errors worth a warning.
    const bool expected = ec == net::error::operation_aborted || ec == websocket::error::closed ||
                          ec == beast::error::timeout || ec == net::error::eof ||
                          ec == net::error::connection_reset || ec == net::error::broken_pipe ||
                          ec == net::error::not_connected;
    context_->log.write(expected ? LogLevel::Debug : LogLevel::Warn, "ws_error",
                        {{"remote", remote_}, {"op", what}, {"error", ec.message()}});
  }

  void do_open() {
    const std::string origin(request_[http::field::origin]);
    const std::string host(request_[http::field::host]);
    if (!context_->dispatcher.websocket_origin_allowed(origin, host))
      return refuse(http::status::forbidden, "forbidden", "origin not allowed");

    RawRequest raw;
    raw.method = std::string(request_.method_string());
    raw.target = std::string(request_.target());
    for (const auto& field : request_) {
      std::string name =
          to_lower(std::string_view(field.name_string().data(), field.name_string().size()));
      auto [it, inserted] = raw.headers.emplace(name, std::string(field.value()));
      if (!inserted) it->second += ", " + std::string(field.value());
    }
    raw.remote = remote_;
    HttpRequest plain;
    if (!decode_request(std::move(raw), plain))
      return refuse(http::status::bad_request, "bad_request", "malformed path");

    bool accepted = false;
    opening_.store(true);
    try {
      accepted = context_->ws.on_open && context_->ws.on_open(plain, subscriber_);
    } catch (const std::exception& e) {
      context_->log.write(LogLevel::Error, "ws_on_open_exception", {{"what", e.what()}});
    }
    opening_.store(false);
    if (!accepted) return refuse(http::status::unauthorized, "unauthorized", "not signed in");
    opened_ = true;

    websocket::stream_base::timeout timeouts{};
    timeouts.handshake_timeout = context_->config.limits.ws_handshake_timeout;
    timeouts.idle_timeout = context_->config.limits.ws_idle_timeout;
    timeouts.keep_alive_pings = true;  // ping at half the idle time: dead peers are found
    beast::get_lowest_layer(ws_).expires_never();  // the websocket timeouts take over
    ws_.set_option(timeouts);
    ws_.read_message_max(context_->config.limits.ws_max_incoming_bytes);
    ws_.text(true);
    ws_.async_accept(request_,
                     beast::bind_front_handler(&WebSocketSession::on_accept, shared_from_this()));
  }

  void refuse(http::status status, const char* code, const char* message) {
    refusal_.result(status);
    refusal_.version(request_.version());
    refusal_.set(http::field::content_type, "application/json");
    refusal_.set(http::field::cache_control, "no-store");
    refusal_.keep_alive(false);
    refusal_.body() = json_error(code, message);
    refusal_.prepare_payload();
    context_->log.write(LogLevel::Info, "ws_refused",
                        {{"remote", remote_}, {"status", std::to_string(refusal_.result_int())}});
    auto& stream = beast::get_lowest_layer(ws_);
    stream.expires_after(context_->config.limits.ws_close_write_timeout);
    http::async_write(stream, refusal_,
                      beast::bind_front_handler(&WebSocketSession::on_refused, shared_from_this()));
  }

  void on_refused(beast::error_code ec, std::size_t) {
    if (ec) return fail(ec, "refuse");
    beast::error_code ignored;
    beast::get_lowest_layer(ws_).socket().shutdown(net::ip::tcp::socket::shutdown_send, ignored);
  }

  void on_accept(beast::error_code ec) {
    if (ec) {
      closing_.store(true);
      return fail(ec, "accept");
    }
    accepted_ = true;
    context_->log.write(LogLevel::Info, "ws_open", {{"remote", remote_}});
    if (close_requested_) return do_close();
    if (!queue_.empty()) do_write();
    do_read();
  }

  void do_read() {
    ws_.async_read(buffer_,
                   beast::bind_front_handler(&WebSocketSession::on_read, shared_from_this()));
  }

  void on_read(beast::error_code ec, std::size_t) {
    if (ec) {
      closing_.store(true);
      drop_queue();
      return fail(ec, "read");
    }
    if (ws_.got_text() && context_->ws.on_message) {
      std::string text = beast::buffers_to_string(buffer_.data());
      try {
        context_->ws.on_message(subscriber_, text);
      } catch (const std::exception& e) {
        context_->log.write(LogLevel::Error, "ws_on_message_exception", {{"what", e.what()}});
      }
    }
    buffer_.consume(buffer_.size());
    do_read();
  }

  void on_send(SharedText text) {
    if (closing_.load()) {
      release(text->size());
      return;
    }
    queue_.push_back(std::move(text));
    if (accepted_ && !writing_) do_write();
  }

  void do_write() {
    writing_ = true;
    ws_.async_write(net::buffer(*queue_.front()),
                    beast::bind_front_handler(&WebSocketSession::on_write, shared_from_this()));
  }

  void on_write(beast::error_code ec, std::size_t) {
    writing_ = false;
    release(queue_.front()->size());
    queue_.pop_front();
    if (ec) {
      closing_.store(true);
      drop_queue();
      return fail(ec, "write");
    }
    if (close_requested_) return do_close();
    if (!queue_.empty()) do_write();
  }

  void release(std::size_t bytes) {
    queued_messages_.fetch_sub(1);
    queued_bytes_.fetch_sub(bytes);
  }

  // Drops every queued message except one being written.
  void drop_queue() {
    while (queue_.size() > (writing_ ? 1u : 0u)) {
      release(queue_.back()->size());
      queue_.pop_back();
    }
  }

  void request_close(websocket::close_code code) {
    if (close_requested_) return;
    close_requested_ = true;
    close_code_ = code;
    closing_.store(true);
    drop_queue();
    if (!accepted_) {
      // Not opened yet (or refused): on_accept closes; a refused or failed
      // session has nothing to close gracefully.
      if (!opened_) {
        beast::error_code ignored;
        beast::get_lowest_layer(ws_).socket().close(ignored);
      }
      return;
    }
    if (writing_) {
      // The write in flight finishes first; a peer that never reads must
      // not hold the close forever.
      close_timer_.expires_after(context_->config.limits.ws_close_write_timeout);
      close_timer_.async_wait([self = shared_from_this()](beast::error_code ec) {
        if (ec || !self->writing_) return;
        beast::error_code ignored;
        beast::get_lowest_layer(self->ws_).socket().close(ignored);
      });
      return;
    }
    do_close();
  }

  void do_close() {
    if (close_sent_ || !ws_.is_open()) return;
    close_sent_ = true;
    ws_.async_close(close_code_,
                    beast::bind_front_handler(&WebSocketSession::on_close, shared_from_this()));
  }

  void on_close(beast::error_code ec) {
    close_timer_.cancel();
    if (ec) return fail(ec, "close");
    // The pending read now ends with websocket::error::closed.
  }

  websocket::stream<beast::tcp_stream> ws_;
  beast::flat_buffer buffer_;
  http::request<http::string_body> request_;
  http::response<http::string_body> refusal_;
  std::string remote_;
  std::shared_ptr<ServerContext> context_;
  std::shared_ptr<WsSubscriber> subscriber_;
  net::steady_timer close_timer_;
  std::chrono::steady_clock::time_point started_;

  // Strand-only state.
  std::deque<SharedText> queue_;  // shared with the other subscribers
  bool opened_ = false;           // on_open agreed
  bool accepted_ = false;         // the handshake finished
  bool writing_ = false;
  bool close_requested_ = false;
  bool close_sent_ = false;
  websocket::close_code close_code_ = websocket::close_code::normal;

  // Any thread.
  std::atomic<bool> closing_{false};
  std::atomic<bool> opening_{false};  // on_open is running: its sends are not refused
  std::atomic<std::size_t> queued_messages_{0};
  std::atomic<std::size_t> queued_bytes_{0};
};

bool WsSubscriber::send(SharedText text) {
  auto session = session_.lock();
  return session && session->send(std::move(text));
}

void WsSubscriber::close() {
  if (auto session = session_.lock()) session->close();
}

}  // namespace

void start_websocket_session(beast::tcp_stream stream, http::request<http::string_body> request,
                             std::string remote, std::shared_ptr<ServerContext> context) {
  std::make_shared<WebSocketSession>(std::move(stream), std::move(request), std::move(remote),
                                     std::move(context))
      ->run();
}

}  // namespace server::transport
