// Intents to queries and dialog actions, and backend answers into the list
// view and the open dialog. Dialog changes are shown at once (PendingChanges)
// and taken back with a notice when the backend refuses them.
#include "app/inbox_app.hpp"

#include <algorithm>
#include <utility>

#include "core/codec.hpp"

#include "app/attachments.hpp"
#include "app/list_window.hpp"
#include "app/live_apply.hpp"
#include "app/outbox_saved.hpp"
#include "app/problem_text.hpp"

namespace app {

InboxApp::InboxApp(std::unique_ptr<net::Backend> backend, std::string outbox_key,
                   const core::ViewQuery& first_view, LocalClock clock)
    : backend_(std::move(backend)), outbox_(std::move(outbox_key)) {
  backend_->set_event_sink([this](const core::Event& event) { on_event(event); });
  list_.query = first_view;
  filter_ = from_filter(list_.query.filter, clock);
  reload();
}

void InboxApp::apply(const Intents& in) {
  if (in.login) {
    backend_->login(in.login->email, in.login->password);
    avatars_.forget_failures();  // a new session may be allowed what the last one was refused
  }
  if (in.signup) backend_->signup(*in.signup);
  if (in.invitation) backend_->open_invitation(*in.invitation);
  if (in.pick_avatar) avatar_upload_ = true;
  if (in.accept_invitation) backend_->accept_invitation(*in.accept_invitation);
  bool query_changed = false;
  if (in.query && core::encode(*in.query) != core::encode(list_.query)) {
    list_.query = *in.query;
    filter_ = from_filter(list_.query.filter, in.list.clock);  // the filters bar shows it
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
  if (dialog_.open()) {
    if (in.draft) {
      dialog_.draft = *in.draft;
      reporter_.open(dialog_.id);
      reporter_.typed(now_);
    }
    if (in.note) dialog_.note = *in.note;
    if (in.reply_to) dialog_.reply_to = *in.reply_to;
    if (in.drop_attachment && *in.drop_attachment < dialog_.attachments.size()) {
      dialog_.attachments.erase(dialog_.attachments.begin() +
                                static_cast<std::ptrdiff_t>(*in.drop_attachment));
    }
    if (in.open_file) {
      if (can_open(*in.open_file)) {
        notices_.open_file(*in.open_file);
      } else {
        tell({0, Notice::What::OpenFile, core::ChangeKind::MarkRead, "no_copy", {}});
      }
    }
    if (in.accept) change(dialog_.id, core::DialogChange::accept());
    if (in.archive) change(dialog_.id, core::DialogChange::archive());
  }
  if (in.send) send();
  if (in.outbox_retry) outbox_.retry(*in.outbox_retry, now_);
  if (in.outbox_discard) outbox_.discard(*in.outbox_discard);
  if (in.delivery_retry && dialog_.open()) retry_delivery(*in.delivery_retry);
  if (in.load_channels) load_channels();
  if (in.connect_channel) connect_channel(*in.connect_channel);
  if (in.source_enabled) set_source_enabled(in.source_enabled->first, in.source_enabled->second);
  if (in.load_settings) load_settings();
  for (const SettingsChange& c : in.settings) change_settings(c);
  if (in.profile) change_profile(*in.profile);
  send_next();
  if (in.load_older) load_older();
  for (const DialogEdit& edit : in.edits) change(edit.dialog, edit.change);
  if (apply_list(in.list)) query_changed = true;
  if (in.open_dialog) pending_open_ = *in.open_dialog;
  if (query_changed) {
    reload();
  } else if (!list_.loading) {
    open_pending();
  }
}

bool InboxApp::update(core::TimeMs now) {
  now_ = now;
  const bool changed = backend_->pump(now);
  settle_settings();
  follow_live();
  send_next();
  const net::Status status = backend_->status();
  notices_.observe(list_, dialog_,
                   status.error.empty() && status.code.empty()
                       ? std::string()
                       : problem_text(status.code, status.error, locale_));
  return changed || !notices_.empty();
}

void InboxApp::on_event(const core::Event& event) {
  if (event.kind == core::EventKind::Resync) {
    reload();
    return;
  }
  const core::Id me = backend_->operator_id();
  if (event.kind == core::EventKind::Presence) {
    if (event.presence) presence_.apply(*event.presence, me, now_);
    return;
  }
  if (event.kind == core::EventKind::MessageAdded && event.message && me != core::kNoId &&
      event.message->author_id == me) {
    outbox_.echo(*event.message);
  }
  notices_.event(event, me);
  recent_.add(event);
  if (event.row && pending_.pending(event.row->dialog.id)) {
    core::Event shown = event;
    shown.row = pending_.rebase(*event.row, directory());
    app::apply(list_, shown);
    app::apply(dialog_, shown);
    return;
  }
  app::apply(list_, event);
  app::apply(dialog_, event);
}

void InboxApp::change(core::Id id, const core::DialogChange& c) {
  const core::DialogRow* row = shown_row(id);
  if (!row) return;
  PendingChanges::Started started = pending_.start(*row, c, directory());
  if (started.ticket == 0) {
    tell({0, Notice::What::Change, c.kind, started.outcome.code, started.outcome.error});
    return;
  }
  show(started.row);
  const int ticket = started.ticket;
  backend_->change(id, c, [this, ticket, kind = c.kind](net::DialogAnswer a) {
    if (!a.row) {
      if (auto row = pending_.refuse(ticket, directory())) show(*row);
      tell({0, Notice::What::Change, kind, a.code, a.error});
      return;
    }
    show(pending_.confirm(ticket, *a.row, directory()));
  });
}

void InboxApp::retry_delivery(core::Id message) {
  backend_->retry_delivery(dialog_.id, message, [this](net::DialogAnswer a) {
    if (!a.message) {
      tell({0, Notice::What::Retry, core::ChangeKind::MarkRead, a.code, a.error});
      return;
    }
    app::merge_message(dialog_, *a.message);  // pending again: the clock until the channel answers
  });
}

void InboxApp::load_channels() {
  if (channels_.loading) return;
  channels_.loading = true;
  backend_->request_sources([this](net::SourcesAnswer a) {
    channels_.loading = false;
    channels_.error =
        a.code.empty() && a.error.empty() ? "" : problem_text(a.code, a.error, locale_);
    if (!channels_.error.empty()) return;
    channels_.loaded = true;
    channels_.sources = std::move(a.sources);
    // Connected sources first: they are what the screen is about.
    std::stable_partition(channels_.sources.begin(), channels_.sources.end(),
                          [](const SourceStatus& s) { return s.connected; });
    channels_.connectable = std::move(a.connectable);
  });
}

void InboxApp::connect_channel(const ConnectForm& form) {
  if (channels_.connecting) return;
  channels_.connect_error = check_connect(form, locale_);
  if (!channels_.connect_error.empty()) return;
  channels_.connecting = true;
  backend_->connect_source(form, [this](net::SourceAnswer a) {
    channels_.connecting = false;
    if (!a.source) {
      channels_.connect_error = problem_text(a.code, a.error, locale_);
      return;
    }
    ++channels_.connected;
    channels_.last_connected = a.source->id;
    channels_.sources.insert(channels_.sources.begin(), std::move(*a.source));
  });
}

void InboxApp::set_source_enabled(core::Id source, bool enabled) {
  backend_->set_source_enabled(source, enabled, [this](net::SourceAnswer a) {
    if (!a.source) {
      channels_.error = problem_text(a.code, a.error, locale_);
      return;
    }
    channels_.error.clear();
    for (SourceStatus& s : channels_.sources) {
      if (s.id == a.source->id) s = std::move(*a.source);
    }
  });
}

void InboxApp::show(const core::DialogRow& row) {
  core::Event e;
  e.kind = core::EventKind::DialogChanged;
  e.row = row;
  app::apply(list_, e);
  app::apply(dialog_, e);
}

const core::DialogRow* InboxApp::shown_row(core::Id id) const {
  if (dialog_.open() && dialog_.id == id) return &dialog_.row;
  const auto& rows = list_.page.rows;
  auto it = std::find_if(rows.begin(), rows.end(),
                         [id](const core::DialogRow& r) { return r.dialog.id == id; });
  return it == rows.end() ? nullptr : &*it;
}

void InboxApp::tell(Notice notice) {
  notice.id = notice_.id + 1;
  notice_ = std::move(notice);
}

void InboxApp::upload_progress(const std::string& name, double fraction) {
  if (!dialog_.open() || avatar_upload_) return;  // a picture is not the composer's
  dialog_.upload = {name, std::clamp(fraction, 0.0, 1.0), true};
}

void InboxApp::upload_done(const core::Attachment& attachment) {
  if (avatar_upload_) {
    avatar_upload_ = false;
    ProfileChange c;
    c.what = ProfileChange::What::Avatar;
    c.avatar_url = attachment.url;
    change_profile(c);
    return;
  }
  dialog_.upload = {};
  if (dialog_.open()) dialog_.attachments.push_back(attachment);
}

void InboxApp::upload_failed(const std::string& reason) {
  if (avatar_upload_) {
    avatar_upload_ = false;
    profile_.last = ProfileChange::What::Avatar;
    profile_.error = reason;
    return;
  }
  dialog_.upload = {};
  tell({0, Notice::What::Upload, core::ChangeKind::MarkRead, {}, reason});
}

void InboxApp::open_failed(const std::string& code, const std::string& detail) {
  tell({0, Notice::What::OpenFile, core::ChangeKind::MarkRead, code, detail});
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
  notices_.dialog_opened(id);
  dialog_.loading = true;
  const int generation = dialog_.generation;
  backend_->request_messages(
      id, core::kNoId, kHistoryMessages, [this, generation](net::MessagesAnswer a) {
        if (generation != dialog_.generation) return;
        dialog_.error = a.error.empty() && a.code.empty() ? std::string()
                                                          : problem_text(a.code, a.error, locale_);
        dialog_.older_before = a.next_before;
        merge_history(dialog_, a.messages);
      });
}

void InboxApp::load_older() {
  if (!dialog_.open() || dialog_.loading || dialog_.loading_older ||
      dialog_.older_before == core::kNoId) {
    return;
  }
  dialog_.loading_older = true;
  const int generation = dialog_.generation;
  backend_->request_messages(dialog_.id, dialog_.older_before, kHistoryMessages,
                             [this, generation](net::MessagesAnswer a) {
                               if (generation != dialog_.generation) return;
                               dialog_.loading_older = false;
                               if (!a.error.empty() || !a.code.empty()) {
                                 tell({0, Notice::What::History, {}, a.code, a.error});
                                 return;
                               }
                               dialog_.older_before = a.next_before;
                               for (const core::Message& m : a.messages) merge_message(dialog_, m);
                             });
}

// The message joins the outbox and shows at once; the outbox sends it (and
// again after a network failure, under the same key) from send_next().
void InboxApp::send() {
  if (!dialog_.open()) return;
  net::Outgoing out;
  out.text = dialog_.draft;
  out.note = dialog_.note;
  if (!out.note) {
    out.attachments = dialog_.attachments;
    if (dialog_.row.dialog.post) out.reply_to = dialog_.reply_to;
  }
  const bool blank = out.text.find_first_not_of(" \t\r\n") == std::string::npos;
  if (blank && out.attachments.empty()) return;
  dialog_.draft.clear();
  if (!out.note) dialog_.attachments.clear();
  dialog_.error.clear();
  outbox_.add(dialog_.id, std::move(out), now_);
  reporter_.sent();
  send_next();
}

void InboxApp::send_next() {
  std::optional<OutboxItem> item = outbox_.next(now_);
  if (!item) return;
  const int id = item->local_id;
  backend_->send_message(item->dialog, item->message, [this, id](net::DialogAnswer a) {
    if (a.error.empty() && a.code.empty()) {
      if (a.row) take_row(*a.row, a.message);  // echoes the item, so it is never drawn twice
      outbox_.sent(id);
    } else if (a.retry) {
      outbox_.retry_later(id, problem_text(a.code, a.error, locale_), now_);
    } else {
      outbox_.refused(id, problem_text(a.code, a.error, locale_));
    }
  });
}

void InboxApp::follow_live() {
  const net::Live live = backend_->status().live;
  if (live != live_) {
    if (live == net::Live::Online) {
      reporter_.reconnected();  // the server forgot where we were
      outbox_.wake(now_);       // what waited for the network goes now
      // Back after an outage: pictures that failed meanwhile may load now.
      if (been_online_) avatars_.forget_failures();
      been_online_ = true;
    } else {
      presence_.clear();  // "left" events may be lost while offline
    }
    live_ = live;
  }
  reporter_.open(dialog_.id);
  if (live_ != net::Live::Online) return;
  for (const core::Presence& p : reporter_.due(now_)) backend_->report_presence(p);
}

core::TimeMs InboxApp::wake_at() const {
  core::TimeMs at = backend_->wake_at();
  auto consider = [&at](core::TimeMs t) {
    if (t > 0 && (at == 0 || t < at)) at = t;
  };
  consider(outbox_.wake_at());
  if (live_ == net::Live::Online) consider(reporter_.wake_at());
  consider(presence_.next_expiry(now_));
  return at;
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

std::string InboxApp::saved_outbox() const {
  return save_outbox(outbox_);
}

void InboxApp::restore_outbox(std::string_view saved) {
  if (app::restore_outbox(outbox_, saved, now_) > 0) send_next();
}

void InboxApp::replay_after(std::int64_t seq) {
  for (const core::Event* e : recent_.after(seq)) {
    if (pending_.pending(e->row->dialog.id)) {
      core::Event shown = *e;
      shown.row = pending_.rebase(*e->row, directory());
      app::apply(list_, shown);
    } else {
      app::apply(list_, *e);
    }
  }
}

void InboxApp::reload() {
  const int generation = ++generation_;
  list_.loading = true;
  list_.fetching_window = false;
  list_.window_error.clear();
  if (list_.selection.all_matching()) list_.selection.clear();  // it named the old view
  backend_->request_list(list_.query, kWindowRows, [this, generation](ListPage page) {
    if (generation != generation_) return;
    // Changes still in flight stay shown over a reloaded page.
    for (core::DialogRow& row : page.rows) {
      if (pending_.pending(row.dialog.id)) row = pending_.rebase(row, directory());
    }
    const std::int64_t seq = page.seq;
    list_.page = std::move(page);
    list_.loading = false;
    replay_after(seq);
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
