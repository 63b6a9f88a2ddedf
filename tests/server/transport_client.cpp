// Test-only Beast clients (see transport_client.hpp): every operation is
// async with a deadline on its own io_context, so a test never hangs.
#include "server/transport_client.hpp"

#include <zlib.h>

#include <stdexcept>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>

namespace testclient {

namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

constexpr std::uint64_t kMaxResponseBytes = 256u << 20;

tcp::endpoint loopback(unsigned short port) {
  return tcp::endpoint(net::ip::make_address("127.0.0.1"), port);
}

std::string lower(beast::string_view s) {
  std::string out(s.data(), s.size());
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Runs `ioc` until the operation started before completes (the stream's
// expiry makes sure it does).
void run(net::io_context& ioc) {
  ioc.restart();
  ioc.run();
}

}  // namespace

struct HttpClient::Impl {
  net::io_context ioc;
  beast::tcp_stream stream{ioc};
  beast::flat_buffer buffer;
};

HttpClient::HttpClient(unsigned short port) : impl_(std::make_unique<Impl>()) {
  impl_->stream.connect(loopback(port));
}

HttpClient::~HttpClient() = default;

Response HttpClient::request(const std::string& method, const std::string& target,
                             const Headers& headers, const std::string& body,
                             std::chrono::milliseconds timeout) {
  http::request<http::string_body> req;
  req.method_string(method);
  req.target(target);
  req.version(11);
  req.set(http::field::host, "127.0.0.1");
  for (const auto& [name, value] : headers) req.set(name, value);
  req.body() = body;
  if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH")
    req.prepare_payload();

  Response out;
  beast::error_code ec;
  impl_->stream.expires_after(timeout);
  http::async_write(impl_->stream, req, [&](beast::error_code e, std::size_t) { ec = e; });
  run(impl_->ioc);
  if (ec) return out;

  http::response_parser<http::string_body> parser;
  parser.body_limit(kMaxResponseBytes);
  if (method == "HEAD") parser.skip(true);
  impl_->stream.expires_after(timeout);
  http::async_read(impl_->stream, impl_->buffer, parser,
                   [&](beast::error_code e, std::size_t) { ec = e; });
  run(impl_->ioc);
  if (ec) return out;
  auto res = parser.release();
  out.status = res.result_int();
  for (const auto& field : res) {
    auto [it, inserted] =
        out.headers.emplace(lower(field.name_string()), std::string(field.value()));
    if (!inserted) it->second += ", " + std::string(field.value());
  }
  out.body = std::move(res.body());
  out.keep_alive = res.keep_alive();
  return out;
}

Response fetch(unsigned short port, const std::string& method, const std::string& target,
               const Headers& headers, const std::string& body) {
  HttpClient client(port);
  return client.request(method, target, headers, body);
}

std::string raw_exchange(unsigned short port, const std::string& bytes,
                         std::chrono::milliseconds timeout) {
  net::io_context ioc;
  beast::tcp_stream stream(ioc);
  stream.connect(loopback(port));
  stream.expires_after(timeout);
  beast::error_code ec;
  net::async_write(stream, net::buffer(bytes), [&](beast::error_code e, std::size_t) { ec = e; });
  run(ioc);
  // Even when the server stopped reading early, its answer may be waiting.
  if (ec != beast::error::timeout) ec = {};
  std::string out;
  char chunk[4096];
  while (!ec) {
    std::size_t n = 0;
    stream.async_read_some(net::buffer(chunk), [&](beast::error_code e, std::size_t got) {
      ec = e;
      n = got;
    });
    run(ioc);
    out.append(chunk, n);
  }
  return out;
}

struct WsClient::Impl {
  net::io_context ioc;
  websocket::stream<beast::tcp_stream> ws{ioc};
  beast::flat_buffer buffer;
  bool open = false;
  int refused_status = 0;
  bool got_close_frame = false;
};

WsClient::WsClient(unsigned short port, const std::string& target, const Headers& headers)
    : impl_(std::make_unique<Impl>()) {
  auto& ws = impl_->ws;
  beast::get_lowest_layer(ws).connect(loopback(port));
  ws.set_option(websocket::stream_base::decorator([headers](websocket::request_type& req) {
    for (const auto& [name, value] : headers) req.set(name, value);
  }));
  websocket::response_type res;
  beast::error_code ec;
  beast::get_lowest_layer(ws).expires_after(kDefaultTimeout);
  ws.async_handshake(res, "127.0.0.1", target, [&](beast::error_code e) { ec = e; });
  run(impl_->ioc);
  beast::get_lowest_layer(ws).expires_never();
  impl_->open = !ec;
  if (ec) impl_->refused_status = res.result_int();
}

WsClient::~WsClient() = default;

bool WsClient::open() const {
  return impl_->open;
}
int WsClient::refused_status() const {
  return impl_->refused_status;
}
bool WsClient::got_close_frame() const {
  return impl_->got_close_frame;
}

void WsClient::send(const std::string& text) {
  beast::error_code ec;
  impl_->ws.text(true);
  beast::get_lowest_layer(impl_->ws).expires_after(kDefaultTimeout);
  impl_->ws.async_write(net::buffer(text), [&](beast::error_code e, std::size_t) { ec = e; });
  run(impl_->ioc);
  beast::get_lowest_layer(impl_->ws).expires_never();
  if (ec) throw std::runtime_error("ws send: " + ec.message());
}

std::optional<std::string> WsClient::read(std::chrono::milliseconds timeout) {
  if (!impl_->open) return std::nullopt;
  beast::error_code ec;
  impl_->buffer.consume(impl_->buffer.size());
  beast::get_lowest_layer(impl_->ws).expires_after(timeout);
  impl_->ws.async_read(impl_->buffer, [&](beast::error_code e, std::size_t) { ec = e; });
  run(impl_->ioc);
  beast::get_lowest_layer(impl_->ws).expires_never();
  if (ec) {
    impl_->open = false;
    return std::nullopt;
  }
  return beast::buffers_to_string(impl_->buffer.data());
}

bool WsClient::wait_closed(std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (impl_->open) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    beast::error_code ec;
    impl_->buffer.consume(impl_->buffer.size());
    beast::get_lowest_layer(impl_->ws).expires_after(left);
    impl_->ws.async_read(impl_->buffer, [&](beast::error_code e, std::size_t) { ec = e; });
    run(impl_->ioc);
    if (ec) {
      impl_->open = false;
      impl_->got_close_frame = ec == websocket::error::closed;
      return ec != beast::error::timeout;
    }
  }
  return false;
}

void WsClient::close() {
  if (!impl_->open) return;
  impl_->open = false;
  beast::get_lowest_layer(impl_->ws).expires_after(kDefaultTimeout);
  impl_->ws.async_close(websocket::close_code::normal, [](beast::error_code) {});
  run(impl_->ioc);
}

std::string gunzip(const std::string& data) {
  z_stream zs{};
  if (inflateInit2(&zs, 15 + 16) != Z_OK) throw std::runtime_error("inflateInit2");
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  std::string out;
  char chunk[16384];
  int rc = Z_OK;
  while (rc == Z_OK) {
    zs.next_out = reinterpret_cast<Bytef*>(chunk);
    zs.avail_out = sizeof chunk;
    rc = inflate(&zs, Z_NO_FLUSH);
    out.append(chunk, sizeof chunk - zs.avail_out);
  }
  inflateEnd(&zs);
  if (rc != Z_STREAM_END) throw std::runtime_error("not gzip");
  return out;
}

}  // namespace testclient
