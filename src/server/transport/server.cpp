// The Beast side of HttpServer, in the shape of Beast's advanced_server: a
// listener accepting on a strand per connection, an HTTP session reading one
// request at a time (header first, so the body limit can depend on the path)
// and handing upgrades on /api/events to the WebSocket session.
#include "server/transport/server.hpp"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string_view>
#include <thread>
#include <vector>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket/rfc6455.hpp>

#include "server/transport/http_util.hpp"
#include "server/transport/server_context.hpp"
#include "server/transport/websocket_session.hpp"

namespace server {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using transport::Reply;
using transport::ServerContext;

namespace {

constexpr auto kWriteTimeout = std::chrono::seconds(60);  // a slow client downloading the wasm
constexpr auto kLingerTimeout = std::chrono::seconds(2);  // draining after a refusal
constexpr std::size_t kLingerReadBytes = 64 * 1024;
constexpr auto kAcceptRetryDelay = std::chrono::milliseconds(100);  // e.g. out of descriptors

// Beast 1.74 has its own string_view; ours is std's.
std::string_view sv(beast::string_view s) {
  return {s.data(), s.size()};
}

bool is_expected_close(beast::error_code ec) {
  return ec == net::error::operation_aborted || ec == beast::error::timeout ||
         ec == http::error::end_of_stream || ec == net::error::eof ||
         ec == net::error::connection_reset || ec == net::error::broken_pipe ||
         ec == net::error::not_connected;
}

// One HTTP/1.1 connection, one request at a time (a pipelined request waits
// in the buffer until the previous answer is written).
class HttpSession : public transport::Session, public std::enable_shared_from_this<HttpSession> {
 public:
  HttpSession(tcp::socket socket, std::shared_ptr<ServerContext> context)
      : stream_(std::move(socket)), context_(std::move(context)) {
    beast::error_code ec;
    auto endpoint = stream_.socket().remote_endpoint(ec);
    remote_ = ec ? std::string("?") : endpoint.address().to_string();
  }

  ~HttpSession() override { context_->sessions.remove(this); }

  void run() {
    if (!context_->sessions.add(shared_from_this())) return;  // stopping: just drop it
    net::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->do_read(); });
  }

  void shutdown() override {
    net::post(stream_.get_executor(), [self = shared_from_this()] {
      self->stopping_ = true;
      // Idle between requests: nothing in flight, close now. Otherwise the
      // request being read or answered finishes and on_write closes.
      if (self->idle_) self->stream_.cancel();
    });
  }

 private:
  void fail(beast::error_code ec, const char* what) {
    const bool expected = is_expected_close(ec);
    context_->log.write(expected ? LogLevel::Debug : LogLevel::Warn, "http_error",
                        {{"remote", remote_}, {"op", what}, {"error", ec.message()}});
  }

  void do_read() {
    if (stopping_) return do_close();
    parser_.emplace();
    parser_->header_limit(kMaxHeaderBytes);
    idle_ = buffer_.size() == 0;
    stream_.expires_after(context_->config.read_timeout);
    http::async_read_header(
        stream_, buffer_, *parser_,
        beast::bind_front_handler(&HttpSession::on_read_header, shared_from_this()));
  }

  void on_read_header(beast::error_code ec, std::size_t) {
    idle_ = false;
    if (ec) return on_read_error(ec, "read_header");
    const std::string target(parser_->get().target());
    const std::size_t limit = context_->dispatcher.body_limit(target);
    parser_->body_limit(limit);
    // A declared length over the limit is refused before reading a byte of it.
    if (parser_->content_length() && *parser_->content_length() > limit)
      return refuse(413, "too_large", "request body too large");
    if (beast::iequals(parser_->get()[http::field::expect], "100-continue")) return do_continue();
    do_read_body();
  }

  // curl and other tools wait for "100 Continue" before sending a larger body.
  void do_continue() {
    continue_ = {};
    continue_.version(11);
    continue_.result(http::status::continue_);
    stream_.expires_after(kWriteTimeout);
    http::async_write(stream_, continue_,
                      beast::bind_front_handler(&HttpSession::on_continue, shared_from_this()));
  }

  void on_continue(beast::error_code ec, std::size_t) {
    if (ec) {
      fail(ec, "write_continue");
      return do_close();
    }
    do_read_body();
  }

