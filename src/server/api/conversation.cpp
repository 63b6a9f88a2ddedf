// Messages into dialogs, through the core's lifecycle rules.
#include "server/api/conversation.hpp"

#include "core/codec.hpp"
#include "core/delivery.hpp"
#include "core/lifecycle.hpp"
#include "server/api/api_error.hpp"
#include "server/api/json_args.hpp"

namespace server {

void add_message(ApiContext& ctx, Id account_id, core::DialogRow& row, core::Message& message) {
  if (row.dialog.id == core::kNoId) row.dialog.id = ctx.store().save_dialog(row.dialog);
  message.dialog_id = row.dialog.id;
  core::apply_message(row.dialog, message);
  message.id = ctx.store().add_message(message, row.dialog);
  core::Event event;
  event.kind = core::EventKind::MessageAdded;
  event.message = message;
  event.row = row;
  ctx.publish(account_id, std::move(event));
}

void add_outgoing(ApiContext& ctx, Id account_id, core::DialogRow& row, core::Message& message) {
  const bool connected = ctx.store().channels().connection(row.dialog.source_id).has_value();
  message.delivery = connected ? core::DeliveryState::Pending : core::DeliveryState::Sent;
  add_message(ctx, account_id, row, message);
  if (connected) queue_delivery(ctx, account_id, row, message);
}

void queue_delivery(ApiContext& ctx, Id account_id, const core::DialogRow& row,
                    const core::Message& message) {
  Delivery d;
  d.message_id = message.id;
  d.account_id = account_id;
  d.dialog_id = row.dialog.id;
  d.source_id = row.dialog.source_id;
  d.next_attempt_at = ctx.now();
  ctx.store().channels().enqueue(d);
  // The worker's look at the queue waits for this transaction's commit (the
  // store is held until then), so it finds the message.
  if (ctx.channels()) ctx.channels()->wake();
}

bool change_delivery(ApiContext& ctx, Id account_id, core::Message& message,
                     core::DeliveryState state, const std::string& external_id,
                     const std::string& error) {
  if (!core::advance_delivery(message, state, error)) return false;
  if (!external_id.empty()) message.external_id = external_id;
  ctx.store().channels().save_delivery(message.id, message.delivery, external_id,
                                       message.delivery_error);
  std::optional<core::DialogRow> row = ctx.store().dialog(account_id, message.dialog_id);
  if (!row) return true;
  core::Event event;
  event.kind = core::EventKind::MessageUpdated;
  event.message = message;
  event.row = std::move(*row);
  ctx.publish(account_id, std::move(event));
  return true;
}

std::vector<core::Attachment> attachments_from(const core::Json& body) {
  std::vector<core::Attachment> out;
  auto it = body.find("attachments");
  if (it == body.end() || it->is_null()) return out;
  if (!it->is_array()) throw bad_request("attachments: expected an array");
  if (it->size() > kMaxAttachments) throw bad_request("attachments: more than 10");
  for (std::size_t i = 0; i < it->size(); ++i) {
    try {
      core::Attachment a = core::decode<core::Attachment>((*it)[i]);
      // Only files uploaded here may be attached: no links to elsewhere.
      if (a.url.rfind("/api/uploads/", 0) != 0) {
        throw bad_request("attachments[" + std::to_string(i) +
                          "].url: not an upload of this server");
      }
      out.push_back(std::move(a));
    } catch (const core::DecodeError& e) {
      throw bad_request("attachments[" + std::to_string(i) + "]: " + e.what());
    }
  }
  return out;
}

core::ReplyTarget reply_target_from(const core::Json& body, const core::Dialog& dialog) {
  const std::string target = optional_text(body, "reply_to", 16);
  if (target.empty() || target == "direct") return core::ReplyTarget::Direct;
  if (target != "comment") throw bad_request("reply_to: expected direct or comment");
  if (!dialog.post)
    throw unprocessable("no_post", "this dialog did not come from a post: reply in direct");
  return core::ReplyTarget::Comment;
}

HttpResponse message_response(int status, const core::Message& message,
                              const core::DialogRow& row) {
  HttpResponse r;
  r.status = status;
  r.body.reserve(1024);
  r.body += "{\"message\":";
  core::write_json(r.body, message);
  r.body += ",\"row\":";
  core::write_json(r.body, row);
  r.body += '}';
  return r;
}

}  // namespace server
