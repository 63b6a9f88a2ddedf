// The channels' threads: delivery, inbound reading, polling, offloaded checks
// (see service.hpp).
#include "server/channels/service.hpp"

#include <chrono>

#include "core/delivery.hpp"
#include "server/api/api_error.hpp"
#include "server/api/conversation.hpp"
#include "server/api/ingest.hpp"
#include "server/api/uploads.hpp"

namespace server::channels {
namespace {

constexpr int kDueBatch = 32;            // queued messages looked at in one round
constexpr int kInboundBatch = 50;        // kept updates read in one round
constexpr TimeMs kIdleLook = 5000;       // the queue is looked at this often when idle
constexpr int kMaxInboundFailures = 10;  // reads of an update before it is dropped
constexpr TimeMs kInboundRetryPause = 2000;
constexpr int kThreadLook = 50;  // a dialog's newest messages looked through for the last incoming

// Uploads on disk, for the connectors.
class DiskFiles final : public FileStore {
 public:
  explicit DiskFiles(std::string dir) : dir_(std::move(dir)) {}
  core::Attachment keep(Id account_id, const std::string& name, const std::string& mime,
                        const std::string& bytes) override {
    return keep_upload(dir_, account_id, name, mime, bytes);
  }
  std::optional<std::string> bytes(Id account_id, const core::Attachment& a) override {
    std::optional<StoredUpload> file = read_upload(dir_, account_id, a.url);
    if (!file) return std::nullopt;
    return std::move(file->bytes);
  }

 private:
  std::string dir_;
};

// The client's identity on the dialog's channel: where a message goes.
std::string address_of(const core::DialogRow& row) {
  for (const core::ChannelIdentity& i : row.client.identities) {
    if (i.channel == row.dialog.channel) return i.value;
  }
  return {};
}

}  // namespace

struct ChannelService::Worker {
  Worker(const ServiceOptions& options, const std::atomic<bool>* cancel)
      : http(cancel),
        files(options.upload_dir),
        env{http, files, options.clock, options.public_url, cancel} {}

  Connector* connector(core::ChannelKind channel) {
    auto it = connectors.find(channel);
    if (it == connectors.end())
      it = connectors.emplace(channel, make_connector(channel, env)).first;
    return it->second.get();
  }

  HttpClient http;
  DiskFiles files;
  ConnectorEnv env;
  std::map<core::ChannelKind, std::unique_ptr<Connector>> connectors;
};

ChannelService::ChannelService(Api& api, ServiceOptions options)
    : api_(api), options_(std::move(options)), store_(api.context().store()) {
  if (!options_.clock) options_.clock = [this] { return api_.context().now(); };
  api_.context().set_channels(this);
}

ChannelService::~ChannelService() {
  stop();
  api_.context().set_channels(nullptr);
}

void ChannelService::start(bool send_and_read) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    threads_.emplace_back([this] { offload_loop(); });
  }
  if (send_and_read) take_over();
}

void ChannelService::take_over() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (sending_ || stopping_) return;
  sending_ = true;
  threads_.emplace_back([this] { deliver_loop(); });
  threads_.emplace_back([this] { inbound_loop(); });
}

void ChannelService::stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (stopping_ && threads_.empty()) return;
    stopping_ = true;
  }
  cancel_ = true;
  wake_.notify_all();
  for (std::thread& t : threads_) t.join();
  threads_.clear();
  std::map<Id, std::thread> pollers;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    pollers.swap(pollers_);
  }
  for (auto& [id, t] : pollers) t.join();
}

bool ChannelService::supports(core::ChannelKind channel) const {
  HttpClient http;
  DiskFiles files(options_.upload_dir);
  ConnectorEnv env{http, files, options_.clock, options_.public_url};
  return make_connector(channel, env) != nullptr;
}

void ChannelService::connect(SourceConnection& connection, core::Source& source) {
  Worker w(options_, &cancel_);
  Connector* c = w.connector(source.channel);
  if (!c)
    throw ApiError(422, "refused", "this channel cannot be connected yet",
                   "channel_not_connectable");
  try {
    c->connect(connection, source);
  } catch (const ChannelError& e) {
    throw ApiError(422, "refused", e.what(), "channel_refused");
  }
}

HookVerdict ChannelService::hook(const SourceConnection& connection, const HttpRequest& request) {
  Worker w(options_, &cancel_);
  Connector* c = w.connector(connection.channel);
  HookVerdict v;
  if (!c) {
    v.status = 404;
    v.body = "no connector for this channel";
    return v;
  }
  HookAnswer a = c->hook(connection, request);
  v.status = a.status;
  v.content_type = a.content_type;
  v.body = std::move(a.body);
  v.updates = std::move(a.updates);
  return v;
}

void ChannelService::offload(std::function<void()> job) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    jobs_.push_back(std::move(job));
  }
  wake_.notify_all();
}

void ChannelService::wake() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    ++generation_;
  }
  wake_.notify_all();
}

