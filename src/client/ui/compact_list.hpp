// The dialog list for narrow places (a CRM's side widget, a phone): one line
// of name and time, one of preview and unread badge, beside the avatar with
// its channel badge, instead of the table's columns.
#pragma once

#include "ui/chats_table.hpp"

namespace ui {

void draw_compact_list(const TableContext& ctx, app::Intents& intents);

}  // namespace ui
