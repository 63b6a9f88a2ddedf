// Fan-out latency: N WebSocket subscribers on one account; messages are
// ingested over HTTP at a steady rate and the time from each POST to its
// arrival at every subscriber is measured. Prints p50/p99/max and this
// process's own CPU time (it shares the cores with the server).
//   fanout_bench --port 8080 --token T --source S
//                [--subscribers 1000] [--messages 100] [--rate 20]
//                [--subscriber-ports P1,P2]
// --subscriber-ports spreads the subscribers over several server processes
// (round robin) while the messages go to --port: fan-out across processes.
// One thread reads every subscriber (asio, no per-socket threads); another
// posts the messages on one keep-alive connection.
#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>

namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;

namespace {

constexpr std::string_view kIdKey = "\"external_id\":\"fanout-";
constexpr auto kDrainTimeout = std::chrono::seconds(15);  // after the last POST

struct Options {
  std::string host = "127.0.0.1";
  std::string port = "8080";
  std::string token;
  std::string source;
  int subscribers = 1000;
  int messages = 100;
  double rate = 20;
  std::vector<std::string> subscriber_ports;  // empty: --port
};

Options parse(int argc, char** argv) {
  std::map<std::string, std::string> args;
  for (int i = 1; i + 1 < argc; i += 2) args[argv[i]] = argv[i + 1];
  Options o;
  auto take = [&](const char* name, std::string& out) {
    if (auto it = args.find(name); it != args.end()) out = it->second;
  };
  take("--host", o.host);
  take("--port", o.port);
  take("--token", o.token);
  take("--source", o.source);
  if (args.count("--subscribers")) o.subscribers = std::stoi(args["--subscribers"]);
  if (args.count("--messages")) o.messages = std::stoi(args["--messages"]);
  if (args.count("--rate")) o.rate = std::stod(args["--rate"]);
  if (args.count("--subscriber-ports")) {
    std::string list = args["--subscriber-ports"];
    for (std::size_t at = 0; at <= list.size();) {
      const std::size_t comma = std::min(list.find(',', at), list.size());
      if (comma > at) o.subscriber_ports.push_back(list.substr(at, comma - at));
      at = comma + 1;
    }
  }
  if (o.token.empty() || o.source.empty())
    throw std::invalid_argument("usage: fanout_bench --port P --token T --source S [...]");
  return o;
}

// When each message was posted, in ns since `epoch`; 0 until then.
struct SentTimes {
  explicit SentTimes(int n) : at(n) {}
  std::vector<std::atomic<std::int64_t>> at;
  Clock::time_point epoch = Clock::now();
  std::int64_t since_epoch(Clock::time_point t) const {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(t - epoch).count();
  }
};

// One subscriber: reads frames and records the latency of each benchmark message.
class Subscriber : public std::enable_shared_from_this<Subscriber> {
 public:
  Subscriber(net::io_context& ioc, SentTimes& sent, std::vector<double>& latencies)
      : ws_(ioc), sent_(sent), latencies_(latencies) {}

  // Blocking: connects, upgrades and waits for the hello.
  void open(const Options& o, const tcp::resolver::results_type& endpoints) {
    beast::get_lowest_layer(ws_).connect(endpoints);
    ws_.handshake(o.host, "/api/events?token=" + o.token);
    for (;;) {
      ws_.read(buffer_);
      const std::string text = beast::buffers_to_string(buffer_.data());
      buffer_.consume(buffer_.size());
      if (text.find("\"kind\":\"hello\"") != std::string::npos) return;
    }
  }

  void start() { do_read(); }
  void stop() {
    beast::error_code ignored;
    beast::get_lowest_layer(ws_).socket().close(ignored);
  }

 private:
  void do_read() {
    ws_.async_read(buffer_, beast::bind_front_handler(&Subscriber::on_read, shared_from_this()));
  }

  void on_read(beast::error_code ec, std::size_t) {
    if (ec) return;
    const Clock::time_point now = Clock::now();
    const auto data = buffer_.data();
    const std::string_view text(static_cast<const char*>(data.data()), data.size());
    // The id is found without parsing the whole event (a row and a message, ~1.5 KB).
    const std::size_t at = text.find(kIdKey);
    if (at != std::string_view::npos) {
      const std::size_t from = at + kIdKey.size();
      const std::size_t dash = text.find('-', from);  // fanout-<run>-<i>
      const std::size_t end = text.find('"', from);
      if (dash < end && end != std::string_view::npos) {
        const int i = std::atoi(std::string(text.substr(dash + 1, end - dash - 1)).c_str());
        if (i >= 0 && i < static_cast<int>(sent_.at.size())) {
          const std::int64_t t0 = sent_.at[i].load();
          if (t0 != 0) latencies_.push_back((sent_.since_epoch(now) - t0) / 1e6);
        }
      }
    }
    buffer_.consume(buffer_.size());
    do_read();
  }