  void do_read_body() {
    stream_.expires_after(context_->config.read_timeout);
    http::async_read(stream_, buffer_, *parser_,
                     beast::bind_front_handler(&HttpSession::on_read, shared_from_this()));
  }

  void on_read_error(beast::error_code ec, const char* what) {
    if (ec == http::error::body_limit) return refuse(413, "too_large", "request body too large");
    if (ec == http::error::header_limit)
      return refuse(431, "headers_too_large", "request headers too large");
    // Any other parser error is a malformed request; a peer that hangs up
    // (end_of_stream, partial_message) or times out just gets closed.
    const bool parse_error =
        ec.category() == http::make_error_code(http::error::bad_method).category() &&
        ec != http::error::end_of_stream && ec != http::error::partial_message;
    if (parse_error) return refuse(400, "bad_request", "malformed request");
    fail(ec, what);
    do_close();
  }

  // Answers an error the stream cannot recover from, then closes.
  void refuse(int status, const char* code, const char* message) {
    std::string origin;
    if (parser_) origin = std::string(parser_->get()[http::field::origin]);
    Reply reply = context_->dispatcher.error(status, code, message, origin);
    reply.close = true;
    linger_ = true;
    started_ = std::chrono::steady_clock::now();
    method_ = parser_ ? std::string(parser_->get().method_string()) : "";
    std::string query;
    if (parser_) transport::split_target(sv(parser_->get().target()), path_, query);
    write_reply(std::move(reply), false, 11);
  }

  void on_read(beast::error_code ec, std::size_t) {
    if (ec) return on_read_error(ec, "read");
    started_ = std::chrono::steady_clock::now();
    http::request<http::string_body> request = parser_->release();
    method_ = std::string(request.method_string());
    std::string query;
    transport::split_target(sv(request.target()), path_, query);

    if (beast::websocket::is_upgrade(request) && path_ == transport::kEventsPath) {
      // The WebSocket session takes the socket; this session ends here.
      return transport::start_websocket_session(std::move(stream_), std::move(request), remote_,
                                                context_);
    }

    transport::RawRequest raw;
    raw.method = method_;
    raw.target = std::string(request.target());
    for (const auto& field : request) {
      std::string name = transport::to_lower(sv(field.name_string()));
      auto [it, inserted] = raw.headers.emplace(name, std::string(field.value()));
      if (!inserted) it->second += ", " + std::string(field.value());
    }
    raw.body = std::move(request.body());
    raw.remote = remote_;
    // The reply may come from the API's writer thread after its commit: the
    // connection reads nothing more until then, and no thread waits for it.
    const bool keep_alive = request.keep_alive();
    const bool head = request.method() == http::verb::head;
    const unsigned version = request.version();
    context_->answers.add();
    context_->dispatcher.handle(std::move(raw), [self = shared_from_this(), context = context_,
                                                 keep_alive, head, version](Reply reply) mutable {
      // On the strand already (an answer at once) this runs inline. The
      // session moves into the handler, so that it never ends on the
      // writer thread once stop() has destroyed the io_context.
      auto executor = self->stream_.get_executor();
      net::dispatch(executor, [self = std::move(self), reply = std::move(reply), keep_alive, head,
                               version]() mutable {
        reply.close = reply.close || !keep_alive;
        self->write_reply(std::move(reply), head, version);
      });
      context->answers.done();
    });
  }

  void write_reply(Reply reply, bool head, unsigned version) {
    auto& res = response_;
    res = {};
    res.version(version);
    res.result(static_cast<unsigned>(reply.status));
    for (const auto& [name, value] : reply.headers) res.set(name, value);
    body_ = reply.body;
    close_after_ = reply.close || stopping_;
    const std::size_t size = reply.body_size();
    bytes_ = head ? 0 : size;
    const bool bodiless = reply.status == 204 || reply.status == 304 || reply.status < 200;
    if (head || bodiless) {
      res.body() = {};
      if (!bodiless) res.content_length(size);  // HEAD: the length GET would send
    } else {
      res.body() = http::span_body<const char>::value_type(body_ ? body_->data() : "", size);
      res.content_length(size);
    }
    res.keep_alive(!close_after_);
    log_status_ = reply.status;
    stream_.expires_after(kWriteTimeout);
    http::async_write(stream_, res,
                      beast::bind_front_handler(&HttpSession::on_write, shared_from_this()));
  }

