// Dispatch: authenticate, replay idempotent mutations, run the handler, and
// turn every failure into a JSON error without writing anything partly.
#include "server/api/api.hpp"

#include <chrono>
#include <future>

#include "core/visibility.hpp"
#include "server/api/api_error.hpp"
#include "server/api/auth.hpp"
#include "server/api/write_batcher.hpp"
#include "server/transport/log.hpp"

namespace server {
namespace {

constexpr std::size_t kMaxIdempotencyKey = 128;

TimeMs system_now() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

bool is_mutation(const std::string& method) {
  return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

}  // namespace

HttpResponse json_response(int status, const core::Json& body) {
  HttpResponse r;
  r.status = status;
  r.body = body.dump(-1, ' ', false, core::Json::error_handler_t::replace);
  return r;
}

HttpResponse error_response(int status, const std::string& code, const std::string& message,
                            const std::string& reason) {
  core::Json error = {{"code", code}, {"message", message}};
  if (!reason.empty()) error["reason"] = reason;
  return json_response(status, {{"error", std::move(error)}});
}

ApiContext::ApiContext(Store& store, LiveFeed& feed, ApiOptions options)
    : store_(store), feed_(feed), options_(std::move(options)), sessions_(store), webchat_(store) {
  if (!options_.clock) options_.clock = system_now;
}

// Events of the request being handled on this thread, not yet committed.
thread_local std::vector<PublishedEvent> t_published;

void ApiContext::publish(Id account_id, core::Event event) {
  event.at = now();
  if (event.kind == core::EventKind::DirectoryChanged) forget_directory(account_id);
  std::string json;
  store_.append_event(account_id, event, &json);
  t_published.push_back(
      {account_id, std::move(event), std::make_shared<const std::string>(std::move(json))});
}

std::vector<PublishedEvent> ApiContext::take_published() {
  std::vector<PublishedEvent> taken;
  taken.swap(t_published);
  return taken;
}

void ApiContext::deliver(const std::vector<PublishedEvent>& events) {
  for (const PublishedEvent& e : events) {
    feed_.deliver(e.account_id, e.event, e.json);
    webchat_.notify(e.account_id, e.event);
  }
}

void ApiContext::forget_directory(Id account_id) {
  std::lock_guard<std::mutex> lock(directory_mutex_);
  directories_.erase(account_id);
  ++directory_generation_;
}

void ApiContext::follow_log(Id account_id, const core::Event& event) {
  if (event.kind == core::EventKind::DirectoryChanged) forget_directory(account_id);
  webchat_.notify(account_id, event);
}

core::DialogRow ApiContext::visible_dialog(const core::Operator& op, Id dialog_id) {
  std::optional<core::DialogRow> row = store_.dialog(op.account_id, dialog_id);
  if (!row || !core::can_see(op, row->dialog)) {
    throw not_found("dialog " + std::to_string(dialog_id) + " not found");
  }
  return std::move(*row);
}

void ApiContext::save_and_publish(const core::Operator& op, core::DialogRow row) {
  store_.transaction([&] {
    store_.save_dialog(row.dialog);
    core::Event event;
    event.kind = core::EventKind::DialogChanged;
    event.row = std::move(row);
    publish(op.account_id, std::move(event));
  });
}

std::shared_ptr<const core::Directory> ApiContext::directory(Id account_id) {
  std::uint64_t generation = 0;
  {
    std::lock_guard<std::mutex> lock(directory_mutex_);
    auto it = directories_.find(account_id);
    if (it != directories_.end()) return it->second;
    generation = directory_generation_;
  }
  auto loaded = std::make_shared<const core::Directory>(store_.directory(account_id));
  std::lock_guard<std::mutex> lock(directory_mutex_);
  // A change published while loading makes this copy stale: use it once, keep nothing.
  if (generation == directory_generation_) directories_[account_id] = loaded;
  return loaded;
}

void directory_changed(ApiContext& ctx, Id account) {
  core::Event e;
  e.kind = core::EventKind::DirectoryChanged;
  ctx.publish(account, e);
}

void ApiContext::require_admin(const core::Operator& op) {
  if (!core::can_manage_settings(op)) throw forbidden("only an owner or admin may do this");
}

Api::~Api() = default;

Api::Api(Store& store, LiveFeed& feed, std::mutex& commit_order, ApiOptions options)
    : context_(store, feed, std::move(options)),
      writer_(std::make_unique<WriteBatcher>(context_, commit_order)) {
  add_auth_routes(router_, context_);
  add_account_routes(router_, context_);
  add_dialog_routes(router_, context_);
  add_message_routes(router_, context_);
  add_settings_routes(router_, context_);
  add_operator_routes(router_, context_);
  add_ingest_routes(router_, context_);
  add_source_routes(router_, context_);
  add_hook_routes(router_, context_);
}

void Api::write(const std::function<void()>& f) {
  std::promise<void> done;
  std::future<void> committed = done.get_future();
  writer_->submit(
      [this, &f] {
        context_.store().transaction(f);
        return HttpResponse{};
      },
      [&done](HttpResponse, std::exception_ptr error) {
        if (error) {
          done.set_exception(error);
        } else {
          done.set_value();
        }
      });
  committed.get();
}

namespace {

// The database's own words go to the log, not to the client.
void log_storage_error(const StoreError& e) {
  static const Logger log;
  log.write(LogLevel::Error, "storage_error", {{"what", e.what()}});
}

// A failure as the JSON error the client gets.
HttpResponse error_answer(std::exception_ptr error) {
  try {
    std::rethrow_exception(error);
  } catch (const ApiError& e) {
    HttpResponse r = error_response(e.status(), e.code(), e.what(), e.reason());
    if (e.retry_after() > 0) r.headers["retry-after"] = std::to_string(e.retry_after());
    return r;
  } catch (const core::DecodeError& e) {
    return error_response(400, "bad_request", e.what());
  } catch (const StoreError& e) {
    switch (e.kind()) {
      case StoreError::Kind::Conflict:
        return error_response(409, "conflict", e.what());
      case StoreError::Kind::Invalid:
        return error_response(400, "bad_request", e.what());
      case StoreError::Kind::NotFound:
        return error_response(404, "not_found", e.what());
      case StoreError::Kind::Full:
        log_storage_error(e);
        return error_response(507, "storage_full",
                              "storage full: no space left for the database; nothing was written");
      case StoreError::Kind::Unavailable:
        log_storage_error(e);
        return error_response(503, "storage_unavailable",
                              "storage unavailable: the database cannot be written now (read-only "
                              "or failing); nothing was written");
      case StoreError::Kind::Contention: {
        // The writer has already tried again (WriteBatcher): rare, and brief.
        HttpResponse r = error_response(503, "storage_busy",
                                        "storage busy: a conflicting write from another server "
                                        "process; nothing was written, try again");
        r.headers["retry-after"] = "1";
        return r;
      }
      case StoreError::Kind::Failure:
        log_storage_error(e);
        return error_response(500, "internal", "storage failure");
    }
    return error_response(500, "internal", "storage failure");
  } catch (const std::exception&) {
    return error_response(500, "internal", "internal error");
  } catch (...) {
    return error_response(500, "internal", "internal error");
  }
}

}  // namespace

// A request and its call, kept alive until the writer has answered it.
struct Api::PendingCall {
  explicit PendingCall(HttpRequest r) : request(std::move(r)) {}
  HttpRequest request;
  std::optional<Call> call;  // refers to `request`
};

void Api::handle(HttpRequest request, Respond respond) {
  std::optional<HttpResponse> answer;
  try {
    answer = dispatch(std::make_shared<PendingCall>(std::move(request)), respond);
  } catch (...) {
    answer = error_answer(std::current_exception());
  }
  if (answer) respond(std::move(*answer));
}

HttpResponse Api::handle(const HttpRequest& request) {
  std::promise<HttpResponse> answer;
  std::future<HttpResponse> answered = answer.get_future();
  handle(request, [&answer](HttpResponse response) { answer.set_value(std::move(response)); });
  return answered.get();
}

std::optional<HttpResponse> Api::dispatch(const std::shared_ptr<PendingCall>& pending,
                                          const Respond& respond) {
  const HttpRequest& request = pending->request;
  std::vector<std::string> params;
  bool path_known = false;
  const Route* route = router_.match(request.method, request.path, params, path_known);
  if (!route) {
    if (path_known) throw ApiError(405, "method_not_allowed", request.method + " not allowed here");
    throw not_found("no such endpoint: " + request.path.substr(0, 200));
  }
  Call& call = pending->call.emplace(request, std::move(params), context_.now());
  // A path id that cannot exist is a 404 before anything else is looked at.
  if (route->numeric_params) {
    for (std::size_t i = 0; i < call.params.size(); ++i) call.id(i);
  }
  if (route->requires_login) {
    std::optional<core::Operator> op = authenticate(
        context_.store(), request_token(request, false), call.now,
        [this](Id account) { return context_.directory(account); },
        [this](const std::string& hash) { return context_.sessions().find(hash); });
    if (!op) throw unauthorized("log in first: the session is missing, expired or invalid");
    call.op = std::move(*op);
  }

  if (route->waiter) {
    route->waiter(call, respond);
    return std::nullopt;
  }
  if (!is_mutation(request.method)) return route->handler(call);
  if (route->prepare && context_.channels()) {
    // The slow part on a channels' thread, then the write as any other.
    context_.channels()->offload([this, route, pending, respond] {
      try {
        if (!pending->request.body.empty()) pending->call->body();
        route->prepare(*pending->call);
      } catch (...) {
        respond(error_answer(std::current_exception()));
        return;
      }
      writer_->submit([this, route, pending] { return mutate(*route, *pending->call); },
                      [respond](HttpResponse response, std::exception_ptr error) {
                        respond(error ? error_answer(error) : std::move(response));
                      });
    });
    return std::nullopt;
  }
  if (route->prepare) route->prepare(call);  // no channels' threads (tests): here
  if (!route->batched) {
    HttpResponse response = mutate(*route, call);
    context_.deliver(context_.take_published());
    return response;
  }
  // The JSON is parsed here, on the request's own thread, so that the writer
  // only writes; a malformed body is refused by the handler as before.
  if (!request.body.empty()) {
    try {
      call.body();
    } catch (const ApiError&) {
    }
  }
  // The writer answers after the commit; `pending` keeps the call alive till then.
  writer_->submit([this, route, pending] { return mutate(*route, *pending->call); },
                  [respond](HttpResponse response, std::exception_ptr error) {
                    respond(error ? error_answer(error) : std::move(response));
                  });
  return std::nullopt;
}

// Runs a mutation in one transaction, answering a retried idempotency key
// with the first answer.
HttpResponse Api::mutate(const Route& route, Call& call) {
  const std::string key = call.request.header("idempotency-key");
  if (key.size() > kMaxIdempotencyKey) throw bad_request("idempotency-key: longer than 128");
  // The key is scoped to the caller and the endpoint, so a reused key on
  // another endpoint is not mistaken for a retry.
  const std::string scoped = call.request.method + " " + call.request.path + " " + key;
  const bool keyed = !key.empty() && call.op.id != core::kNoId;
  HttpResponse response;
  try {
    context_.store().transaction([&] {
      if (keyed) {
        if (std::optional<IdempotentReply> done =
                context_.store().idempotent_reply(call.op.id, scoped)) {
          response.status = done->status;
          response.body = done->body;
          response.headers["idempotent-replay"] = "true";
          return;
        }
      }
      response = route.handler(call);
      if (keyed) {
        context_.store().save_idempotent_reply(call.op.id, scoped,
                                               {response.status, response.body});
      }
    });
  } catch (...) {
    context_.take_published();  // rolled back: its events never happened
    throw;
  }
  return response;
}

}  // namespace server
