// The owner's account settings window, opened from the gear menu: a rail of
// sections (operators, funnel statuses, tags, templates, block list,
// sources) beside the chosen one. Drawing only: every change is an intent.
#pragma once

#include <set>
#include <string>

#include "app/inbox_app.hpp"

namespace ui {

enum class SettingsSection { Operators, Statuses, Tags, Templates, BlockList, Sources };

// What the window keeps between frames that is not the app's: the open
// section and the text of the forms being typed.
struct AccountSettingsState {
  bool opening = false;  // set by the gear menu: opens at the next frame
  bool open = false;
  bool open_channels = false;  // the Sources section asked for the channel screen
  SettingsSection section = SettingsSection::Statuses;
  // Renaming an item in place (a status or a tag): its id and the text.
  core::Id renaming = core::kNoId;
  char rename[128] = "";
  // Statuses.
  char new_status[128] = "";
  core::Id deleting_status = core::kNoId;  // asks where its dialogs go
  core::Id move_to = core::kNoId;
  // Tags.
  char new_tag[128] = "";
  std::uint32_t new_tag_color = 0x2563EB;
  // Templates: the one edited (kNoId: a new one).
  core::Id template_id = core::kNoId;
  char template_title[200] = "";
  char template_text[4000] = "";
  // A variable's button was pressed: its placeholder goes into the text at the
  // next frame, once the text field has let go of its own copy.
  std::string template_insert;
  // Operators: the one edited (kNoId: a new one).
  core::Id operator_id = core::kNoId;
  char op_name[128] = "";
  char op_email[320] = "";
  char op_password[128] = "";
  bool op_admin = false;
  bool op_supervisor = false;
  bool op_invite = false;  // a new one gets an invitation link instead of a password
  std::set<core::Id> op_sources;
  std::string link_closed;  // the invitation link the admin closed (not shown again)
  // Block list.
  int block_kind = 2;  // app::BlockKind
  char block_value[200] = "";
  char block_search[128] = "";
};

struct SettingsContext {
  const app::InboxApp& app;
  app::Locale locale;
  bool can_open_channels;  // the channel screen exists (not in the static demo)
};

void draw_account_settings(const SettingsContext& ctx, AccountSettingsState& state,
                           app::Intents& intents);

}  // namespace ui
