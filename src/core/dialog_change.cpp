// The rules of a single-dialog change: lifecycle moves go through
// core::accept / archive / set_status, the rest are checked edits.
#include "core/dialog_change.hpp"

#include <algorithm>

namespace core {
namespace {

Task* find_task(Dialog& d, Id id) {
  auto it =
      std::find_if(d.tasks.begin(), d.tasks.end(), [id](const Task& t) { return t.id == id; });
  return it == d.tasks.end() ? nullptr : &*it;
}

// A task's text and assignee, as adding and editing check them.
Outcome check_task(const Task& task, const Directory& directory) {
  if (task.text.find_first_not_of(" \t\r\n") == std::string::npos) {
    return Outcome::refused("task_without_text", "A task needs a text");
  }
  if (task.assignee_id != kNoId && !directory.assignable_operator(task.assignee_id)) {
    return Outcome::refused("unknown_operator", "Unknown operator");
  }
  return Outcome::success();
}

}  // namespace

DialogChange DialogChange::of(ChangeKind kind, Id id) {
  DialogChange c;
  c.kind = kind;
  c.id = id;
  return c;
}

DialogChange DialogChange::set_price(std::int64_t minor_units) {
  DialogChange c = of(ChangeKind::SetPrice);
  c.price = minor_units;
  return c;
}

DialogChange DialogChange::set_fields(std::vector<CustomField> fields) {
  DialogChange c = of(ChangeKind::SetFields);
  c.fields = std::move(fields);
  return c;
}

DialogChange DialogChange::add_task(std::string text, TimeMs due, Id assignee_id) {
  DialogChange c = of(ChangeKind::AddTask);
  c.task.text = std::move(text);
  c.task.due = due;
  c.task.assignee_id = assignee_id;
  return c;
}

DialogChange DialogChange::task_done(Id task_id, bool done) {
  DialogChange c = of(ChangeKind::SetTaskDone, task_id);
  c.done = done;
  return c;
}

DialogChange DialogChange::edit_task(Id task_id, std::string text, TimeMs due, Id assignee_id) {
  DialogChange c = add_task(std::move(text), due, assignee_id);
  c.kind = ChangeKind::EditTask;
  c.id = task_id;
  return c;
}

Outcome apply(const DialogChange& c, Dialog& d, const Directory& directory, Id new_task_id) {
  switch (c.kind) {
    case ChangeKind::Accept:
      return accept(d);
    case ChangeKind::Archive:
      return archive(d);
    case ChangeKind::SetStatus: {
      const FunnelStatus* status = directory.find_status(c.id);
      if (!status) return Outcome::refused("unknown_status", "Unknown funnel status");
      return set_status(d, *status);
    }
    case ChangeKind::SetResponsible:
      if (c.id != kNoId && !directory.assignable_operator(c.id)) {
        return Outcome::refused("unknown_operator", "Unknown operator");
      }
      d.responsible_id = c.id;
      return Outcome::success();
    case ChangeKind::AddTag:
      if (!directory.find_tag(c.id)) return Outcome::refused("unknown_tag", "Unknown tag");
      if (!std::binary_search(d.tag_ids.begin(), d.tag_ids.end(), c.id)) {
        d.tag_ids.insert(std::upper_bound(d.tag_ids.begin(), d.tag_ids.end(), c.id), c.id);
      }
      return Outcome::success();
    case ChangeKind::RemoveTag:
      d.tag_ids.erase(std::remove(d.tag_ids.begin(), d.tag_ids.end(), c.id), d.tag_ids.end());
      return Outcome::success();
    case ChangeKind::SetPrice:
      if (c.price < 0) return Outcome::refused("negative_price", "The price must not be negative");
      d.price = c.price;
      return Outcome::success();
    case ChangeKind::SetFields:
      for (const CustomField& f : c.fields) {
        if (f.name.empty()) return Outcome::refused("field_without_name", "A field needs a name");
      }
      d.fields = c.fields;
      return Outcome::success();
    case ChangeKind::AddTask: {
      if (Outcome bad = check_task(c.task, directory); !bad.ok) return bad;
      Task task = c.task;
      task.id = new_task_id;
      task.dialog_id = d.id;
      task.done = false;
      d.tasks.push_back(std::move(task));
      return Outcome::success();
    }
    case ChangeKind::SetTaskDone: {
      Task* task = find_task(d, c.id);
      if (!task) return Outcome::refused("task_gone", "The task is gone");
      task->done = c.done;
      return Outcome::success();
    }
    case ChangeKind::EditTask: {
      Task* task = find_task(d, c.id);
      if (!task) return Outcome::refused("task_gone", "The task is gone");
      if (Outcome bad = check_task(c.task, directory); !bad.ok) return bad;
      task->text = c.task.text;
      task->due = c.task.due;
      task->assignee_id = c.task.assignee_id;
      return Outcome::success();
    }
    case ChangeKind::DeleteTask:
      if (!find_task(d, c.id)) return Outcome::refused("task_gone", "The task is gone");
      d.tasks.erase(std::remove_if(d.tasks.begin(), d.tasks.end(),
                                   [&c](const Task& t) { return t.id == c.id; }),
                    d.tasks.end());
      return Outcome::success();
    case ChangeKind::MarkRead:
      mark_read(d);
      return Outcome::success();
    case ChangeKind::MarkUnread:
      mark_unread(d);
      return Outcome::success();
  }
  return Outcome::refused("unknown_change", "Unknown change");
}

}  // namespace core
