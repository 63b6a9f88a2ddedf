// The app's centred modal card (write first, channels, account settings):
// rounded and padded, neither moved nor resized, no title bar of ImGui's own.
#pragma once

#include <imgui.h>

#include "app/format.hpp"

namespace ui {

struct ModalCardLook {
  ImVec2 size;            // capped to the viewport less a margin; height 0 fits the content
  float center_y = 0.5f;  // where the card's centre stands, as a share of the viewport
  ImVec2 window_padding = ImVec2(24, 20);
  ImVec2 frame_padding = ImVec2(12, 8);
  float frame_rounding = -1;  // below 0: the theme's
};

// True while the popup is open: draw its content, then call end_modal_card().
bool begin_modal_card(const char* popup, const ModalCardLook& look);
void end_modal_card();

// The card's first line: the title in the title font, a Close pill at the right
// (published as close_id). True when it was clicked or Escape was pressed while no
// popup of the card's own was open.
bool modal_card_title(const char* title, const char* close_id, app::Locale l);

}  // namespace ui
