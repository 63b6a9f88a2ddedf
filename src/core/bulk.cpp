// Bulk actions: argument checks against the account's directory, and the
// per-dialog application with an Applied / Unchanged / Refused result.
#include "core/bulk.hpp"

#include <algorithm>

#include "core/lifecycle.hpp"

namespace core {
namespace {

BulkResult result(const Dialog& dialog, BulkOutcome outcome, std::string error = {},
                  std::string code = {}) {
  return {dialog.id, outcome, std::move(error), std::move(code)};
}

BulkResult refused(const Dialog& dialog, Outcome outcome) {
  return result(dialog, BulkOutcome::Refused, std::move(outcome.error), std::move(outcome.code));
}

BulkResult changed_if(const Dialog& dialog, bool changed) {
  return result(dialog, changed ? BulkOutcome::Applied : BulkOutcome::Unchanged);
}

BulkResult apply_status(const BulkCommand& command, Dialog& dialog, const Directory& directory) {
  const FunnelStatus* status = directory.find_status(command.status_id);
  const Id old_status = dialog.status_id;
  const DialogMode old_mode = dialog.mode;
  Outcome outcome = set_status(dialog, *status);
  if (!outcome.ok) return refused(dialog, std::move(outcome));
  return changed_if(dialog, dialog.status_id != old_status || dialog.mode != old_mode);
}

BulkResult apply_tags(const BulkCommand& command, Dialog& dialog) {
  std::vector<Id> tags = dialog.tag_ids;
  tags.insert(tags.end(), command.tag_ids.begin(), command.tag_ids.end());
  std::sort(tags.begin(), tags.end());
  tags.erase(std::unique(tags.begin(), tags.end()), tags.end());
  if (tags == dialog.tag_ids) return result(dialog, BulkOutcome::Unchanged);
  dialog.tag_ids = std::move(tags);
  return result(dialog, BulkOutcome::Applied);
}

}  // namespace

std::string validate(const BulkCommand& command, const Directory& directory) {
  switch (command.action) {
    case BulkAction::SetStatus:
      if (!directory.find_status(command.status_id)) return "Unknown funnel status";
      break;
    case BulkAction::AddTags:
      if (command.tag_ids.empty()) return "No tags to add";
      for (Id tag : command.tag_ids) {
        if (!directory.find_tag(tag)) return "Unknown tag";
      }
      break;
    case BulkAction::Assign:
      if (command.operator_id != kNoId && !directory.assignable_operator(command.operator_id)) {
        return "Unknown operator";
      }
      break;
    case BulkAction::MarkRead:
    case BulkAction::MarkUnread:
    case BulkAction::Accept:
      break;
  }
  return {};
}

BulkResult apply(const BulkCommand& command, Dialog& dialog, const Directory& directory) {
  // Cheap to repeat, and it keeps an unvalidated command from touching anything.
  if (std::string error = validate(command, directory); !error.empty()) {
    return result(dialog, BulkOutcome::Refused, std::move(error));
  }
  switch (command.action) {
    case BulkAction::MarkRead:
      if (dialog.unread == 0) return result(dialog, BulkOutcome::Unchanged);
      mark_read(dialog);
      return result(dialog, BulkOutcome::Applied);
    case BulkAction::MarkUnread:
      if (dialog.unread > 0) return result(dialog, BulkOutcome::Unchanged);
      mark_unread(dialog);
      return result(dialog, BulkOutcome::Applied);
    case BulkAction::SetStatus:
      return apply_status(command, dialog, directory);
    case BulkAction::AddTags:
      return apply_tags(command, dialog);
    case BulkAction::Assign:
      if (dialog.responsible_id == command.operator_id) {
        return result(dialog, BulkOutcome::Unchanged);
      }
      dialog.responsible_id = command.operator_id;
      return result(dialog, BulkOutcome::Applied);
    case BulkAction::Accept: {
      Outcome outcome = accept(dialog);
      if (!outcome.ok) return refused(dialog, std::move(outcome));
      return result(dialog, BulkOutcome::Applied);
    }
  }
  return result(dialog, BulkOutcome::Refused, "Unknown action", "unknown_change");
}

}  // namespace core