  websocket::stream<beast::tcp_stream> ws_;
  beast::flat_buffer buffer_;
  SentTimes& sent_;
  std::vector<double>& latencies_;  // the reading thread's only
};

// Posts the messages at the rate, on one keep-alive connection.
void post_messages(const Options& o, const tcp::resolver::results_type& endpoints,
                   SentTimes& sent) {
  net::io_context ioc;
  beast::tcp_stream stream(ioc);
  stream.connect(endpoints);
  const std::string run = std::to_string(std::chrono::duration_cast<std::chrono::seconds>(
                                             std::chrono::system_clock::now().time_since_epoch())
                                             .count());
  const auto period = std::chrono::duration<double>(1.0 / o.rate);
  const Clock::time_point start = Clock::now();
  for (int i = 0; i < o.messages; ++i) {
    std::this_thread::sleep_until(start + std::chrono::duration_cast<Clock::duration>(period * i));
    http::request<http::string_body> req{http::verb::post, "/api/ingest", 11};
    req.set(http::field::host, o.host);
    req.set(http::field::authorization, "Bearer " + o.token);
    req.set(http::field::content_type, "application/json");
    req.body() = "{\"source_id\":" + o.source + ",\"external_id\":\"fanout-" + run + "-" +
                 std::to_string(i) + "\",\"client\":{\"identity\":\"fanout-client-" +
                 std::to_string(i % 50) + "\",\"name\":\"Клиент\"},\"text\":\"Сообщение " +
                 std::to_string(i) + "\"}";
    req.prepare_payload();
    sent.at[i].store(sent.since_epoch(Clock::now()));
    http::write(stream, req);
    beast::flat_buffer buffer;
    http::response<http::string_body> res;
    http::read(stream, buffer, res);
    if (res.result_int() != 201) std::fprintf(stderr, "ingest status %d\n", res.result_int());
  }
}

double cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  try {
    o = parse(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 2;
  }
  net::io_context ioc;
  const auto endpoints = tcp::resolver(ioc).resolve(o.host, o.port);
  std::vector<tcp::resolver::results_type> subscriber_endpoints;
  for (const std::string& port : o.subscriber_ports) {
    subscriber_endpoints.push_back(tcp::resolver(ioc).resolve(o.host, port));
  }
  if (subscriber_endpoints.empty()) subscriber_endpoints.push_back(endpoints);
  SentTimes sent(o.messages);
  std::vector<double> latencies;
  latencies.reserve(static_cast<std::size_t>(o.subscribers) * o.messages);

  std::vector<std::shared_ptr<Subscriber>> subscribers;
  for (int i = 0; i < o.subscribers; ++i) {
    subscribers.push_back(std::make_shared<Subscriber>(ioc, sent, latencies));
    subscribers.back()->open(o, subscriber_endpoints[i % subscriber_endpoints.size()]);
  }
  std::printf("%zu subscribers connected to %zu process(es)\n", subscribers.size(),
              subscriber_endpoints.size());
  for (auto& s : subscribers) s->start();
  const double cpu_before = cpu_seconds();

  std::atomic<bool> posted{false};
  std::thread poster([&] {
    post_messages(o, endpoints, sent);
    posted = true;
  });
  // Reads until every delivery arrived, or the drain time after the last POST.
  const std::size_t expected = static_cast<std::size_t>(o.subscribers) * o.messages;
  Clock::time_point deadline = Clock::time_point::max();
  while (latencies.size() < expected && Clock::now() < deadline) {
    if (ioc.stopped()) ioc.restart();
    ioc.run_for(std::chrono::milliseconds(50));
    if (posted && deadline == Clock::time_point::max()) deadline = Clock::now() + kDrainTimeout;
  }
  poster.join();
  const double cpu = cpu_seconds() - cpu_before;
  for (auto& s : subscribers) s->stop();
  ioc.run_for(std::chrono::milliseconds(100));

  if (latencies.empty()) {
    std::printf("fan-out: no deliveries\n");
    return 1;
  }
  std::sort(latencies.begin(), latencies.end());
  auto pct = [&](double p) {
    return latencies[std::min(latencies.size() - 1,
                              static_cast<std::size_t>(p * latencies.size()))];
  };
  std::printf(
      "fan-out: %zu/%zu deliveries to %d subscribers; p50 %.1f ms, p99 %.1f ms, max %.1f ms; "
      "load generator CPU %.2f s\n",
      latencies.size(), expected, o.subscribers, pct(0.5), pct(0.99), latencies.back(), cpu);
  return latencies.size() == expected ? 0 : 1;
}
