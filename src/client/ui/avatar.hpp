// A client's round avatar: the client's picture once it has loaded, else
// initials on a colour from the client id; the channel's badge on its corner.
// Shared by the table, the compact list, the dialog header and the sidebar.
#pragma once

#include <string>
#include <string_view>

#include <imgui.h>

#include "app/avatar_cache.hpp"
#include "core/entities.hpp"

namespace ui {

// The largest avatar drawn (the sidebar's card): pictures are loaded for it.
constexpr float kLargestAvatar = 56.0f;

// `pictures` null: initials only. Published as `id` with the label "image",
// "loading" (initials until the picture comes) or "initials", so a test sees
// which one a row shows.
void draw_avatar(ImDrawList* dl, ImVec2 center, float diameter, const core::DialogRow& row,
                 app::AvatarCache* pictures, std::string_view id);
// The same circle for anyone: the picture at `url`, else the initials of
// `name` on a colour picked by `seed`; published as `id` like a client's.
void draw_face(ImDrawList* dl, ImVec2 center, float diameter, const std::string& url,
               const std::string& name, core::Id seed, app::AvatarCache* pictures,
               std::string_view id);

// The name the operator reads for a client: display name, else nick, else
// the phone as people write it.
std::string client_name(const core::Client& client);

}  // namespace ui