void ChannelService::offload_loop() {
  for (;;) {
    std::function<void()> job;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
      if (jobs_.empty()) return;
      job = std::move(jobs_.front());
      jobs_.pop_front();
    }
    job();  // answers its request itself, never throws (Api::dispatch)
  }
}

// ---- outbound -------------------------------------------------------------------

void ChannelService::deliver_loop() {
  Worker w(options_, &cancel_);
  std::uint64_t seen = 0;
  for (;;) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (stopping_) return;
      seen = generation_;
    }
    std::vector<Delivery> due;
    try {
      due = store_.channels().due(now(), kDueBatch);
    } catch (const std::exception&) {
      due.clear();  // the database is busy or failing: look again later
    }
    for (Delivery& d : due) {
      if (cancel_) return;
      try {
        deliver_one(w, d);
      } catch (const std::exception&) {
        // A write that failed leaves the message queued, at its retry time.
      }
    }
    if (due.size() == static_cast<std::size_t>(kDueBatch)) continue;
    TimeMs next = 0;
    try {
      next = store_.channels().next_due();
    } catch (const std::exception&) {
    }
    const TimeMs idle = now() + kIdleLook;
    const TimeMs at = next == 0 ? idle : std::min(next, idle);
    std::unique_lock<std::mutex> lock(mutex_);
    wake_.wait_for(lock, std::chrono::milliseconds(std::max<TimeMs>(0, at - now())),
                   [&] { return stopping_ || generation_ != seen; });
  }
}

bool ChannelService::deliver_one(Worker& w, Delivery d) {
  ApiContext& ctx = api_.context();
  std::optional<core::Message> m = store_.channels().message(d.account_id, d.message_id);
  std::optional<core::DialogRow> row = store_.dialog(d.account_id, d.dialog_id);
  std::optional<SourceConnection> c = store_.channels().connection(d.source_id);
  const auto give_up = [&](const std::string& why) {
    api_.write([&] {
      if (m) change_delivery(ctx, d.account_id, *m, core::DeliveryState::Failed, {}, why);
      store_.channels().dequeue(d.message_id);
      if (c) store_.channels().note_error(c->source_id, now(), why);
    });
    return false;
  };
  if (!m || !row || m->delivery != core::DeliveryState::Pending || !core::is_deliverable(*m)) {
    api_.write([&] { store_.channels().dequeue(d.message_id); });  // nothing left to send
    return false;
  }
  if (!c) return give_up("the source is no longer connected to its channel");
  if (!c->enabled) return give_up("the source is disabled");
  Connector* connector = w.connector(c->channel);
  if (!connector) return give_up("this channel cannot send yet");
  const std::string address = address_of(*row);
  if (address.empty()) return give_up("the client has no address on this channel");

  // Counted and rescheduled before the call: a kill during it retries at that time.
  ++d.attempts;
  d.next_attempt_at = now() + core::delivery_retry_delay(d.attempts);
  api_.write([&] { store_.channels().reschedule(d); });

  std::optional<core::Message> last_inbound;
  for (core::Message& x : store_.messages(d.account_id, d.dialog_id, 0, kThreadLook).messages) {
    if (x.direction == core::Direction::In) {
      last_inbound = std::move(x);
      break;
    }
  }
  const SendResult result =
      connector->send({*m, *row, *c, address, last_inbound ? &*last_inbound : nullptr});
  switch (result.kind) {
    case SendResult::Kind::Sent:
      api_.write([&] {
        change_delivery(ctx, d.account_id, *m, core::DeliveryState::Sent, result.external_id);
        if (!result.notice.empty()) {
          // A system line, outside the conversation: the dialog's lifecycle is kept.
          std::optional<core::DialogRow> fresh = store_.dialog(d.account_id, d.dialog_id);
          core::Message line;
          line.direction = core::Direction::Out;
          line.kind = core::MessageKind::System;
          line.text = result.notice;
          line.created_at = now();
          if (fresh) add_message(ctx, d.account_id, *fresh, line);
        }
        store_.channels().dequeue(d.message_id);
        if (!c->last_error.empty()) store_.channels().note_error(c->source_id, now(), {});
      });
      ++sent_;
      return true;
    case SendResult::Kind::Retry:
      if (d.attempts >= core::kMaxDeliveryAttempts) return give_up(result.error);
      d.last_error = result.error;
      d.next_attempt_at =
          now() + std::max(core::delivery_retry_delay(d.attempts), result.retry_after);
      api_.write([&] {
        store_.channels().reschedule(d);
        store_.channels().note_error(c->source_id, now(), result.error);
      });
      return false;
    case SendResult::Kind::Failed:
      return give_up(result.error);
  }
  return false;
}

// ---- inbound --------------------------------------------------------------------

