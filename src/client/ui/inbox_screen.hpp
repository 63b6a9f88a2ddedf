// The whole Chats screen: header with the mode tabs and search, the dialog
// table below, and the open dialog's window on the right.
#pragma once

#include <optional>
#include <string>

#include "app/format.hpp"
#include "app/inbox_app.hpp"
#include "app/list_window.hpp"
#include "ui/account_settings.hpp"
#include "ui/channels_dialog.hpp"
#include "ui/dialog_window.hpp"
#include "ui/list_bars.hpp"
#include "ui/profile_window.hpp"
#include "ui/settings_menu.hpp"
#include "ui/shortcuts_overlay.hpp"
#include "ui/toast.hpp"

namespace ui {

// What the screen keeps between frames that is not the app's state: the text
// being typed into the search box, the dialog window's composer and scrolling.
struct ScreenState {
  char search[256] = "";
  DialogWindowState dialog;
  ToastState toast;
  ListBarsState bars;
  std::optional<SettingsView> settings;  // the settings menu shows when set (the operator app)
  SettingsChoice settings_choice;        // what was chosen in it this frame
  ChannelsDialogState channels;          // the channel screen, opened from the settings menu
  AccountSettingsState account;          // the account settings, opened from the settings menu
  ProfileState profile;                  // the operator's own profile, from the settings menu
  std::string server_url;                // the API's address, for the website chat's snippet
  ShortcutsState shortcuts;
  app::ScrollSettle table_scroll;  // the table's view, for fetching where it settles
};

struct ScreenContext {
  const app::InboxApp& app;
  core::TimeMs now;
  std::int64_t utc_offset_ms;
  app::Locale locale;
  app::AvatarCache* pictures = nullptr;  // the clients' pictures; null: initials
};

// Returns true while something on screen is timed (a toast, a list view
// settling), so frames keep coming.
bool draw_inbox_screen(const ScreenContext& ctx, ScreenState& state, app::Intents& intents);

}  // namespace ui
