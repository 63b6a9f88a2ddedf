// Bulk actions of the Chats section as commands on a set of dialogs, with a
// result for each dialog.
#pragma once

#include <string>
#include <vector>

#include "core/entities.hpp"
#include "core/filter.hpp"

namespace core {

enum class BulkAction { MarkRead, MarkUnread, SetStatus, AddTags, Assign, Accept };

struct BulkCommand {
  BulkAction action = BulkAction::MarkRead;
  Id status_id = kNoId;     // SetStatus
  std::vector<Id> tag_ids;  // AddTags
  Id operator_id = kNoId;   // Assign (kNoId unassigns)
};

// Which dialogs a bulk request applies to: listed ids, or all that match a view.
struct BulkSelection {
  std::vector<Id> dialog_ids;
  bool all_matching = false;
  ViewQuery query;  // used when all_matching
};

struct BulkRequest {
  BulkCommand command;
  BulkSelection selection;
};

enum class BulkOutcome { Applied, Unchanged, NotFound, Forbidden, Refused };

struct BulkResult {
  Id dialog_id = kNoId;
  BulkOutcome outcome = BulkOutcome::Applied;
  std::string error;  // why, when not applied
  std::string code;   // the rule's stable code for the client's words ("not_new"); may be empty
};

// Checks the command's arguments against the directory (unknown status, tag or
// operator); an empty string means valid.
std::string validate(const BulkCommand& command, const Directory& directory);

// Applies a validated command to one dialog the caller may see.
BulkResult apply(const BulkCommand& command, Dialog& dialog, const Directory& directory);

}  // namespace core