  void on_write(beast::error_code ec, std::size_t) {
    auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started_)
                  .count();
    char duration[32];
    std::snprintf(duration, sizeof duration, "%.1f", ms);
    context_->log.write(LogLevel::Info, "request",
                        {{"remote", remote_},
                         {"method", method_},
                         {"path", path_},
                         {"status", std::to_string(log_status_)},
                         {"bytes", std::to_string(bytes_)},
                         {"duration_ms", duration}});
    body_.reset();
    if (ec) {
      fail(ec, "write");
      return do_close();
    }
    if (linger_) return do_linger();
    if (close_after_ || stopping_) return do_close();
    do_read();
  }

  // After refusing a request mid-stream the client may still be sending its
  // body; closing at once would reset the connection and could destroy our
  // answer in the client's buffers, so read and discard for a while first.
  void do_linger() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    idle_ = true;  // stop() may cut this short
    stream_.expires_after(kLingerTimeout);
    do_drain();
  }

  void do_drain() {
    buffer_.consume(buffer_.size());
    stream_.async_read_some(buffer_.prepare(kLingerReadBytes),
                            beast::bind_front_handler(&HttpSession::on_drain, shared_from_this()));
  }

  void on_drain(beast::error_code ec, std::size_t) {
    if (ec) return;  // end of stream or the linger timeout: the session ends
    do_drain();
  }

  void do_close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    // The session ends when this last handler returns.
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::shared_ptr<ServerContext> context_;
  std::optional<http::request_parser<http::string_body>> parser_;
  http::response<http::span_body<const char>> response_;
  std::shared_ptr<const std::string> body_;  // keeps response_'s span alive
  std::string remote_;

  // For the request log line.
  std::string method_;
  std::string path_;
  int log_status_ = 0;
  std::size_t bytes_ = 0;
  std::chrono::steady_clock::time_point started_;

  bool idle_ = false;  // waiting for a new request with nothing buffered
  bool stopping_ = false;
  bool close_after_ = false;
  bool linger_ = false;  // drain the client's input before closing
  http::response<http::empty_body> continue_;
};

// Accepts connections, each on its own strand, until stopped.
class Listener : public std::enable_shared_from_this<Listener> {
 public:
  Listener(net::io_context& ioc, std::shared_ptr<ServerContext> context)
      : ioc_(ioc),
        acceptor_(net::make_strand(ioc)),
        retry_timer_(acceptor_.get_executor()),
        context_(std::move(context)) {}

  // Throws std::system_error when the endpoint cannot be bound.
  unsigned short open(const std::string& address, unsigned short port) {
    tcp::endpoint endpoint(net::ip::make_address(address), port);
    acceptor_.open(endpoint.protocol());
    acceptor_.set_option(net::socket_base::reuse_address(true));
    acceptor_.bind(endpoint);
    acceptor_.listen(net::socket_base::max_listen_connections);
    return acceptor_.local_endpoint().port();
  }

  void run() {
    net::dispatch(acceptor_.get_executor(), [self = shared_from_this()] { self->do_accept(); });
  }

  void stop() {
    net::post(acceptor_.get_executor(), [self = shared_from_this()] {
      beast::error_code ignored;
      self->stopped_ = true;
      self->retry_timer_.cancel();
      self->acceptor_.close(ignored);
    });
  }

 private:
  void do_accept() {
    if (stopped_) return;
    acceptor_.async_accept(net::make_strand(ioc_),
                           beast::bind_front_handler(&Listener::on_accept, shared_from_this()));
  }

  void on_accept(beast::error_code ec, tcp::socket socket) {
    if (ec) {
      if (ec == net::error::operation_aborted || stopped_) return;
      context_->log.write(LogLevel::Warn, "accept_error", {{"error", ec.message()}});
      retry_timer_.expires_after(kAcceptRetryDelay);
      retry_timer_.async_wait([self = shared_from_this()](beast::error_code wait_ec) {
        if (!wait_ec) self->do_accept();
      });
      return;
    }
    if (context_->sessions.size() >= context_->config.max_connections) {
      context_->log.write(LogLevel::Warn, "connection_limit", {});
      beast::error_code ignored;
      socket.close(ignored);
    } else {
      std::make_shared<HttpSession>(std::move(socket), context_)->run();
    }
    do_accept();
  }

