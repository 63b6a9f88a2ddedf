// The owner's channel screen, opened from the settings menu: the account's
// sources with their health (on / off), and the form that connects a new one
// with its credentials, which the server checks with the channel first.
#pragma once

#include <array>
#include <map>
#include <string>

#include "app/inbox_app.hpp"

namespace ui {

struct ChannelsDialogState {
  bool opening = false;  // set by the settings menu: opens at the next frame
  bool open = false;
  core::ChannelKind channel = core::ChannelKind::TelegramBot;
  char name[128] = "";
  std::map<std::string, std::array<char, 512>> values;  // by ConnectField::key
  char base_url[256] = "";
  bool advanced = false;
  int seen_connected = 0;
  char snippet[512] = "";  // the website chat's line, once one is connected
};

void draw_channels_dialog(const app::InboxApp& app, app::Locale locale,
                          const std::string& server_url, ChannelsDialogState& state,
                          app::Intents& intents);

}  // namespace ui
