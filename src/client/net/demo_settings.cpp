// The demo's account settings: changes checked by app/settings_change's rules
// and applied to the demo's directory; a deleted status's dialogs move as the
// server moves them, each change announced by the events the server sends.
#include <algorithm>

#include "core/dialog_change.hpp"
#include "core/text.hpp"
#include "net/demo_backend.hpp"

namespace net {

// The directory's generation grows after the answer, as the server's answer
// comes before its directory_changed.
void DemoBackend::answer_settings(SettingsAnswer a, SettingsDone done) {
  finished_.push_back([this, a = std::move(a), done = std::move(done)]() mutable {
    done(std::move(a));
    ++directory_generation_;
  });
}

void DemoBackend::change_settings(const app::SettingsChange& change, SettingsDone done) {
  SettingsAnswer a;
  core::Directory& dir = generator_.directory();
  a.error = app::check_settings(change, dir, operator_id(), app::Locale::En);
  if (!a.error.empty()) {
    a.code = "invalid";
  } else if (change.item == app::SettingsItem::Operator && change.invite) {
    a.code = "demo_no_invitations";  // nobody could open a link to the page's own data
  } else if (change.item == app::SettingsItem::Block) {
    if (change.remove) {
      block_list_.erase(
          std::remove_if(block_list_.begin(), block_list_.end(),
                         [&](const app::BlockEntry& e) { return e.id == change.block.id; }),
          block_list_.end());
    } else {
      app::BlockEntry e = change.block;
      e.id = next_setting_id_++;
      a.id = e.id;
      block_list_.push_back(std::move(e));
    }
  } else {
    a.id = change.id() == core::kNoId ? next_setting_id_++ : change.id();
    if (change.item == app::SettingsItem::Status && change.remove) {
      for (core::DialogRow& row : rows_) {
        if (row.dialog.status_id != change.status.id) continue;
        if (change.move_to == core::kNoId) {
          row.dialog.status_id = core::kNoId;
        } else {
          // The core's rule: a closing status archives the dialog, as on the server.
          core::apply(core::DialogChange::status(change.move_to), row.dialog, dir,
                      next_message_id_);
        }
        core::Event e;
        e.kind = core::EventKind::DialogChanged;
        e.row = row;
        publish(std::move(e));
      }
    }
    apply_settings(dir, change, a.id);
    core::Event e;
    e.kind = core::EventKind::DirectoryChanged;
    publish(std::move(e));
  }
  answer_settings(std::move(a), std::move(done));
}

void DemoBackend::request_block_list(SettingsDone done) {
  SettingsAnswer a;
  a.block_list = block_list_;
  finished_.push_back([a = std::move(a), done = std::move(done)]() mutable { done(std::move(a)); });
}

void DemoBackend::request_status_usage(SettingsDone done) {
  SettingsAnswer a;
  for (const core::DialogRow& row : rows_) {
    if (row.dialog.status_id != core::kNoId) ++a.status_usage[row.dialog.status_id];
  }
  finished_.push_back([a = std::move(a), done = std::move(done)]() mutable { done(std::move(a)); });
}

void DemoBackend::change_profile(const app::ProfileChange& change, SettingsDone done) {
  SettingsAnswer a;
  core::Directory& dir = generator_.directory();
  if (change.what == app::ProfileChange::What::Password) {
    a.code = "demo_no_passwords";
  } else if (change.what == app::ProfileChange::What::Avatar) {
    if (!dir.operators.empty())
      dir.operators.front().avatar_url = change.avatar_url;  // in the page
    core::Event e;
    e.kind = core::EventKind::DirectoryChanged;
    publish(std::move(e));
  } else if (core::trim(change.name).empty()) {
    a.code = "operator_without_name";
  } else if (!dir.operators.empty()) {
    dir.operators.front().name = std::string(core::trim(change.name));
    core::Event e;
    e.kind = core::EventKind::DirectoryChanged;
    publish(std::move(e));
  }
  answer_settings(std::move(a), std::move(done));
}

}  // namespace net
