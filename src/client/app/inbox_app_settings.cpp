// InboxApp's account settings: loading what the window shows beside the
// directory, and sending a change after the same checks the demo applies;
// and the operator's own profile.
#include <algorithm>

#include "app/inbox_app.hpp"
#include "app/problem_text.hpp"
#include "core/text.hpp"

namespace app {

void InboxApp::load_settings() {
  if (settings_.loading) return;
  settings_.loading = true;
  backend_->request_block_list([this](net::SettingsAnswer a) {
    settings_.loading = false;
    if (!a.code.empty() || !a.error.empty()) {
      settings_.error = problem_text(a.code, a.error, locale_);
      return;
    }
    settings_.block_list = std::move(a.block_list);
  });
  backend_->request_status_usage([this](net::SettingsAnswer a) {
    if (a.code.empty() && a.error.empty()) settings_.status_usage = std::move(a.status_usage);
  });
}

void InboxApp::change_settings(const SettingsChange& change) {
  settings_.error = check_settings(change, directory(), operator_id(), locale_);
  if (settings_.error.empty() && change.id() < 0) {
    settings_.error = locale_ == Locale::Ru ? "Подождите: это ещё сохраняется"
                                            : "Wait: this is still being saved";
  }
  if (!settings_.error.empty()) return;
  ++settings_.in_flight;
  const bool block = change.item == SettingsItem::Block;
  const bool status = change.item == SettingsItem::Status;
  const int ticket = ++next_setting_ticket_;
  if (block && change.remove) {
    // Shown gone at once; a refusal reloads the list as the server has it.
    auto& list = settings_.block_list;
    list.erase(std::remove_if(list.begin(), list.end(),
                              [&](const BlockEntry& e) { return e.id == change.block.id; }),
               list.end());
  } else if (!block && !change.link_only()) {
    const core::Id id = change.id() == core::kNoId ? -ticket : change.id();
    shown_settings_.push_back({ticket, change, id, false, 0});
    show_settings();
  }
  backend_->change_settings(change, [this, block, status, change, ticket](net::SettingsAnswer a) {
    --settings_.in_flight;
    auto shown = std::find_if(shown_settings_.begin(), shown_settings_.end(),
                              [ticket](const ShownSetting& x) { return x.ticket == ticket; });
    if (!a.code.empty() || !a.error.empty()) {
      settings_.error = problem_text(a.code, a.error, locale_);
      if (shown != shown_settings_.end()) shown_settings_.erase(shown);  // taken back
      show_settings();
      if (block) load_settings();
      return;
    }
    if (shown != shown_settings_.end()) {
      shown->answered = true;
      if (shown->id < 0) shown->id = a.id;
      shown->generation = backend_->directory_generation();
      show_settings();
    }
    settings_.error.clear();
    ++settings_.saved;
    settings_.last_saved = a.id;
    if (!a.invitation_url.empty()) {
      settings_.invitation_url = a.invitation_url;
      settings_.invitation_for = change.op.id > 0 ? change.op.id : a.id;
    }
    if (block && !change.remove) {
      BlockEntry e = change.block;
      e.id = a.id;
      settings_.block_list.push_back(std::move(e));
    }
    if (status && change.remove) {
      backend_->request_status_usage([this](net::SettingsAnswer u) {
        if (u.code.empty() && u.error.empty()) settings_.status_usage = std::move(u.status_usage);
      });
    }
  });
}

void InboxApp::show_settings() {
  if (shown_settings_.empty()) return;
  shown_directory_ = backend_->directory();
  for (const ShownSetting& s : shown_settings_) apply_settings(shown_directory_, s.change, s.id);
}

void InboxApp::settle_settings() {
  const int generation = backend_->directory_generation();
  const auto before = shown_settings_.size();
  shown_settings_.erase(std::remove_if(shown_settings_.begin(), shown_settings_.end(),
                                       [generation](const ShownSetting& s) {
                                         return s.answered && s.generation != generation;
                                       }),
                        shown_settings_.end());
  // The backend's directory may have been replaced under the changes still shown.
  if (shown_settings_.size() != before || !shown_settings_.empty()) show_settings();
}

void InboxApp::change_profile(const ProfileChange& change) {
  profile_.last = change.what;
  const bool password = change.what == ProfileChange::What::Password;
  profile_.error = password
                       ? account_problem_text(core::password_problem(change.new_password), locale_)
                       : std::string();
  if (change.what == ProfileChange::What::Name && core::trim(change.name).empty()) {
    profile_.error = problem_text("operator_without_name", "", locale_);
  }
  if (!profile_.error.empty() || profile_.sending) return;
  profile_.sending = true;
  backend_->change_profile(change, [this](net::SettingsAnswer a) {
    profile_.sending = false;
    if (!a.code.empty() || !a.error.empty()) {
      profile_.error = problem_text(a.code, a.error, locale_);
      return;
    }
    profile_.error.clear();
    ++profile_.saved;
  });
}

}  // namespace app
