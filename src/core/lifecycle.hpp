// The lifecycle of a dialog (New -> Accepted -> Archive and back) and the
// bookkeeping every message does: unread count, answered flag, response time.
// Pure functions: the server applies them to storage, the client to live
// events, the demo backend to memory.
#pragma once

#include <string>

#include "core/entities.hpp"

namespace core {

// The result of a rule: ok, or the reason it was refused (shown to the operator).
struct Outcome {
  bool ok = true;
  std::string error;
  static Outcome success() { return {}; }
  static Outcome refused(std::string why) { return {false, std::move(why)}; }
};

// A first message from a client opens a dialog in New.
Dialog open_dialog(Id id, const Client& client, const Source& source, TimeMs now);

// Adds one message to the dialog's bookkeeping.
// - inbound: unread +1, unanswered, response time cleared, an archived dialog returns to New;
// - outbound text/file: answered, response time measured from the first unanswered inbound,
//   unread cleared;
// - notes and system messages change neither unread nor answered.
// Every kind but System updates last_message_at and the preview.
void apply_message(Dialog& dialog, const Message& message);

Outcome accept(Dialog& dialog);   // New -> Accepted; refused from any other mode
Outcome archive(Dialog& dialog);  // New or Accepted -> Archived; refused when archived

// Sets the funnel status. A closing group archives the dialog; an active status
// on an archived dialog brings it back to Accepted.
Outcome set_status(Dialog& dialog, const FunnelStatus& status);

void mark_read(Dialog& dialog);
void mark_unread(Dialog& dialog);  // at least one unread message

bool is_closing(StatusGroup group);

}  // namespace core
