// The bars between the header and the table: the toolbar (write first,
// filters, bulk actions, reset), the filters bar and the active filters as
// chips; and the write-first dialog they open.
#pragma once

#include <array>

#include <imgui.h>

#include "app/filter_state.hpp"
#include "app/format.hpp"
#include "app/inbox_app.hpp"

namespace ui {

// What the bars keep between frames that is not the app's state.
struct WriteFirstFormState {
  bool open = false;
  bool opening = false;  // open the modal on the next frame
  int seen_done = 0;     // app::WriteFirstView::done when the form opened
  core::Id source = core::kNoId;
  char to[128] = "";
  char text[2048] = "";
};

struct ListBarsState {
  bool filters_open = false;
  std::array<char[64], app::kFilterKindCount> search{};  // each popup's own search
  char custom_from[16] = "";
  char custom_to[16] = "";
  std::string custom_error;
  WriteFirstFormState write_first;
};

struct ListBarsContext {
  const app::InboxApp& app;
  core::TimeMs now;
  std::int64_t utc_offset_ms;
  app::Locale locale;
  bool search_active;  // the search box has text: × resets it too
};

// Draws the toolbar, and the filters and chips rows when shown, from `origin`
// across `width`; returns the height they took.
float draw_list_bars(const ListBarsContext& ctx, ImVec2 origin, float width, ListBarsState& state,
                     app::Intents& intents);
// Toolbar pieces (ui/toolbar.cpp, ui/filters_bar.cpp, ui/bulk_bar.cpp).
// The filter pills from the cursor, wrapping before `right`; filter_pill_lines
// says how many lines they take in `width`.
void draw_filter_pills(const ListBarsContext& ctx, float right, ListBarsState& state,
                       app::Intents& intents);
int filter_pill_lines(const ListBarsContext& ctx, float width);
// Returns false when there is no chip to draw.
bool draw_filter_chips(const ListBarsContext& ctx, float right, app::Intents& intents);
// The selection's controls; `compact` (a narrow list, on a row of their own)
// uses short labels and keeps within `right`.
void draw_bulk_controls(const ListBarsContext& ctx, bool compact, float right,
                        app::Intents& intents);
// True when the bulk controls have something to show.
bool bulk_controls_shown(const ListBarsContext& ctx);
// The modal write-first dialog; drawn every frame, shows while state.open.
void draw_write_first_dialog(const ListBarsContext& ctx, WriteFirstFormState& state,
                             app::Intents& intents);

}  // namespace ui
