// The open dialog: which one, its row as last known, the history in time order,
// the composer's draft and what is in flight. Pure state, tested natively.
#pragma once

#include <string>
#include <vector>

#include "core/entities.hpp"
#include "core/events.hpp"

namespace app {

// A file going up to api/uploads (or into the demo backend's memory).
struct Upload {
  std::string name;
  double progress = 0;  // 0..1
  bool active = false;
};

struct DialogView {
  core::Id id = core::kNoId;            // kNoId: no dialog is open
  core::DialogRow row;                  // follows the list's row and live events
  std::vector<core::Message> messages;  // oldest first; each id once
  std::string draft;
  int draft_revision = 0;  // bumped when the app (not the composer) changes the draft
  bool note = false;       // the composer writes an internal note
  core::ReplyTarget reply_to = core::ReplyTarget::Direct;  // for a dialog from a post
  std::vector<core::Attachment> attachments;               // uploaded, sent with the next message
  Upload upload;
  core::Id older_before = core::kNoId;  // asks for the next older page; kNoId: all loaded
  bool loading_older = false;
  bool loading = false;
  std::string error;   // the last failure in the operator's words
  int generation = 0;  // answers for a dialog closed since are dropped

  bool open() const { return id != core::kNoId; }
};

// Opens a dialog (the history empty, to be loaded); reopening the same one keeps it.
void open_dialog(DialogView& view, const core::DialogRow& row);
void close_dialog(DialogView& view);

// Adds a message at its place in time (ties by id); a message already there is replaced.
void merge_message(DialogView& view, const core::Message& message);
// Takes a loaded page of history (any order), merged with what arrived meanwhile.
void merge_history(DialogView& view, const std::vector<core::Message>& messages);

// Follows a dialog_changed or message_added event of the open dialog; true when it changed.
bool apply(DialogView& view, const core::Event& event);

}  // namespace app
