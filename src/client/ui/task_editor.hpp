// The sidebar's Tasks section: the dialog's tasks (done box, text, due time
// in red when overdue, assignee; a click on one edits it) and the editor for
// a new or edited task with a calendar popup for the due time and an
// assignee picker.
#pragma once

#include <imgui.h>

#include "app/inbox_app.hpp"
#include "app/task_form.hpp"

namespace ui {

struct TaskEditorState {
  app::TaskForm form;
  char text[256] = "";
  char clock[8] = "";
};

struct TaskContext {
  const core::Dialog& dialog;
  const core::Directory& directory;
  core::TimeMs now;
  std::int64_t utc_offset_ms;
  app::Locale locale;
};

void draw_tasks(const TaskContext& ctx, TaskEditorState& state, app::Intents& intents);

}  // namespace ui
