// Intents to queries and dialog actions, and backend answers into the list
// view and the open dialog.
#include "app/inbox_app.hpp"

#include <algorithm>

#include "app/list_window.hpp"
#include "app/live_apply.hpp"

namespace app {

InboxApp::InboxApp(std::unique_ptr<net::Backend> backend) : backend_(std::move(backend)) {
  backend_->set_event_sink([this](const core::Event& event) { on_event(event); });
  reload();
}

void InboxApp::apply(const Intents& in) {
  if (in.login) backend_->login(in.login->email, in.login->password);
  bool query_changed = false;
  if (in.mode && *in.mode != list_.query.mode) {
    list_.query.mode = *in.mode;
    list_.selection.clear();
    query_changed = true;
  }
  if (in.search && *in.search != list_.query.filter.search) {
    list_.query.filter.search = *in.search;
    query_changed = true;
  }
  if (in.sort && (in.sort->key != list_.query.sort.key ||
                  in.sort->descending != list_.query.sort.descending)) {
    list_.query.sort = *in.sort;
    query_changed = true;
  }
  if (in.click_row) {
    if (in.extend) {
      list_.selection.extend(*in.click_row, list_.page.rows);
    } else if (in.toggle) {
      list_.selection.toggle(*in.click_row);
    } else {
      list_.selection.click(*in.click_row);
      open(*in.click_row);
    }
  }
  if (in.close_dialog) close_dialog(dialog_);
  if (in.draft && dialog_.open()) dialog_.draft = *in.draft;
  if (in.send) send();
  if (in.accept) act(&net::Backend::accept);
  if (in.archive) act(&net::Backend::archive);
  if (apply_list(in.list)) query_changed = true;
  if (query_changed) reload();
}

bool InboxApp::update(core::TimeMs now) {
  return backend_->pump(now);
}

void InboxApp::on_event(const core::Event& event) {
  if (event.kind == core::EventKind::Resync) {
    reload();
  } else {
    app::apply(list_, event);
    app::apply(dialog_, event);
  }
}

void InboxApp::open(core::Id id) {
  const auto& rows = list_.page.rows;
  auto it = std::find_if(rows.begin(), rows.end(),
                         [id](const core::DialogRow& r) { return r.dialog.id == id; });
  if (it != rows.end()) open_row(*it);
}

void InboxApp::open_row(const core::DialogRow& row) {
  const core::Id id = row.dialog.id;
  const bool same = dialog_.id == id;
  open_dialog(dialog_, row);
  if (same) return;
  dialog_.loading = true;
  const int generation = dialog_.generation;
  backend_->request_messages(id, kHistoryMessages, [this, generation](net::MessagesAnswer a) {
    if (generation != dialog_.generation) return;
    dialog_.error = a.error;
    merge_history(dialog_, a.messages);
  });
}

void InboxApp::send() {
  std::string text = dialog_.draft;
  const bool blank = std::all_of(text.begin(), text.end(),
                                 [](char c) { return c == ' ' || c == '\n' || c == '\t'; });
  if (!dialog_.open() || dialog_.sending || blank) return;
  dialog_.sending = true;
  dialog_.draft.clear();
  dialog_.error.clear();
  const int generation = dialog_.generation;
  backend_->send_message(dialog_.id, text, [this, generation, text](net::DialogAnswer a) {
    if (generation != dialog_.generation) return;
    dialog_.sending = false;
    if (!a.error.empty()) {
      dialog_.error = "Не отправлено: " + a.error;
      if (dialog_.draft.empty()) {
        dialog_.draft = text;
        ++dialog_.draft_revision;
      }
      return;
    }
    if (a.row) take_row(*a.row, a.message);
  });
}

void InboxApp::act(void (net::Backend::*action)(core::Id, net::Backend::DialogDone)) {
  if (!dialog_.open()) return;
  dialog_.error.clear();
  const int generation = dialog_.generation;
  (backend_.get()->*action)(dialog_.id, [this, generation](net::DialogAnswer a) {
    if (generation != dialog_.generation) return;
    dialog_.error = a.error;
    if (a.row) take_row(*a.row, a.message);
  });
}

// An answer's row goes through the same path as its live event, which may
// arrive before or after it: both are idempotent.
void InboxApp::take_row(const core::DialogRow& row, const std::optional<core::Message>& message) {
  core::Event e;
  e.kind = message ? core::EventKind::MessageAdded : core::EventKind::DialogChanged;
  e.row = row;
  e.message = message;
  on_event(e);
}

void InboxApp::reload() {
  const int generation = ++generation_;
  list_.loading = true;
  list_.fetching_window = false;
  list_.window_error.clear();
  if (list_.selection.all_matching()) list_.selection.clear();  // it named the old view
  backend_->request_list(list_.query, kWindowRows, [this, generation](ListPage page) {
    if (generation != generation_) return;
    list_.page = std::move(page);
    list_.loading = false;
  });
}

}  // namespace app
