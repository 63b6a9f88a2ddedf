// The inbound endpoints through which a channel connector (or a test)
// delivers incoming messages, one per request or a batch (webhooks and
// long-polling APIs hand them over in arrays). Idempotent on the channel's
// message id; applies the block list and the lifecycle rules.
#include "core/lifecycle.hpp"
#include "core/text.hpp"
#include "server/api/api_error.hpp"
#include "server/api/conversation.hpp"
#include "server/api/ingest.hpp"
#include "server/api/json_args.hpp"

namespace server {
namespace {

constexpr std::size_t kMaxIngestBatch = 500;  // messages in one batch request

// A batch item's answer: the status a single request would have had, and
// ids instead of the whole row (the row goes out as the message_added event).
// Written straight as text, members in the order Json would dump them.
void write_batch_result(std::string& out, const Ingested& in) {
  switch (in.kind) {
    case Ingested::Kind::Added:
      out += "{\"dialog_id\":" + std::to_string(in.row.dialog.id) +
             ",\"message_id\":" + std::to_string(in.message.id) + ",\"status\":201}";
      return;
    case Ingested::Kind::Duplicate:
      out += "{\"dialog_id\":" + std::to_string(in.message.dialog_id) +
             ",\"duplicate\":true,\"message_id\":" + std::to_string(in.message.id) +
             ",\"status\":200}";
      return;
    case Ingested::Kind::Blocked:
      out += core::Json{{"status", 200}, {"blocked", true}, {"reason", in.reason}}.dump();
      return;
  }
}

void write_batch_error(std::string& out, int status, const std::string& code,
                       const std::string& message) {
  out += core::Json{{"status", status}, {"error", {{"code", code}, {"message", message}}}}.dump(
      -1, ' ', false, core::Json::error_handler_t::replace);
}

}  // namespace

void add_ingest_routes(Router& router, ApiContext& ctx) {
  router.add("POST", "/api/ingest", true, [&ctx](Call& call) {
    ctx.require_admin(call.op);
    const auto dir = ctx.directory(call.op.account_id);
    bool writing = false;
    const Ingested in =
        ingest_one(ctx, call.op.account_id, call.now, *dir,
                   ctx.store().block_list(call.op.account_id), call.body(), writing);
    switch (in.kind) {
      case Ingested::Kind::Duplicate:
        return json_response(200, {{"duplicate", true},
                                   {"message_id", in.message.id},
                                   {"dialog_id", in.message.dialog_id}});
      case Ingested::Kind::Blocked:
        return json_response(200, {{"blocked", true}, {"reason", in.reason}});
      case Ingested::Kind::Added:
        break;
    }
    return message_response(201, in.message, in.row);
  });

  // A bad message answers its error in its place and the others still commit,
  // all in the request's one transaction. No savepoint per message (SQLite's
  // cost of one grows with the transaction): a bad message is refused before
  // it writes anything, and a storage failure refuses the whole batch.
  router.add("POST", "/api/ingest/batch", true, [&ctx](Call& call) {
    ctx.require_admin(call.op);
    const core::Json& body = call.body();
    auto messages = body.is_object() ? body.find("messages") : body.end();
    if (messages == body.end() || !messages->is_array()) {
      throw bad_request("messages: required, an array");
    }
    if (messages->size() > kMaxIngestBatch) {
      throw bad_request("messages: more than " + std::to_string(kMaxIngestBatch));
    }
    const auto dir = ctx.directory(call.op.account_id);
    const std::vector<BlockEntry> block_list = ctx.store().block_list(call.op.account_id);
    HttpResponse response;
    response.status = 200;
    std::string& out = response.body;
    out.reserve(64 * messages->size() + 16);
    out += "{\"results\":[";
    for (std::size_t i = 0; i < messages->size(); ++i) {
      if (i) out += ',';
      bool writing = false;
      try {
        write_batch_result(out, ingest_one(ctx, call.op.account_id, call.now, *dir, block_list,
                                           (*messages)[i], writing));
      } catch (const ApiError& e) {
        if (writing) throw;  // after a write: the whole batch is rolled back
        write_batch_error(out, e.status(), e.code(), e.what());
      } catch (const core::DecodeError& e) {
        if (writing) throw;
        write_batch_error(out, 400, "bad_request", e.what());
      }
    }
    out += "]}";
    return response;
  });
}

}  // namespace server
