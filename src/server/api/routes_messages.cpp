// Message history, sending, notes, file uploads and writing first.
#include "core/channels.hpp"
#include "core/lifecycle.hpp"
#include "core/text.hpp"
#include "core/visibility.hpp"
#include "server/api/api_error.hpp"
#include "server/api/auth.hpp"
#include "server/api/conversation.hpp"
#include "server/api/json_args.hpp"
#include "server/api/upload_name.hpp"
#include "server/api/uploads.hpp"

namespace server {
namespace {

// The identity a client is addressed by on a channel, normalised; a 400 when
// it cannot be one.
std::string normalise_address(core::ChannelKind channel, const std::string& to) {
  switch (channel) {
    case core::ChannelKind::WhatsApp:
    case core::ChannelKind::Viber:
    case core::ChannelKind::Max: {
      const std::string digits = core::digits_only(to);
      if (digits.size() < 10 || digits.size() > 15) {
        throw bad_request("to: expected a phone number in international format, 10 to 15 digits");
      }
      return digits;
    }
    case core::ChannelKind::Email:
      if (to.find('@') == std::string::npos || to.find(' ') != std::string::npos) {
        throw bad_request("to: expected an e-mail address");
      }
      return core::fold_case(to);
    default: {
      std::string name = to[0] == '@' ? to.substr(1) : to;
      if (name.empty() || name.find(' ') != std::string::npos) {
        throw bad_request("to: expected a username or a phone number");
      }
      const std::string digits = core::digits_only(name);
      if (!digits.empty() && digits.size() + (to[0] == '+') == to.size()) return digits;
      return core::fold_case(name);
    }
  }
}

}  // namespace

void add_message_routes(Router& router, ApiContext& ctx) {
  router.add("GET", "/api/dialogs/{}/messages", true, [&ctx](Call& call) {
    const core::DialogRow row = ctx.visible_dialog(call.op, call.id(0));
    const int limit = int_param(call.request.query, "limit", 50, 1, ctx.options().max_page);
    const Id before = int_param(call.request.query, "before", 0, 0, INT32_MAX);
    MessagePage page = ctx.store().messages(call.op.account_id, row.dialog.id, before, limit);
    core::Json list = core::Json::array();
    for (const core::Message& m : page.messages) list.push_back(core::encode(m));
    return json_response(200, {{"messages", list}, {"next_before", page.next_before}});
  });

  router.add("POST", "/api/dialogs/{}/messages", true, [&ctx](Call& call) {
    core::DialogRow row = ctx.visible_dialog(call.op, call.id(0));
    core::Message m;
    m.direction = core::Direction::Out;
    m.text = optional_text(call.body(), "text", kMaxMessageText);
    m.attachments = attachments_from(call.body());
    if (m.text.find_first_not_of(" \t\r\n") == std::string::npos && m.attachments.empty()) {
      throw bad_request("text: required when there are no attachments");
    }
    m.kind = m.attachments.empty() ? core::MessageKind::Text : core::MessageKind::File;
    m.reply_to = reply_target_from(call.body(), row.dialog);
    m.author_id = call.op.id;
    m.created_at = call.now;
    add_outgoing(ctx, call.op.account_id, row, m);
    return message_response(201, m, row);
  });

  // A failed message goes to its channel again, under its own id.
  router.add("POST", "/api/dialogs/{}/messages/{}/retry", true, [&ctx](Call& call) {
    const core::DialogRow row = ctx.visible_dialog(call.op, call.id(0));
    std::optional<core::Message> m = ctx.store().channels().message(call.op.account_id, call.id(1));
    if (!m || m->dialog_id != row.dialog.id) throw not_found("no such message in this dialog");
    if (m->delivery != core::DeliveryState::Failed) {
      throw ApiError(409, "conflict", "only a message that failed can be sent again", "not_failed");
    }
    change_delivery(ctx, call.op.account_id, *m, core::DeliveryState::Pending);
    queue_delivery(ctx, call.op.account_id, row, *m);
    return json_response(200, {{"message", core::encode(*m)}});
  });

  router.add("POST", "/api/dialogs/{}/notes", true, [&ctx](Call& call) {
    core::DialogRow row = ctx.visible_dialog(call.op, call.id(0));
    core::Message m;
    m.direction = core::Direction::Out;
    m.kind = core::MessageKind::Note;
    m.text = required_text(call.body(), "text", kMaxMessageText);
    m.author_id = call.op.id;
    m.created_at = call.now;
    add_message(ctx, call.op.account_id, row, m);
    return message_response(201, m, row);
  });

  // The body is the file itself; its name comes URL-encoded in X-File-Name.
  router.add("POST", "/api/uploads", true, [&ctx](Call& call) {
    const std::optional<std::string> name = upload_file_name(call.request.header("x-file-name"));
    if (!name) throw bad_request("x-file-name: required, a plain UTF-8 file name up to 255 bytes");
    if (call.request.body.empty()) throw bad_request("body: the file is empty");
    std::string mime = call.request.header("content-type");
    if (mime.empty() || mime.size() > 100) mime = "application/octet-stream";
    const core::Attachment a =
        keep_upload(ctx.options().upload_dir, call.op.account_id, *name, mime, call.request.body);
    return json_response(201, core::encode(a));
  });

  router.run_unbatched("POST", "/api/uploads");  // file writes, no database

  router.add("GET", "/api/uploads/{}", true, [&ctx](Call& call) {  // {} is a hex name
    std::optional<StoredUpload> file =
        read_upload(ctx.options().upload_dir, call.op.account_id, call.params[0]);
    if (!file) throw not_found("no such upload");
    HttpResponse r;
    r.content_type = std::move(file->mime);
    r.body = std::move(file->bytes);
    r.headers["content-disposition"] = "attachment";
    return r;
  });
  router.allow_text_params("GET", "/api/uploads/{}");

  router.add("POST", "/api/write-first", true, [&ctx](Call& call) {
    const Id source_id = required_id(call.body(), "source_id");
    const std::string to = required_text(call.body(), "to", 320);
    const std::string text = required_text(call.body(), "text", kMaxMessageText);
    const auto dir_ref = ctx.directory(call.op.account_id);
    const core::Directory& dir = *dir_ref;
    const core::Source* source = dir.find_source(source_id);
    if (!source || !core::can_see_source(call.op, *source)) {
      throw bad_request("source_id: no such source");
    }
    const core::ChannelInfo& info = core::channel_info(source->channel);
    if (!info.allows_write_first) {
      throw unprocessable("write_first_not_allowed",
                          std::string(info.name_en) + " does not allow writing first");
    }
    const std::string address = normalise_address(source->channel, to);

    core::DialogRow row;
    if (std::optional<core::Client> client =
            ctx.store().find_client(call.op.account_id, source->channel, address)) {
      row.client = *client;
    } else {
      row.client.account_id = call.op.account_id;
      row.client.display_name = to;
      const bool phone = core::digits_only(address) == address;
      (phone ? row.client.phone : row.client.nick) = address;
      row.client.identities.push_back({source->channel, address});
      row.client.id = ctx.store().save_client(row.client);
    }
    if (std::optional<core::Dialog> existing =
            ctx.store().dialog_by_client(call.op.account_id, source->id, row.client.id)) {
      row.dialog = *existing;  // the conversation continues
    } else {
      row.dialog = core::open_dialog(core::kNoId, row.client, *source, call.now);
      core::accept(row.dialog);  // the operator started it: it is in work
      row.dialog.responsible_id = call.op.id;
    }
    core::Message m;
    m.direction = core::Direction::Out;
    m.text = text;
    m.author_id = call.op.id;
    m.created_at = call.now;
    add_outgoing(ctx, call.op.account_id, row, m);
    return message_response(201, m, row);
  });
}

}  // namespace server