  net::io_context& ioc_;
  tcp::acceptor acceptor_;
  net::steady_timer retry_timer_;
  std::shared_ptr<ServerContext> context_;
  bool stopped_ = false;
};

}  // namespace

struct HttpServer::Impl {
  std::shared_ptr<ServerContext> context;
  std::unique_ptr<net::io_context> ioc;
  std::shared_ptr<Listener> listener;
  std::unique_ptr<net::steady_timer> tick_timer;
  std::vector<std::thread> threads;
  unsigned short port = 0;
  std::mutex mutex;  // start/stop
  bool started = false;
  bool stopped = false;

  void schedule_tick() {
    tick_timer->expires_after(context->config.tick_interval);
    tick_timer->async_wait([this](beast::error_code ec) {
      if (ec) return;
      try {
        context->config.on_tick();
      } catch (const std::exception& e) {
        context->log.write(LogLevel::Error, "tick_exception", {{"what", e.what()}});
      }
      schedule_tick();
    });
  }
};

HttpServer::HttpServer(ServerConfig config, ApiHandler api, WebSocketHandlers ws)
    : HttpServer(std::move(config), transport::answer_at_once(std::move(api)), std::move(ws)) {}

HttpServer::HttpServer(ServerConfig config, AsyncApiHandler api, WebSocketHandlers ws)
    : impl_(std::make_unique<Impl>()) {
  if (config.threads < 1) config.threads = 1;
  impl_->context =
      std::make_shared<ServerContext>(std::move(config), std::move(api), std::move(ws));
}

HttpServer::~HttpServer() {
  try {
    stop();
  } catch (...) {
  }
}

void HttpServer::start() {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  if (impl_->started) throw std::logic_error("HttpServer::start called twice");
  const ServerConfig& config = impl_->context->config;
  impl_->ioc = std::make_unique<net::io_context>(config.threads);
  impl_->listener = std::make_shared<Listener>(*impl_->ioc, impl_->context);
  impl_->port = impl_->listener->open(config.address, config.port);
  impl_->listener->run();
  impl_->tick_timer = std::make_unique<net::steady_timer>(net::make_strand(*impl_->ioc));
  if (config.on_tick) impl_->schedule_tick();
  impl_->started = true;
  for (int i = 0; i < config.threads; ++i)
    impl_->threads.emplace_back([ioc = impl_->ioc.get()] { ioc->run(); });
  impl_->context->log.write(LogLevel::Info, "listening",
                            {{"address", config.address}, {"port", std::to_string(impl_->port)}});
}

unsigned short HttpServer::port() const {
  return impl_->port;
}

void HttpServer::stop() {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  if (!impl_->started || impl_->stopped) return;
  if (impl_->ioc->get_executor().running_in_this_thread())
    throw std::logic_error("HttpServer::stop called from an I/O thread");
  impl_->stopped = true;
  auto& context = *impl_->context;
  context.log.write(LogLevel::Info, "stopping", {});

  // A session waiting for an API answer has no asio operation pending: this
  // keeps the I/O threads running until the sessions are done.
  auto work = net::make_work_guard(*impl_->ioc);
  impl_->listener->stop();
  net::post(impl_->tick_timer->get_executor(),
            [timer = impl_->tick_timer.get()] { timer->cancel(); });
  context.sessions.shutdown_all();
  if (!context.sessions.wait_empty(context.config.shutdown_grace)) {
    context.log.write(LogLevel::Warn, "stop_grace_expired",
                      {{"sessions", std::to_string(context.sessions.size())}});
  }
  work.reset();
  impl_->ioc->stop();
  for (auto& thread : impl_->threads) thread.join();
  impl_->threads.clear();
  // An answer still owed is posted to the io_context: it must still exist then.
  context.answers.wait_zero();
  // Destroying the io_context destroys the handlers still queued, and with
  // them any session the grace period did not see end (their on_close runs).
  impl_->listener.reset();
  impl_->tick_timer.reset();
  impl_->ioc.reset();
  context.log.write(LogLevel::Info, "stopped", {});
}

}  // namespace server
