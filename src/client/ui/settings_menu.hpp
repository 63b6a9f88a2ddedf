// The operator app's small settings menu behind a gear in the header: theme,
// language, notifications with sound, the channel screen (for an owner or
// admin) and the "Help / support" link.
#pragma once

#include <optional>
#include <string>

#include <imgui.h>

#include "app/format.hpp"

namespace ui {

// What the menu shows; the platform owns these settings.
struct SettingsView {
  bool dark = false;
  app::Locale locale = app::Locale::Ru;
  bool notifications = true;
  std::string help_url;              // "" hides the help entry
  bool can_manage_channels = false;  // an owner or admin: the channel screen's entry shows
  bool can_manage_account = false;   // an owner or admin: the account settings' entry shows
  bool has_profile = false;          // a signed-in operator: "My profile" shows
};

// What the operator chose in the menu during a frame.
struct SettingsChoice {
  std::optional<bool> dark;
  std::optional<app::Locale> locale;
  std::optional<bool> notifications;
  bool open_help = false;
  bool open_channels = false;
  bool open_account = false;
  bool open_profile = false;
  bool any() const {
    return dark || locale || notifications || open_help || open_channels || open_account ||
           open_profile;
  }
};

constexpr float kSettingsButtonWidth = 44.0f;

// The gear button with its right edge at `right` (header's top and height), and the menu.
void draw_settings_menu(const SettingsView& view, ImVec2 right, float height,
                        SettingsChoice& choice);

}  // namespace ui
