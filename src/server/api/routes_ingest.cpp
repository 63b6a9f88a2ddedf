// The inbound endpoints through which a channel connector (or a test)
// delivers incoming messages, one per request or a batch (webhooks and
// long-polling APIs hand them over in arrays). Idempotent on the channel's
// message id; applies the block list and the lifecycle rules.
#include "core/lifecycle.hpp"
#include "core/text.hpp"
#include "server/api/api_error.hpp"
#include "server/api/conversation.hpp"
#include "server/api/json_args.hpp"

namespace server {
namespace {

constexpr std::size_t kMaxIngestBatch = 500;  // messages in one batch request

// Why the block list drops this message, or empty.
std::string blocked_by(const std::vector<BlockEntry>& list, const core::Client& client,
                       const std::string& post_id, const std::string& text) {
  if (list.empty()) return {};
  const std::string folded = core::fold_case(text);
  for (const BlockEntry& e : list) {
    switch (e.kind) {
      case BlockKind::Client:
        if (client.id != core::kNoId && e.value == std::to_string(client.id)) return "client";
        break;
      case BlockKind::Post:
        if (!post_id.empty() && e.value == post_id) return "post";
        break;
      case BlockKind::StopWord:
        if (!e.value.empty() && folded.find(core::fold_case(e.value)) != std::string::npos) {
          return "stop_word";
        }
        break;
    }
  }
  return {};
}

// What became of one incoming message.
struct Ingested {
  enum class Kind { Added, Duplicate, Blocked } kind = Kind::Added;
  core::Message message;  // Added: as saved; Duplicate: the one stored before
  core::DialogRow row;    // Added
  std::string reason;     // Blocked
};

// One incoming message: validated, checked against what is stored and the
// block list, then added. Every check comes before the first write: until
// `writing` is set, nothing was written; after, a failure leaves a part for
// the caller's transaction to roll back.
Ingested ingest_one(ApiContext& ctx, const core::Operator& op, core::TimeMs now,
                    const core::Directory& dir, const std::vector<BlockEntry>& block_list,
                    const core::Json& body, bool& writing) {
  if (!body.is_object()) throw bad_request("expected an object");
  const Id source_id = required_id(body, "source_id");
  const std::string external_id = required_text(body, "external_id", 200);
  const core::Source* source = dir.find_source(source_id);
  if (!source) throw bad_request("source_id: no such source");

  Ingested out;
  if (std::optional<core::Message> seen =
          ctx.store().message_by_external_id(op.account_id, source_id, external_id)) {
    out.kind = Ingested::Kind::Duplicate;
    out.message = std::move(*seen);
    return out;
  }

  auto client_it = body.find("client");
  if (client_it == body.end() || !client_it->is_object()) {
    throw bad_request("client: required, an object");
  }
  const core::Json& c = *client_it;
  const std::string identity = required_text(c, "identity", 320);
  core::Client fresh;  // the client to create if the identity is new
  fresh.account_id = op.account_id;
  fresh.display_name = optional_text(c, "name", 200);
  fresh.nick = optional_text(c, "nick", 200);
  fresh.phone = core::digits_only(optional_text(c, "phone", 40));
  fresh.avatar_url = optional_text(c, "avatar_url", 2000);
  if (fresh.display_name.empty()) fresh.display_name = fresh.nick.empty() ? identity : fresh.nick;
  fresh.identities.push_back({source->channel, identity});
  core::Message& m = out.message;
  m.direction = core::Direction::In;
  m.text = optional_text(body, "text", kMaxMessageText);
  m.attachments = {};
  if (auto a = body.find("attachments"); a != body.end() && !a->is_null()) {
    if (!a->is_array() || a->size() > kMaxAttachments) {
      throw bad_request("attachments: expected an array of up to 10");
    }
    for (std::size_t i = 0; i < a->size(); ++i) {
      try {
        m.attachments.push_back(core::decode<core::Attachment>((*a)[i]));
      } catch (const core::DecodeError& e) {
        throw bad_request("attachments[" + std::to_string(i) + "]: " + e.what());
      }
    }
  }
  if (m.text.empty() && m.attachments.empty()) {
    throw bad_request("text: required when there are no attachments");
  }
  m.kind = m.attachments.empty() ? core::MessageKind::Text : core::MessageKind::File;
  m.external_id = external_id;
  m.created_at = now;
  std::optional<core::PostRef> post;
  if (auto p = body.find("post"); p != body.end() && !p->is_null()) {
    try {
      post = core::decode<core::PostRef>(*p);
    } catch (const core::DecodeError& e) {
      throw bad_request(std::string("post: ") + e.what());
    }
    m.reply_to = core::ReplyTarget::Comment;
  }

  core::DialogRow& row = out.row;
  std::optional<core::Client> client =
      ctx.store().find_client(op.account_id, source->channel, identity);
  out.reason = blocked_by(block_list, client ? *client : core::Client{},
                          post ? post->external_id : std::string(), m.text);
  if (!out.reason.empty()) {
    out.kind = Ingested::Kind::Blocked;
    return out;
  }

  writing = true;
  if (client) {
    row.client = std::move(*client);
  } else {
    row.client = std::move(fresh);
    row.client.id = ctx.store().save_client(row.client);
  }
  if (std::optional<core::Dialog> existing =
          ctx.store().dialog_by_client(op.account_id, source_id, row.client.id)) {
    row.dialog = std::move(*existing);
  } else {
    row.dialog = core::open_dialog(core::kNoId, row.client, *source, now);
    row.dialog.post = post;
  }
  add_message(ctx, op.account_id, row, m);
  return out;
}

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
        ingest_one(ctx, call.op, call.now, *dir, ctx.store().block_list(call.op.account_id),
                   call.body(), writing);
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
        write_batch_result(
            out, ingest_one(ctx, call.op, call.now, *dir, block_list, (*messages)[i], writing));
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
