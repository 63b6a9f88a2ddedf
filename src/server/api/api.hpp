// The JSON API of the inbox (docs/api.md): routes, authentication, errors,
// idempotency keys, and the events every change produces.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/events.hpp"
#include "server/api/channel_gateway.hpp"
#include "server/api/login_limit.hpp"
#include "server/api/router.hpp"
#include "server/api/session_cache.hpp"
#include "server/api/webchat_hub.hpp"
#include "server/storage/store.hpp"
#include "server/transport/http_types.hpp"

namespace server {

// Where committed events go for live fan-out (the WebSocket hub). `json` is
// the event as the log stored it, or null for an event that is not logged.
class LiveFeed {
 public:
  virtual ~LiveFeed() = default;
  virtual void deliver(Id account_id, const core::Event& event, const SharedText& json) = 0;
};

// An event of a request, logged but not yet delivered.
struct PublishedEvent {
  Id account_id = 0;
  core::Event event;
  SharedText json;  // as logged
};

struct ApiOptions {
  std::string upload_dir = "uploads";
  std::size_t max_bulk_ids = 1000;  // ids in one bulk request
  int max_page = 200;               // rows or messages in one window
  std::function<TimeMs()> clock;    // defaults to the system clock
  bool secure_cookies = false;      // Secure flag, when served over HTTPS
  std::string help_url;             // the operator app's support link, in /api/me
  bool signup_enabled = true;       // POST /api/signup opens new accounts
  std::string public_url;           // this server's public address, for invitation links
};

// Shared by the route files: the store, the feed and the rules' helpers.
class ApiContext {
 public:
  ApiContext(Store& store, LiveFeed& feed, ApiOptions options);

  Store& store() { return store_; }
  const ApiOptions& options() const { return options_; }
  TimeMs now() const { return options_.clock(); }

  // Appends an event to the account's log; it reaches the live feed when the
  // request has committed (take_published, then deliver), or never if it fails.
  void publish(Id account_id, core::Event event);
  // This thread's published events since the last take, for delivery after commit.
  std::vector<PublishedEvent> take_published();
  void deliver(const std::vector<PublishedEvent>& events);
  // An event read from the log, maybe committed by another server process
  // (EventSequencer): the directory cache drops what it changed and the
  // website chat's waiting polls hear of it, as deliver does for our own.
  void follow_log(Id account_id, const core::Event& event);
  // The dialog row if it exists in the caller's account and the caller may
  // see it; a 404 otherwise (another account's ids are indistinguishable).
  core::DialogRow visible_dialog(const core::Operator& op, Id dialog_id);
  // Saves a changed dialog and publishes it as dialog_changed.
  void save_and_publish(const core::Operator& op, core::DialogRow row);
  void require_admin(const core::Operator& op);
  // The account's reference data, cached until a directory_changed event.
  std::shared_ptr<const core::Directory> directory(Id account_id);
  SessionCache& sessions() { return sessions_; }
  AttemptLimiter& attempts() { return attempts_; }
  // The channels, once the server has them (null in tests without channels).
  ChannelGateway* channels() const { return channels_; }
  void set_channels(ChannelGateway* channels) { channels_ = channels; }
  WebchatHub& webchat() { return webchat_; }

 private:
  void forget_directory(Id account_id);

  ChannelGateway* channels_ = nullptr;
  Store& store_;
  LiveFeed& feed_;
  ApiOptions options_;
  std::mutex directory_mutex_;
  std::map<Id, std::shared_ptr<const core::Directory>> directories_;
  std::uint64_t directory_generation_ = 0;  // bumped by every invalidation
  SessionCache sessions_;
  AttemptLimiter attempts_;
  WebchatHub webchat_;
};

class WriteBatcher;

class Api {
 public:
  // commit_order is shared with the live hub (see LiveHub).
  Api(Store& store, LiveFeed& feed, std::mutex& commit_order, ApiOptions options = {});
  ~Api();
  // Answers through `respond`, exactly once: at once for a read, on the
  // writer thread after the commit for a write. Never throws.
  void handle(HttpRequest request, Respond respond);
  // The same, waiting for the answer (tests, tools).
  HttpResponse handle(const HttpRequest& request);
  ApiContext& context() { return context_; }
  const Router& router() const { return router_; }
  // Runs f on the writer, in a transaction of its own after the writes
  // queued before it, and returns after its commit and its events' delivery;
  // throws what f (or the commit) threw. For threads outside a request: the
  // channels' workers.
  void write(const std::function<void()>& f);

 private:
  struct PendingCall;
  // The answer, or nothing when the writer will answer through `respond`.
  std::optional<HttpResponse> dispatch(const std::shared_ptr<PendingCall>& pending,
                                       const Respond& respond);
  HttpResponse mutate(const Route& route, Call& call);

  ApiContext context_;
  Router router_;
  // Mutations are committed in order by one writer (SQLite has one anyway),
  // so events reach subscribers in the order of their sequence numbers.
  std::unique_ptr<WriteBatcher> writer_;
};

HttpResponse json_response(int status, const core::Json& body);
HttpResponse error_response(int status, const std::string& code, const std::string& message,
                            const std::string& reason = {});
// Logs the operator in: a new session, the cookie, {"token", "operator"} (and
// `extra`'s fields), as POST /api/login and POST /api/signup answer.
HttpResponse logged_in(ApiContext& ctx, const Call& call, const core::Operator& op, int status,
                       const core::Json& extra = core::Json::object());

// Publishes directory_changed: open clients reload the account's reference data.
void directory_changed(ApiContext& ctx, Id account);

// Route groups, one file each.
void add_auth_routes(Router& router, ApiContext& ctx);
void add_account_routes(Router& router, ApiContext& ctx);
void add_dialog_routes(Router& router, ApiContext& ctx);
void add_message_routes(Router& router, ApiContext& ctx);
void add_settings_routes(Router& router, ApiContext& ctx);
void add_operator_routes(Router& router, ApiContext& ctx);
void add_ingest_routes(Router& router, ApiContext& ctx);
void add_source_routes(Router& router, ApiContext& ctx);
void add_hook_routes(Router& router, ApiContext& ctx);

}  // namespace server
