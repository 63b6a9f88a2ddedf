// The lifecycle of a dialog (New -> Accepted -> Archive and back) and the
// bookkeeping every message does: unread count, answered flag, response time.
// Pure functions: the server applies them to storage, the client to live
// events, the demo backend to memory.
#pragma once

#include <cstddef>
#include <string>

#include "core/entities.hpp"

namespace core {

// The result of a rule: ok, or why it was refused: a stable code the client
// words in the operator's language (app/problem_text) and an English text.
struct Outcome {
  bool ok = true;
  std::string error;
  std::string code;
  static Outcome success() { return {}; }
  static Outcome refused(std::string code, std::string why) {
    return {false, std::move(why), std::move(code)};
  }
};

// A first message from a client opens a dialog in New.
Dialog open_dialog(Id id, const Client& client, const Source& source, TimeMs now);

// The longest preview kept in Dialog::last_message, in bytes (an ellipsis included).
constexpr std::size_t kPreviewMaxBytes = 140;

// The list's one-line preview of a message: its text with line breaks as spaces,
// cut at a UTF-8 boundary with an ellipsis; a file shows its attachment's name.
std::string message_preview(const Message& message);

// Adds one message to the dialog's bookkeeping.
// - inbound text/file: unread +1, unanswered, response time cleared (-1), awaiting_since set
//   unless already waiting, last_inbound_at; an archived dialog returns to New;
// - outbound text/file: answered, response time measured from awaiting_since (kept as it was
//   when nothing was awaited), unread cleared, last_outbound_at;
// - text and file messages set last_message_at and the preview, unless older than the newest;
// - notes are internal and system messages are not conversation: both change nothing here.
void apply_message(Dialog& dialog, const Message& message);

Outcome accept(Dialog& dialog);   // New -> Accepted; refused from any other mode
Outcome archive(Dialog& dialog);  // New or Accepted -> Archived; refused when archived

// Sets the funnel status. A closing group archives the dialog; an active status
// on an archived dialog brings it back to Accepted. A status of another account is refused.
Outcome set_status(Dialog& dialog, const FunnelStatus& status);

void mark_read(Dialog& dialog);
void mark_unread(Dialog& dialog);  // at least one unread message

bool is_closing(StatusGroup group);

}  // namespace core
