// A popup under the gear: two segmented choices, a checkbox and a link-like row.
#include "ui/settings_menu.hpp"

#include "ui/controls.hpp"
#include "ui/theme.hpp"
#include "ui/widget_registry.hpp"

namespace ui {
namespace {

constexpr const char* kGear = "\xef\x80\x93";      // U+F013
constexpr const char* kBell = "\xef\x83\xb3";      // U+F0F3
constexpr const char* kQuestion = "\xef\x81\x99";  // U+F059
constexpr const char* kChats = "\xef\x82\x86";     // U+F086
constexpr const char* kSliders = "\xef\x80\x93";   // U+F013 (the gear)
constexpr const char* kUser = "\xef\x80\x87";      // U+F007
const ImVec2 kChoiceSize(112, 30);

void caption(const char* text) {
  ImGui::PushStyleColor(ImGuiCol_Text, palette().text_muted);
  ImGui::PushFont(fonts().small);
  ImGui::TextUnformatted(text);
  ImGui::PopFont();
  ImGui::PopStyleColor();
}

}  // namespace

void draw_settings_menu(const SettingsView& view, ImVec2 right, float height,
                        SettingsChoice& choice) {
  const Palette& p = palette();
  const app::Locale l = view.locale;
  const ImVec2 pos(right.x - kSettingsButtonWidth, right.y);
  ImGui::SetCursorScreenPos(pos);
  const char* title = tr(l, "Настройки", "Settings");
  if (ImGui::InvisibleButton("settings", ImVec2(kSettingsButtonWidth, height))) {
    ImGui::OpenPopup("settings-menu");
  }
  const bool hovered = ImGui::IsItemHovered();
  widgets().publish_item("settings", title);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 center(pos.x + kSettingsButtonWidth / 2, pos.y + height / 2);
  if (hovered) dl->AddCircleFilled(center, 16, p.row_hover);
  const ImVec2 gs = text_size(fonts().regular, kGear);
  draw_text(dl, fonts().regular, ImVec2(center.x - gs.x / 2, center.y - gs.y / 2),
            hovered ? p.text : p.text_muted, kGear);

  ImGui::SetNextWindowPos(ImVec2(right.x - 8, right.y + height - 4), ImGuiCond_Always,
                          ImVec2(1, 0));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(16, 14));
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(8, 8));
  ImGui::PushStyleVar(ImGuiStyleVar_PopupRounding, 10);
  if (ImGui::BeginPopup("settings-menu")) {
    ImGui::PushFont(fonts().bold);
    ImGui::TextUnformatted(title);
    ImGui::PopFont();
    caption(tr(l, "Тема", "Theme"));
    if (auto dark =
            segmented("theme", tr(l, "Светлая", "Light"), tr(l, "Тёмная", "Dark"), view.dark,
                      "settings:theme:light", "settings:theme:dark", kChoiceSize)) {
      choice.dark = *dark;
    }
    caption(tr(l, "Язык", "Language"));
    if (auto en = segmented("locale", "Русский", "English", l == app::Locale::En,
                            "settings:locale:ru", "settings:locale:en", kChoiceSize)) {
      choice.locale = *en ? app::Locale::En : app::Locale::Ru;
    }
    ImGui::Spacing();
    bool notify = view.notifications;
    const std::string notify_label =
        std::string(kBell) + "  " + tr(l, "Уведомления и звук", "Notifications and sound");
    if (ImGui::Checkbox(notify_label.c_str(), &notify)) choice.notifications = notify;
    widgets().publish_item("settings:notifications", notify_label);
    if (view.has_profile || view.can_manage_account || view.can_manage_channels) {
      ImGui::Separator();
    }
    if (view.has_profile) {
      const std::string profile = std::string(kUser) + "  " + tr(l, "Мой профиль…", "My profile…");
      if (ImGui::Selectable(profile.c_str(), false, 0, ImVec2(230, 26))) {
        choice.open_profile = true;
        ImGui::CloseCurrentPopup();
      }
      widgets().publish_item("settings:profile", profile);
    }
    if (view.can_manage_account) {
      const std::string account =
          std::string(kSliders) + "  " + tr(l, "Настройки аккаунта…", "Account settings…");
      if (ImGui::Selectable(account.c_str(), false, 0, ImVec2(230, 26))) {
        choice.open_account = true;
        ImGui::CloseCurrentPopup();
      }
      widgets().publish_item("settings:account:open", account);
    }
    if (view.can_manage_channels) {
      const std::string channels =
          std::string(kChats) + "  " + tr(l, "Каналы и источники…", "Channels and sources…");
      if (ImGui::Selectable(channels.c_str(), false, 0, ImVec2(230, 26))) {
        choice.open_channels = true;
        ImGui::CloseCurrentPopup();
      }
      widgets().publish_item("settings:channels", channels);
    }
    if (!view.help_url.empty()) {
      ImGui::Separator();
      const std::string help =
          std::string(kQuestion) + "  " + tr(l, "Помощь / поддержка", "Help / support");
      if (ImGui::Selectable(help.c_str(), false, 0, ImVec2(230, 26))) {
        choice.open_help = true;
        ImGui::CloseCurrentPopup();
      }
      widgets().publish_item("settings:help", help);
    }
    ImGui::EndPopup();
  }
  ImGui::PopStyleVar(3);
}

}  // namespace ui
