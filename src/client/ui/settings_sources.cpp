// The sources section: the connected sources with their health, and the way
// to the channel screen that connects new ones. Ids: "settings:source:<id>",
// "settings:sources:channels".
#include <string>

#include "app/channel_setup.hpp"
#include "core/channels.hpp"
#include "ui/controls.hpp"
#include "ui/icons.hpp"
#include "ui/settings_parts.hpp"
#include "ui/theme.hpp"
#include "ui/widget_registry.hpp"

namespace ui {

void draw_sources_section(const SettingsContext& ctx, AccountSettingsState& s, app::Intents&) {
  const app::Locale l = ctx.locale;
  const Palette& p = palette();
  const app::ChannelsView& channels = ctx.app.channels();
  section_title(tr(l, "Источники", "Sources"),
                tr(l, "Подключённые аккаунты мессенджеров и их состояние.",
                   "The connected messenger accounts and their health."));
  if (ctx.can_open_channels) {
    if (pill("settings:sources:channels",
             tr(l, "Подключить или настроить каналы…", "Connect or set up channels…"),
             PillLook::Primary, 34)) {
      s.open = false;
      s.open_channels = true;
      ImGui::CloseCurrentPopup();
    }
  } else {
    muted_text(tr(l, "В демо каналы не подключаются: для этого нужен сервер.",
                  "The demo connects no channels: that needs the server."));
  }
  ImGui::Spacing();
  if (!channels.error.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, p.overdue);
    ImGui::TextWrapped("%s", channels.error.c_str());
    ImGui::PopStyleColor();
  }
  ImGui::BeginChild("source-list", ImVec2(0, 0), false);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  for (const core::Source& src : ctx.app.directory().sources) {
    const app::SourceStatus* status = nullptr;
    for (const app::SourceStatus& st : channels.sources) {
      if (st.id == src.id) status = &st;
    }
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const float w = ImGui::GetContentRegionAvail().x;
    const float h = 52;
    dl->AddRectFilled(at, ImVec2(at.x + w, at.y + h), p.panel_bg, 8);
    const icon::ChannelLook look = icon::channel_look(src.channel);
    draw_text(dl, fonts().regular, ImVec2(at.x + 12, at.y + 8), rgb(look.color), look.glyph);
    draw_text(dl, fonts().bold, ImVec2(at.x + 40, at.y + 6), p.text, src.name);
    const core::ChannelInfo& info = core::channel_info(src.channel);
    const std::string line = std::string(l == app::Locale::Ru ? info.name_ru : info.name_en) +
                             (src.address.empty() ? "" : "  ·  " + src.address);
    draw_text(dl, fonts().small, ImVec2(at.x + 40, at.y + 28), p.text_muted, line);
    const std::string health = status             ? app::source_health(*status, l)
                               : channels.loading ? tr(l, "Загрузка…", "Loading…")
                                                  : "";
    const bool bad = status && status->connected && status->enabled && !status->last_error.empty();
    const bool good = status && status->connected && status->enabled && status->last_error.empty();
    const ImVec2 hs = text_size(fonts().small, health);
    draw_text(dl, fonts().small, ImVec2(at.x + w - hs.x - 14, at.y + 17),
              bad    ? p.overdue
              : good ? p.accent
                     : p.text_muted,
              health);
    widgets().publish("settings:source:" + std::to_string(src.id), src.name + " — " + health, at.x,
                      at.y, w, h);
    ImGui::Dummy(ImVec2(w, h + 4));
  }
  ImGui::EndChild();
}

}  // namespace ui