void ChannelService::inbound_loop() {
  Worker w(options_, &cancel_);
  std::uint64_t seen = 0;
  for (;;) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (stopping_) return;
      seen = generation_;
    }
    reconcile_pollers();
    std::vector<InboundUpdate> updates;
    try {
      updates = store_.channels().inbound(kInboundBatch);
    } catch (const std::exception&) {
    }
    bool failed = false;
    for (const InboundUpdate& u : updates) {
      if (cancel_) return;
      try {
        read_one(w, u);
      } catch (const std::exception&) {
        failed = true;  // kept: read again after a pause
        break;
      }
    }
    if (updates.size() == static_cast<std::size_t>(kInboundBatch) && !failed) continue;
    std::unique_lock<std::mutex> lock(mutex_);
    wake_.wait_for(lock, std::chrono::milliseconds(failed ? kInboundRetryPause : kIdleLook),
                   [&] { return stopping_ || (!failed && generation_ != seen); });
  }
}

void ChannelService::read_one(Worker& w, const InboundUpdate& u) {
  ApiContext& ctx = api_.context();
  std::optional<SourceConnection> c = store_.channels().connection(u.source_id);
  Connector* connector = c ? w.connector(c->channel) : nullptr;
  if (!connector) {
    api_.write([&] { store_.channels().delete_inbound(u.id); });
    return;
  }
  ReadUpdate read;
  try {
    read = connector->read(*c, u.payload);
  } catch (const ChannelError& e) {
    const int failures = ++inbound_failures_[u.id];
    const bool drop = failures >= kMaxInboundFailures;
    api_.write([&] {
      store_.channels().note_error(c->source_id, now(),
                                   std::string(drop ? "an update was dropped: " : "") + e.what());
      if (drop) store_.channels().delete_inbound(u.id);
    });
    if (drop) {
      inbound_failures_.erase(u.id);
      return;
    }
    throw;
  }
  inbound_failures_.erase(u.id);
  api_.write([&] {
    const auto dir = ctx.directory(c->account_id);
    const std::vector<BlockEntry> blocks = store_.block_list(c->account_id);
    for (core::Json& in : read.messages) {
      in["source_id"] = c->source_id;
      bool writing = false;
      try {
        ingest_one(ctx, c->account_id, now(), *dir, blocks, in, writing);
      } catch (const ApiError& e) {
        if (writing) throw;
        store_.channels().note_error(c->source_id, now(),
                                     std::string("an update was skipped: ") + e.what());
      }
    }
    for (const Receipt& r : read.receipts) {
      std::optional<core::Message> m =
          store_.message_by_external_id(c->account_id, c->source_id, r.external_id);
      if (m && m->direction == core::Direction::Out) {
        change_delivery(ctx, c->account_id, *m, r.state, {}, r.error);
      }
    }
    if (!read.messages.empty()) store_.channels().note_inbound(c->source_id, now());
    store_.channels().delete_inbound(u.id);
  });
}

// ---- polling --------------------------------------------------------------------

void ChannelService::reconcile_pollers() {
  std::vector<SourceConnection> all;
  try {
    all = store_.channels().connections(0);
  } catch (const std::exception&) {
    return;
  }
  Worker w(options_, &cancel_);
  std::lock_guard<std::mutex> lock(mutex_);
  for (const SourceConnection& c : all) {
    Connector* connector = w.connector(c.channel);
    if (!c.enabled || !connector || !connector->polls(c)) continue;
    auto it = pollers_.find(c.source_id);
    if (it != pollers_.end()) continue;
    const Id id = c.source_id;
    pollers_.emplace(id, std::thread([this, id] { poll_loop(id); }));
  }
}

void ChannelService::poll_loop(Id source_id) {
  Worker w(options_, &cancel_);
  for (;;) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (stopping_) return;
    }
    std::optional<SourceConnection> c = store_.channels().connection(source_id);
    Connector* connector = c ? w.connector(c->channel) : nullptr;
    if (!c || !c->enabled || !connector || !connector->polls(*c)) {
      // Disabled, deleted or switched to a webhook: this poller ends. Its
      // thread object is collected at stop (a restart of it is a new one).
      std::lock_guard<std::mutex> lock(mutex_);
      auto it = pollers_.find(source_id);
      if (it != pollers_.end()) {
        it->second.detach();
        pollers_.erase(it);
      }
      return;
    }
    try {
      PollResult got = connector->poll(*c);
      if (cancel_) return;
      // The updates and the offset after them commit together: a restart
      // neither loses nor repeats one.
      if (!got.updates.empty() || got.cursor != c->cursor) {
        api_.write([&] {
          for (const std::string& p : got.updates) {
            store_.channels().add_inbound({0, source_id, p, now()});
          }
          store_.channels().save_cursor(source_id, got.cursor);
          if (!c->last_error.empty()) store_.channels().note_error(source_id, now(), {});
        });
        if (!got.updates.empty()) wake();
      }
    } catch (const std::exception& e) {
      if (cancel_) return;
      try {
        api_.write([&] { store_.channels().note_error(source_id, now(), e.what()); });
      } catch (const std::exception&) {
      }
      std::unique_lock<std::mutex> lock(mutex_);
      wake_.wait_for(lock, std::chrono::milliseconds(options_.poll_error_pause_ms),
                     [this] { return stopping_; });
    }
  }
}

}  // namespace server::channels
