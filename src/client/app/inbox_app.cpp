// Intents to queries and dialog actions, and backend answers into the list
// view and the open dialog.
#include "app/inbox_app.hpp"

#include <algorithm>
#include <utility>

#include "core/codec.hpp"

#include "app/live_apply.hpp"

namespace app {

InboxApp::InboxApp(std::unique_ptr<net::Backend> backend) : backend_(std::move(backend)) {
  backend_->set_event_sink([this](const core::Event& event) { on_event(event); });
  reload();
}

void InboxApp::apply(const Intents& in) {
  if (in.login) backend_->login(in.login->email, in.login->password);
  bool query_changed = false;
  if (in.query && core::encode(*in.query) != core::encode(list_.query)) {
    list_.query = *in.query;
    list_.selection.clear();
    query_changed = true;
  }
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
  if (in.open_dialog) pending_open_ = *in.open_dialog;
  if (query_changed) {
    reload();
  } else if (!list_.loading) {
    open_pending();
  }
}

bool InboxApp::update(core::TimeMs now) {
  const bool changed = backend_->pump(now);
  notices_.observe(list_, dialog_, backend_->status().error);
  return changed || !notices_.empty();
}

void InboxApp::on_event(const core::Event& event) {
  if (event.kind == core::EventKind::Resync) {
    reload();
  } else {
    app::apply(list_, event);
    app::apply(dialog_, event);
    notices_.event(event, backend_->me());
  }
}

void InboxApp::open(core::Id id) {
  const auto& rows = list_.page.rows;
  auto it = std::find_if(rows.begin(), rows.end(),
                         [id](const core::DialogRow& r) { return r.dialog.id == id; });
  if (it == rows.end()) return;
  const bool same = dialog_.id == id;
  open_dialog(dialog_, *it);
  if (same) return;
  notices_.dialog_opened(id);
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
  backend_->request_list(list_.query, kPageRows, [this, generation](ListPage page) {
    if (generation != generation_) return;
    list_.page = std::move(page);
    list_.loading = false;
    open_pending();
  });
}

void InboxApp::open_pending() {
  if (pending_open_ == core::kNoId) return;
  const core::Id id = std::exchange(pending_open_, core::kNoId);
  open(id);
  if (dialog_.id == id) list_.selection.click(id);  // as if its row was clicked
  if (dialog_.id != id) notices_.error("Диалог " + std::to_string(id) + " не найден в этом списке");
}

}  // namespace app
