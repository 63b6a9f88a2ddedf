// The picture or the initials and colour of the avatar, and the channel badge
// (see avatar.hpp).
#include "ui/avatar.hpp"

#include <cstdint>
#include <string>

#include "app/format.hpp"
#include "app/phone.hpp"
#include "ui/icons.hpp"
#include "ui/theme.hpp"
#include "ui/widget_registry.hpp"

namespace ui {
namespace {

std::uint32_t avatar_color(core::Id id) {
  static const std::uint32_t colors[] = {0x60A5FA, 0xF472B6, 0x34D399, 0xFBBF24, 0xA78BFA,
                                         0xF87171, 0x38BDF8, 0xFB923C, 0x4ADE80, 0xC084FC};
  return colors[static_cast<std::size_t>(id) % (sizeof colors / sizeof *colors)];
}

// What the avatar shows, for the widget registry: a picture still on its way
// is told apart from initials that stay.
const char* published_look(const app::AvatarImage* picture, const app::AvatarCache* pictures,
                           const std::string& url) {
  if (picture) return "image";
  if (!pictures || url.empty()) return "initials";
  const app::AvatarState state = pictures->state(url);
  return state == app::AvatarState::Wanted || state == app::AvatarState::Loading ? "loading"
                                                                                 : "initials";
}

}  // namespace

std::string client_name(const core::Client& client) {
  if (!client.display_name.empty()) return client.display_name;
  if (!client.nick.empty()) return client.nick;
  return app::format_phone(client.phone);
}

void draw_avatar(ImDrawList* dl, ImVec2 center, float diameter, const core::DialogRow& row,
                 app::AvatarCache* pictures, std::string_view id) {
  const float r = diameter / 2;
  draw_face(dl, center, diameter, row.client.avatar_url, client_name(row.client), row.client.id,
            pictures, id);
  const icon::ChannelLook look = icon::channel_look(row.dialog.channel);
  const ImVec2 badge(center.x + r * 0.72f, center.y + r * 0.72f);
  dl->AddCircleFilled(badge, 9.5f, palette().window_bg, 20);
  dl->AddCircleFilled(badge, 8.0f, rgb(look.color), 20);
  ImFont* icons = fonts().small;
  const ImVec2 gs = text_size(icons, look.glyph);
  draw_text(dl, icons, ImVec2(badge.x - gs.x / 2, badge.y - gs.y / 2), rgb(0xFFFFFF), look.glyph);
}

void draw_face(ImDrawList* dl, ImVec2 center, float diameter, const std::string& url,
               const std::string& name, core::Id seed, app::AvatarCache* pictures,
               std::string_view id) {
  const float r = diameter / 2;
  const app::AvatarImage* picture = pictures && !url.empty() ? pictures->use(url) : nullptr;
  if (picture) {
    // A rectangle rounded by its radius is a circle; the texture is square.
    const auto texture =
        reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(picture->texture));
    dl->AddImageRounded(texture, ImVec2(center.x - r, center.y - r),
                        ImVec2(center.x + r, center.y + r), ImVec2(0, 0), ImVec2(1, 1),
                        IM_COL32_WHITE, r);
  } else {
    dl->AddCircleFilled(center, r, rgb(avatar_color(seed)), 32);
    const std::string letters = app::initials(name);
    ImFont* font = diameter >= 56 ? fonts().title : fonts().bold;
    const ImVec2 ts = text_size(font, letters);
    draw_text(dl, font, ImVec2(center.x - ts.x / 2, center.y - ts.y / 2), rgb(0xFFFFFF),
              letters.c_str());
  }
  widgets().publish(id, published_look(picture, pictures, url), center.x - r, center.y - r,
                    diameter, diameter);
}

}  // namespace ui
