// A client's round avatar: initials on a colour from the client id, with the
// channel's badge on its corner. Shared by the table and the dialog window.
#pragma once

#include <string>

#include <imgui.h>

#include "core/entities.hpp"

namespace ui {

void draw_avatar(ImDrawList* dl, ImVec2 center, float diameter, const core::DialogRow& row);

// The name the operator reads for a client: display name, else nick, else
// the phone as people write it.
std::string client_name(const core::Client& client);

}  // namespace ui
