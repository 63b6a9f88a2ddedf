// Adding a message to a dialog, shared by sending, notes, write-first and
// ingest: the lifecycle bookkeeping, one save, one event.
#pragma once

#include "core/entities.hpp"
#include "server/api/api.hpp"

namespace server {

constexpr std::size_t kMaxMessageText = 10000;
constexpr std::size_t kMaxAttachments = 10;

// Applies the message to the row's dialog, saves both and publishes
// message_added. Fills message.id.
void add_message(ApiContext& ctx, Id account_id, core::DialogRow& row, core::Message& message);

// Attachments of an outgoing message, from earlier uploads.
std::vector<core::Attachment> attachments_from(const core::Json& body);
core::ReplyTarget reply_target_from(const core::Json& body, const core::Dialog& dialog);
// The answer {"message": ..., "row": ...} of a request that added a message.
HttpResponse message_response(int status, const core::Message& message, const core::DialogRow& row);

}  // namespace server
