// The funnel status picker: a popup of the account's statuses, coloured and
// grouped (in progress, won, lost, not a lead). Opened from the table's Status
// column or the dialog's sidebar; one picker is on screen at a time.
#pragma once

#include <imgui.h>

#include "app/format.hpp"
#include "app/inbox_app.hpp"

namespace ui {

// Asks for the picker for a dialog's status, under the clicked chip (`top` and
// `bottom` are its corners in screen pixels), or above it near the screen's bottom.
void request_status_picker(core::Id dialog, core::Id current_status, ImVec2 top, ImVec2 bottom);

// Draws the picker when open; a choice becomes an edit in `intents`. Call once
// per frame from the screen's root window.
void draw_status_picker(const core::Directory& directory, app::Locale locale,
                        app::Intents& intents);

// A status as a soft coloured chip; returns its width.
float draw_status_chip(ImDrawList* dl, ImVec2 pos, const core::FunnelStatus& status,
                       float max_width);

}  // namespace ui
