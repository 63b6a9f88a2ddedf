// The channels at work: the threads that send operators' messages (the
// outbound queue), read what webhooks and polls kept (the inbound updates),
// poll the sources read by polling, and run slow checks for the API. Every
// write goes through the API's writer (Api::write), so channel events take
// their place in each account's sequence like any other.
//
// Outbound, per queued message: the attempt is counted and its retry time
// committed before the channel is called, so a kill at any moment leaves the
// message queued and it goes again at that time; a channel's answer is
// committed with the message's new state (sent with the channel's id,
// failed with its reason) and the message leaves the queue. For channels
// without an idempotency key a kill between the channel's answer and that
// commit sends the message twice; it is the only window.
#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

#include "server/api/api.hpp"
#include "server/channels/connector.hpp"

namespace server::channels {

struct ServiceOptions {
  std::string public_url;  // where channels reach this server (their webhooks)
  std::string upload_dir = "uploads";
  std::function<TimeMs()> clock;
  int poll_error_pause_ms = 5000;  // after a failed poll, before the next
};

class ChannelService final : public ChannelGateway {
 public:
  ChannelService(Api& api, ServiceOptions options);
  ~ChannelService() override;  // stops and joins every thread

  // Starts the threads; without `send_and_read` only the API's offloaded
  // checks run, and sending, reading and polling wait for take_over (several
  // server processes: only one of them does it, cluster/cluster_link.hpp).
  void start(bool send_and_read = true);
  void take_over();  // starts sending, reading and polling, once
  void stop();

  bool supports(core::ChannelKind channel) const override;
  void connect(SourceConnection& connection, core::Source& source) override;
  HookVerdict hook(const SourceConnection& connection, const HttpRequest& request) override;
  void offload(std::function<void()> job) override;
  void wake() override;

  // For tests and the benchmark: messages sent so far (by the channels' answers).
  std::uint64_t sent_count() const { return sent_; }

 private:
  // A thread's own HTTP client and connectors (neither is shared between threads).
  struct Worker;
  void deliver_loop();
  void inbound_loop();
  void offload_loop();
  void poll_loop(Id source_id);
  void reconcile_pollers();
  bool deliver_one(Worker& w, Delivery d);
  void read_one(Worker& w, const InboundUpdate& update);
  TimeMs now() const { return options_.clock(); }
  void sleep_until(TimeMs at);

  Api& api_;
  ServiceOptions options_;
  Store& store_;

  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::uint64_t generation_ = 0;  // bumped by every wake
  std::deque<std::function<void()>> jobs_;
  std::map<Id, std::thread> pollers_;             // by source
  std::map<Id, std::uint64_t> inbound_failures_;  // update id -> failed reads
  std::atomic<bool> cancel_{false};               // ends every HTTP call in flight
  std::atomic<std::uint64_t> sent_{0};
  std::vector<std::thread> threads_;
  bool sending_ = false;  // the sending and reading threads run (under mutex_)
};

}  // namespace server::channels
