// What happened, as the live stream tells it: every change is an event with
// an account-wide, increasing sequence number.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/bulk.hpp"
#include "core/entities.hpp"

namespace core {

enum class EventKind {
  DialogChanged,     // a dialog was created or changed: carries the row
  MessageAdded,      // a message or note: carries the message and the changed row
  BulkApplied,       // carries the per-dialog results of a bulk action
  DirectoryChanged,  // statuses, tags, operators, sources or templates changed
  Presence,          // an operator viewing or typing in a dialog (not logged)
  Resync,            // the subscriber missed too much: reload the view
  Heartbeat,
  MessageUpdated,  // a message's delivery state changed: carries the message and its row
};

enum class PresenceState { Viewing, Typing, Left };

struct Presence {
  Id dialog_id = kNoId;
  Id operator_id = kNoId;
  PresenceState state = PresenceState::Viewing;
};

struct Event {
  std::int64_t seq = 0;  // 0 for events outside the log (presence, heartbeat, resync)
  EventKind kind = EventKind::Heartbeat;
  TimeMs at = 0;
  std::optional<DialogRow> row;
  std::optional<Message> message;
  std::vector<BulkResult> results;
  std::optional<Presence> presence;
};

}  // namespace core
