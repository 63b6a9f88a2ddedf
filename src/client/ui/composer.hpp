// The composer under the dialog's history: a multi-line field (Enter sends,
// Shift+Enter breaks the line), the reply target for a dialog from a post,
// attachments with upload progress, note mode, templates (a button or "/"),
// and marking the dialog unread.
#pragma once

#include <imgui.h>

#include <string>
#include <vector>

#include "app/format.hpp"
#include "app/inbox_app.hpp"

namespace ui {

// What the composer keeps between frames that is not the app's state: the text
// buffer (mirrored to the app as Intents::draft) and the template list.
struct ComposerState {
  char text[4096] = "";
  core::Id dialog = core::kNoId;  // the dialog and draft revision the buffer holds
  int revision = -1;
  bool refocus = false;  // give the field focus again (after sending, after a template)
  bool report = false;   // the buffer changed other than by typing (a template): tell the app
  bool templates_open = false;  // opened with the button (with its own search field)
  char template_search[64] = "";
  // The variables the last chosen template could not fill: shown under the
  // field while the text still holds them.
  std::vector<std::string> unfilled;
};

struct ComposerContext {
  const app::DialogView& view;
  const core::Directory& directory;
  app::Locale locale;
  core::TimeMs now = 0;
  core::Id operator_id = core::kNoId;  // fills {{operator.name}}
};

// The composer's height for the dialog as it is (rows for a warning, a reply
// target and attachments).
float composer_height(const app::DialogView& view, core::TimeMs now);

void draw_composer(const ComposerContext& ctx, ImVec2 pos, float width, ComposerState& state,
                   app::Intents& intents);

}  // namespace ui
