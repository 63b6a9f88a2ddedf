// The dialog list for narrow places (a CRM's side widget, a phone): one line
// of name and time, one of preview and unread badge, beside the avatar with
// its channel badge, instead of the table's columns.
#pragma once

#include "ui/chats_table.hpp"

namespace ui {

// Draws the list; `scroll` follows its view between frames. True while a
// window waits for the scrolling to settle (the caller keeps frames coming).
bool draw_compact_list(const TableContext& ctx, app::ScrollSettle& scroll, app::Intents& intents);

}  // namespace ui
