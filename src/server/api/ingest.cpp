// One incoming message into its dialog (see ingest.hpp).
#include "server/api/ingest.hpp"

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

}  // namespace

Ingested ingest_one(ApiContext& ctx, Id account_id, core::TimeMs now, const core::Directory& dir,
                    const std::vector<BlockEntry>& block_list, const core::Json& body,
                    bool& writing) {
  if (!body.is_object()) throw bad_request("expected an object");
  const Id source_id = required_id(body, "source_id");
  const std::string external_id = required_text(body, "external_id", 200);
  const core::Source* source = dir.find_source(source_id);
  if (!source) throw bad_request("source_id: no such source");

  Ingested out;
  if (std::optional<core::Message> seen =
          ctx.store().message_by_external_id(account_id, source_id, external_id)) {
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
  fresh.account_id = account_id;
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
      ctx.store().find_client(account_id, source->channel, identity);
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
          ctx.store().dialog_by_client(account_id, source_id, row.client.id)) {
    row.dialog = std::move(*existing);
  } else {
    row.dialog = core::open_dialog(core::kNoId, row.client, *source, now);
    row.dialog.post = post;
  }
  add_message(ctx, account_id, row, m);
  return out;
}

}  // namespace server
