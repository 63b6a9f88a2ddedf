// Dialog lifecycle transitions and per-message bookkeeping (unread, answered,
// response time, preview).
#include "core/lifecycle.hpp"

#include <algorithm>

namespace core {
namespace {

constexpr std::string_view kEllipsis = "\xE2\x80\xA6";  // "…"

bool is_conversation(MessageKind kind) {
  return kind == MessageKind::Text || kind == MessageKind::File;
}

// The list shows one line, so line breaks and tabs become spaces.
std::string one_line(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  return out;
}

std::string truncate_utf8(std::string text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  std::size_t cut = max_bytes - kEllipsis.size();
  // Back up over continuation bytes so no character is split.
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  text.resize(cut);
  text += kEllipsis;
  return text;
}

}  // namespace

std::string message_preview(const Message& message) {
  std::string_view source = message.text;
  if (message.kind == MessageKind::File && !message.attachments.empty()) {
    source = message.attachments.front().name;
  }
  return truncate_utf8(one_line(source), kPreviewMaxBytes);
}

Dialog open_dialog(Id id, const Client& client, const Source& source, TimeMs now) {
  Dialog dialog;
  dialog.id = id;
  dialog.account_id = source.account_id;
  dialog.client_id = client.id;
  dialog.source_id = source.id;
  dialog.channel = source.channel;
  dialog.mode = DialogMode::New;
  dialog.created_at = now;
  return dialog;
}

void apply_message(Dialog& dialog, const Message& message) {
  if (!is_conversation(message.kind)) return;
  const TimeMs at = message.created_at;

  if (message.direction == Direction::In) {
    ++dialog.unread;
    dialog.answered = false;
    dialog.response_time_ms = -1;
    if (dialog.awaiting_since == 0) dialog.awaiting_since = at;
    dialog.last_inbound_at = std::max(dialog.last_inbound_at, at);
    if (dialog.mode == DialogMode::Archived) dialog.mode = DialogMode::New;
  } else {
    dialog.answered = true;
    if (dialog.awaiting_since != 0) {
      // Clocks of different channels can disagree; a negative time would read as "none".
      dialog.response_time_ms = std::max<std::int64_t>(0, at - dialog.awaiting_since);
      dialog.awaiting_since = 0;
    }
    dialog.unread = 0;
    dialog.last_outbound_at = std::max(dialog.last_outbound_at, at);
  }

  // A message delivered late must not replace the preview of a newer one.
  if (at >= dialog.last_message_at) {
    dialog.last_message_at = at;
    dialog.last_message = message_preview(message);
  }
}

Outcome accept(Dialog& dialog) {
  if (dialog.mode != DialogMode::New)
    return Outcome::refused("not_new", "Only a new dialog can be accepted");
  dialog.mode = DialogMode::Accepted;
  return Outcome::success();
}

Outcome archive(Dialog& dialog) {
  if (dialog.mode == DialogMode::Archived)
    return Outcome::refused("already_archived", "The dialog is already archived");
  dialog.mode = DialogMode::Archived;
  return Outcome::success();
}

Outcome set_status(Dialog& dialog, const FunnelStatus& status) {
  if (status.account_id != dialog.account_id) {
    return Outcome::refused("foreign_status", "The status belongs to another account");
  }
  dialog.status_id = status.id;
  if (is_closing(status.group)) {
    dialog.mode = DialogMode::Archived;
  } else if (dialog.mode == DialogMode::Archived) {
    dialog.mode = DialogMode::Accepted;
  }
  return Outcome::success();
}

void mark_read(Dialog& dialog) {
  dialog.unread = 0;
}

void mark_unread(Dialog& dialog) {
  dialog.unread = std::max(dialog.unread, 1);
}

bool is_closing(StatusGroup group) {
  return group != StatusGroup::Active;
}

}  // namespace core
