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

// An operator's message (text or file): added, and queued for its channel
// when the dialog's source is connected to one (server/channels). A source
// without a connection (demo data, an import) has nowhere to send it: the
// message stays as sent.
void add_outgoing(ApiContext& ctx, Id account_id, core::DialogRow& row, core::Message& message);

// Moves a message's delivery state when core::advance_delivery allows it:
// saved, and published as message_updated. False when it did not move.
bool change_delivery(ApiContext& ctx, Id account_id, core::Message& message,
                     core::DeliveryState state, const std::string& external_id = {},
                     const std::string& error = {});

// Queues a message (again) for its channel.
void queue_delivery(ApiContext& ctx, Id account_id, const core::DialogRow& row,
                    const core::Message& message);

// Attachments of an outgoing message, from earlier uploads.
std::vector<core::Attachment> attachments_from(const core::Json& body);
core::ReplyTarget reply_target_from(const core::Json& body, const core::Dialog& dialog);
// The answer {"message": ..., "row": ...} of a request that added a message.
HttpResponse message_response(int status, const core::Message& message, const core::DialogRow& row);

}  // namespace server
