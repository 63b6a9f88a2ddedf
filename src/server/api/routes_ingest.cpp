// The inbound endpoint through which a channel connector (or a test) delivers
// an incoming message. Idempotent on the channel's message id; applies the
// block list and the lifecycle rules.
#include "core/lifecycle.hpp"
#include "core/text.hpp"
#include "server/api/api_error.hpp"
#include "server/api/conversation.hpp"
#include "server/api/json_args.hpp"

namespace server {
namespace {

// Why the block list drops this message, or empty.
std::string blocked_by(const std::vector<BlockEntry>& list, const core::Client& client,
                       const std::string& post_id, const std::string& text) {
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

}  // namespace

void add_ingest_routes(Router& router, ApiContext& ctx) {
  router.add("POST", "/api/ingest", true, [&ctx](Call& call) {
    ctx.require_admin(call.op);
    const core::Json& body = call.body();
    const Id source_id = required_id(body, "source_id");
    const std::string external_id = required_text(body, "external_id", 200);
    const auto dir_ref = ctx.directory(call.op.account_id);
    const core::Directory& dir = *dir_ref;
    const core::Source* source = dir.find_source(source_id);
    if (!source) throw bad_request("source_id: no such source");

    if (std::optional<core::Message> seen =
            ctx.store().message_by_external_id(call.op.account_id, source_id, external_id)) {
      return json_response(
          200, {{"duplicate", true}, {"message_id", seen->id}, {"dialog_id", seen->dialog_id}});
    }

    auto client_it = body.find("client");
    if (client_it == body.end() || !client_it->is_object()) {
      throw bad_request("client: required, an object");
    }
    const core::Json& c = *client_it;
    const std::string identity = required_text(c, "identity", 320);
    core::Message m;
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
    m.created_at = call.now;
    std::optional<core::PostRef> post;
    if (auto p = body.find("post"); p != body.end() && !p->is_null()) {
      try {
        post = core::decode<core::PostRef>(*p);
      } catch (const core::DecodeError& e) {
        throw bad_request(std::string("post: ") + e.what());
      }
      m.reply_to = core::ReplyTarget::Comment;
    }

    core::DialogRow row;
    std::optional<core::Client> client =
        ctx.store().find_client(call.op.account_id, source->channel, identity);
    const std::string reason =
        blocked_by(ctx.store().block_list(call.op.account_id), client ? *client : core::Client{},
                   post ? post->external_id : std::string(), m.text);
    if (!reason.empty()) return json_response(200, {{"blocked", true}, {"reason", reason}});

    if (client) {
      row.client = *client;
    } else {
      row.client.account_id = call.op.account_id;
      row.client.display_name = optional_text(c, "name", 200);
      row.client.nick = optional_text(c, "nick", 200);
      row.client.phone = core::digits_only(optional_text(c, "phone", 40));
      row.client.avatar_url = optional_text(c, "avatar_url", 2000);
      if (row.client.display_name.empty()) {
        row.client.display_name = row.client.nick.empty() ? identity : row.client.nick;
      }
      row.client.identities.push_back({source->channel, identity});
      row.client.id = ctx.store().save_client(row.client);
    }
    if (std::optional<core::Dialog> existing =
            ctx.store().dialog_by_client(call.op.account_id, source_id, row.client.id)) {
      row.dialog = *existing;
    } else {
      row.dialog = core::open_dialog(core::kNoId, row.client, *source, call.now);
      row.dialog.post = post;
    }
    add_message(ctx, call.op.account_id, row, m);
    return json_response(201, message_json(m, row));
  });
}

}  // namespace server
