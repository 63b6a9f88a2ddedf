// The dialog list: a virtualized table with the columns of the Chats section.
#pragma once

#include "app/format.hpp"
#include "app/inbox_app.hpp"

namespace ui {

struct TableContext {
  const app::ListView& list;
  const core::Directory& directory;
  core::TimeMs now;
  std::int64_t utc_offset_ms;
  app::Locale locale;
};

void draw_chats_table(const TableContext& ctx, app::Intents& intents);

}  // namespace ui
