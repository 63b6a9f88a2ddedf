// The sidebar beside the open dialog: the client's card (names, phone, an
// identity per channel, the source), the funnel status, the responsible, tags,
// price and custom fields, tasks, and the dialog's actions.
#pragma once

#include <imgui.h>

#include "app/format.hpp"
#include "app/inbox_app.hpp"
#include "ui/task_editor.hpp"

namespace ui {

// The fields being typed into; reset when another dialog opens.
struct SidebarState {
  core::Id dialog = core::kNoId;
  char price[32] = "";
  std::int64_t price_shown = -1;  // the row's price the field was filled from
  bool price_active = false;      // being typed into (last frame)
  TaskEditorState tasks;
  char tag_search[64] = "";
  char field_name[64] = "";
  char field_value[128] = "";
  char field_edit[128] = "";  // the value of the field being edited
  int field_editing = -1;
};

struct SidebarContext {
  const app::DialogView& view;
  const core::Directory& directory;
  core::TimeMs now;
  std::int64_t utc_offset_ms;
  app::Locale locale;
  app::AvatarCache* pictures = nullptr;  // the clients' pictures; null: initials
};

void draw_sidebar(const SidebarContext& ctx, ImVec2 pos, ImVec2 size, SidebarState& state,
                  app::Intents& intents);

}  // namespace ui
