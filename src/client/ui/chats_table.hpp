// The dialog list: a virtualized table with the columns of the Chats section.
#pragma once

#include "app/format.hpp"
#include "app/inbox_app.hpp"
#include "app/list_window.hpp"

#include <string>

namespace ui {

struct TableContext {
  const app::ListView& list;
  const core::Directory& directory;
  core::TimeMs now;
  std::int64_t utc_offset_ms;
  app::Locale locale;
  const app::PresenceBoard* presence = nullptr;  // other operators in the rows' dialogs
  app::AvatarCache* pictures = nullptr;          // the clients' pictures; null: initials
};

// What a row says about other operators in its dialog: «Анна печатает…» in
// place of the preview while someone types, an eye before it while someone
// only views. Published as "row:<id>:presence".
struct RowPresence {
  core::PresenceState state = core::PresenceState::Left;
  std::string text;
};
RowPresence row_presence(const TableContext& ctx, core::Id dialog);

// Draws the table; `scroll` follows its view between frames. True while a
// jump down the list waits for the view to settle (a timed frame is wanted).
bool draw_chats_table(const TableContext& ctx, app::ScrollSettle& scroll, app::Intents& intents);

}  // namespace ui
