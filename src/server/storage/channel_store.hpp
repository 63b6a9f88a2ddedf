// What the channels keep in the database: each source's connection to its
// channel (credentials, settings, the read position of a polled channel,
// health), the inbound updates received but not yet read, and the outbound
// queue of operators' messages on their way to the channels. A part of the
// Store (Store::channels()), in the same transactions.
//
// Credentials live only here, never in core::Source: nothing the wire format
// encodes can carry them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/entities.hpp"

namespace server {

using core::Id;
using core::TimeMs;

struct SourceConnection {
  Id source_id = 0;
  Id account_id = 0;
  core::ChannelKind channel = core::ChannelKind::WhatsApp;
  bool enabled = true;
  std::string credentials = "{}";  // JSON object; secret
  std::string settings = "{}";     // JSON object: base_url, mode and the like; not secret
  std::string cursor;              // the channel's durable read position (Telegram's offset)
  TimeMs last_inbound_at = 0;
  std::string last_error;  // the newest problem with the channel; empty when none since
  TimeMs last_error_at = 0;
};

// An update a channel's webhook or poll handed over, kept until it is read.
struct InboundUpdate {
  Id id = 0;
  Id source_id = 0;
  std::string payload;  // as the channel sent it
  TimeMs received_at = 0;
};

// An operator's message in the outbound queue.
struct Delivery {
  Id message_id = 0;
  Id account_id = 0;
  Id dialog_id = 0;
  Id source_id = 0;
  int attempts = 0;  // sends begun so far
  TimeMs next_attempt_at = 0;
  std::string last_error;
};

class ChannelStore {
 public:
  virtual ~ChannelStore() = default;

  // Connections: one per source that has one. account_id 0 lists every account's.
  virtual std::vector<SourceConnection> connections(Id account_id) = 0;
  virtual std::optional<SourceConnection> connection(Id source_id) = 0;
  // Enabled flag, credentials and settings; the source must be stored in the
  // connection's account (else StoreError(NotFound)). Health and cursor are kept.
  virtual void save_connection(const SourceConnection& connection) = 0;
  virtual void save_cursor(Id source_id, const std::string& cursor) = 0;
  virtual void note_inbound(Id source_id, TimeMs at) = 0;
  // An empty error clears the last one (a channel that works again).
  virtual void note_error(Id source_id, TimeMs at, const std::string& error) = 0;
  // A source without dialogs, with its connection; a source with dialogs is
  // kept (StoreError(Conflict)): disable it instead. False when unknown.
  virtual bool delete_source(Id account_id, Id source_id) = 0;

  // Inbound updates, oldest first.
  virtual Id add_inbound(const InboundUpdate& update) = 0;
  virtual std::vector<InboundUpdate> inbound(int limit) = 0;
  virtual void delete_inbound(Id update_id) = 0;

  // The outbound queue.
  virtual void enqueue(const Delivery& delivery) = 0;
  virtual std::vector<Delivery> due(TimeMs now, int limit) = 0;  // oldest message first
  virtual std::optional<Delivery> queued(Id message_id) = 0;
  virtual TimeMs next_due() = 0;  // the earliest next_attempt_at; 0 when the queue is empty
  virtual void reschedule(const Delivery& delivery) = 0;  // attempts, next_attempt_at, error
  virtual void dequeue(Id message_id) = 0;
  virtual std::size_t queue_length() = 0;

  // Messages as the channels see them.
  virtual std::optional<core::Message> message(Id account_id, Id message_id) = 0;
  // Delivery state, its reason and the channel's id of the message.
  virtual void save_delivery(Id message_id, core::DeliveryState state,
                             const std::string& external_id, const std::string& error) = 0;
  // The dialog's messages after `after` (an id), oldest first: a website
  // visitor's catch-up. Notes and system messages are left out.
  virtual std::vector<core::Message> conversation_after(Id account_id, Id dialog_id, Id after,
                                                        int limit) = 0;
};

}  // namespace server
