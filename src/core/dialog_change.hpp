// One change an operator makes to a dialog from its window or the list (accept,
// archive, funnel status, responsible, tags, price, fields, tasks, read state)
// as data, with the rule that applies it. The demo backend applies it to memory,
// the client to its rows at once (optimistically, until the backend answers).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/entities.hpp"
#include "core/lifecycle.hpp"

namespace core {

enum class ChangeKind {
  Accept,
  Archive,
  SetStatus,
  SetResponsible,
  AddTag,
  RemoveTag,
  SetPrice,
  SetFields,
  AddTask,
  SetTaskDone,
  EditTask,
  DeleteTask,
  MarkRead,
  MarkUnread,
};

struct DialogChange {
  ChangeKind kind = ChangeKind::MarkRead;
  Id id = kNoId;  // the status, operator, tag or task it is about
  std::int64_t price = 0;
  std::vector<CustomField> fields;
  Task task;          // AddTask, EditTask: text, due and assignee (the backend gives the id)
  bool done = false;  // SetTaskDone

  static DialogChange of(ChangeKind kind, Id id = kNoId);
  static DialogChange accept() { return of(ChangeKind::Accept); }
  static DialogChange archive() { return of(ChangeKind::Archive); }
  static DialogChange status(Id status_id) { return of(ChangeKind::SetStatus, status_id); }
  static DialogChange responsible(Id operator_id) {
    return of(ChangeKind::SetResponsible, operator_id);
  }
  static DialogChange add_tag(Id tag_id) { return of(ChangeKind::AddTag, tag_id); }
  static DialogChange remove_tag(Id tag_id) { return of(ChangeKind::RemoveTag, tag_id); }
  static DialogChange set_price(std::int64_t minor_units);
  static DialogChange set_fields(std::vector<CustomField> fields);
  static DialogChange add_task(std::string text, TimeMs due, Id assignee_id);
  static DialogChange task_done(Id task_id, bool done);
  // A task's text, due time (0: none) and assignee (kNoId: nobody), all at once.
  static DialogChange edit_task(Id task_id, std::string text, TimeMs due, Id assignee_id);
  static DialogChange delete_task(Id task_id) { return of(ChangeKind::DeleteTask, task_id); }
  static DialogChange mark_read() { return of(ChangeKind::MarkRead); }
  static DialogChange mark_unread() { return of(ChangeKind::MarkUnread); }
};

// Applies a change under the lifecycle rules, checking its references against
// the directory; refused (and the dialog untouched) when a rule or a reference
// says no. An AddTask's task gets `new_task_id`.
Outcome apply(const DialogChange& change, Dialog& dialog, const Directory& directory,
              Id new_task_id = kNoId);

}  // namespace core
