// Answers list requests from memory with core::in_view and core::sorts_before,
// messages with core::apply_message and dialog changes with core::apply,
// publishing the events a server would.
#include "net/demo_backend.hpp"

#include <algorithm>
#include <optional>

#include "app/write_first.hpp"
#include "core/bulk.hpp"
#include "core/channels.hpp"
#include "core/text.hpp"

namespace net {
namespace {

// A keyset cursor like the server's: the last row's sort value and id, so a
// window continues after it however the rows before it changed.
std::string encode_cursor(core::SortKey key, const core::Dialog& d) {
  const bool has = core::has_sort_value(key, d);
  return (has ? std::to_string(core::sort_value(key, d)) : std::string("none")) + ":" +
         std::to_string(d.id);
}

// The cursor as a dialog that sorts where the last row did; nothing when malformed.
std::optional<core::Dialog> decode_cursor(core::SortKey key, const std::string& cursor) {
  const auto colon = cursor.find(':');
  if (colon == std::string::npos) return std::nullopt;
  core::Dialog d;
  try {
    d.id = std::stoll(cursor.substr(colon + 1));
    const std::string value = cursor.substr(0, colon);
    const std::int64_t v = value == "none" ? -1 : std::stoll(value);
    switch (key) {
      case core::SortKey::LastMessage:
        d.last_message_at = v;
        break;
      case core::SortKey::Created:
        d.created_at = v;
        break;
      case core::SortKey::ResponseTime:
        d.response_time_ms = v;
        break;
      case core::SortKey::Price:
        d.price = v;
        break;
      case core::SortKey::Unread:
        d.unread = static_cast<int>(v);
        break;
    }
  } catch (const std::exception&) {
    return std::nullopt;
  }
  return d;
}

}  // namespace

DemoBackend::DemoBackend(int dialog_count, core::TimeMs now)
    : generator_(core::DemoOptions{1, 7, now, 60, 18, 1}), now_(now) {
  rows_.reserve(static_cast<std::size_t>(dialog_count));
  for (int i = 0; i < dialog_count; ++i) {
    core::DemoDialog d = generator_.next();
    for (const core::Message& m : d.messages)
      next_message_id_ = std::max(next_message_id_, m.id + 1);
    messages_[d.dialog.id] = std::move(d.messages);
    rows_.push_back({std::move(d.dialog), std::move(d.client)});
  }
  for (const core::DialogRow& r : rows_) {
    next_message_id_ = std::max({next_message_id_, r.dialog.id + 1, r.client.id + 1});
  }
}

void DemoBackend::request_list(const core::ViewQuery& query, int limit, ListDone done) {
  finished_.push_back(
      [page = answer(query, limit), done = std::move(done)]() mutable { done(std::move(page)); });
}

bool DemoBackend::pump(core::TimeMs now) {
  now_ = std::max(now_, now);
  while (traffic_.due(now_)) receive_simulated();
  bool changed = !finished_.empty();
  while (!finished_.empty()) {
    auto next = std::move(finished_.front());
    finished_.pop_front();
    next();
  }
  return changed;
}

void DemoBackend::request_messages(core::Id dialog, core::Id before, int limit, MessagesDone done) {
  MessagesAnswer a;
  auto it = messages_.find(dialog);
  if (it == messages_.end()) {
    a.error = "Диалог не найден";
  } else {
    // Older than `before` (all when kNoId), newest first, as the server pages them.
    const auto& all = it->second;
    auto end = all.end();
    if (before != core::kNoId) {
      end = std::find_if(all.begin(), all.end(),
                         [before](const core::Message& m) { return m.id == before; });
    }
    const auto available = static_cast<std::size_t>(end - all.begin());
    const auto n = std::min(available, static_cast<std::size_t>(std::max(limit, 0)));
    a.messages.assign(std::make_reverse_iterator(end),
                      std::make_reverse_iterator(end) + static_cast<std::ptrdiff_t>(n));
    if (n < available && !a.messages.empty()) a.next_before = a.messages.back().id;
  }
  finished_.push_back([a = std::move(a), done = std::move(done)]() mutable { done(std::move(a)); });
}

void DemoBackend::send_message(core::Id dialog, const Outgoing& out, DialogDone done) {
  DialogAnswer a;
  core::DialogRow* row = find(dialog);
  const bool blank = out.text.find_first_not_of(" \t\r\n") == std::string::npos;
  if (!row) {
    a.error = "Диалог не найден";
  } else if (blank && (out.note || out.attachments.empty())) {
    a.error = "Пустое сообщение";
  } else if (out.reply_to == core::ReplyTarget::Comment && !row->dialog.post) {
    a.error = "this dialog did not come from a post: reply in direct";
  } else {
    core::Message m;
    m.id = next_message_id_++;
    m.dialog_id = dialog;
    m.direction = core::Direction::Out;
    m.text = out.text;
    if (out.note) {
      m.kind = core::MessageKind::Note;
    } else {
      m.attachments = out.attachments;
      m.kind = m.attachments.empty() ? core::MessageKind::Text : core::MessageKind::File;
      m.reply_to = out.reply_to;
    }
    add_outgoing(*row, std::move(m), a);
  }
  finished_.push_back([a = std::move(a), done = std::move(done)]() mutable { done(std::move(a)); });
}

void DemoBackend::request_sources(SourcesDone done) {
  SourcesAnswer a;
  for (const core::Source& s : directory().sources) {
    app::SourceStatus st;
    st.id = s.id;
    st.channel = s.channel;
    st.name = s.name;
    st.address = s.address;
    a.sources.push_back(st);
  }
  finished_.push_back([a = std::move(a), done = std::move(done)]() mutable { done(std::move(a)); });
}

void DemoBackend::connect_source(const app::ConnectForm&, SourceDone done) {
  SourceAnswer a;
  a.code = "demo_no_channels";
  a.error = "the demo connects no channels";
  finished_.push_back([a = std::move(a), done = std::move(done)]() mutable { done(std::move(a)); });
}

void DemoBackend::set_source_enabled(core::Id, bool, SourceDone done) {
  connect_source({}, std::move(done));
}

void DemoBackend::retry_delivery(core::Id, core::Id, DialogDone done) {
  DialogAnswer a;
  a.code = "not_failed";
  a.error = "only a message that failed can be sent again";
  finished_.push_back([a = std::move(a), done = std::move(done)]() mutable { done(std::move(a)); });
}

void DemoBackend::change(core::Id dialog, const core::DialogChange& change, DialogDone done) {
  DialogAnswer a;
  core::DialogRow* row = find(dialog);
  const core::Outcome outcome =
      row ? core::apply(change, row->dialog, directory(), next_message_id_)
          : core::Outcome::refused("dialog_gone", "The dialog is gone");
  if (change.kind == core::ChangeKind::AddTask && outcome.ok) ++next_message_id_;
  if (!outcome.ok) {
    a.error = outcome.error;
    a.code = outcome.code;
  } else {
    a.row = *row;
    core::Event e;
    e.kind = core::EventKind::DialogChanged;
    e.row = *row;
    publish(std::move(e));
  }
  finished_.push_back([a = std::move(a), done = std::move(done)]() mutable { done(std::move(a)); });
}

void DemoBackend::publish(core::Event event) {
  event.seq = ++seq_;
  event.at = now_;
  finished_.push_back([this, event = std::move(event)] {
    if (sink_) sink_(event);
  });
}

void DemoBackend::request_window(const core::ViewQuery& query, const std::string& cursor, int limit,
                                 WindowDone done) {
  WindowAnswer a;
  if (!decode_cursor(query.sort.key, cursor)) {
    a.error = "Неверная позиция списка";
  } else {
    a.page = answer(query, limit, cursor);
  }
  finished_.push_back([a = std::move(a), done = std::move(done)]() mutable { done(std::move(a)); });
}

void DemoBackend::bulk(const core::BulkRequest& request, BulkDone done) {
  BulkAnswer a;
  const core::Directory& dir = directory();
  a.error = core::validate(request.command, dir);
  if (a.error.empty()) {
    std::vector<core::Id> ids = request.selection.dialog_ids;
    if (request.selection.all_matching) {
      ids.clear();
      for (const core::DialogRow& r : rows_) {
        if (core::in_view(request.selection.query, r.dialog, r.client)) ids.push_back(r.dialog.id);
      }
    }
    for (core::Id id : ids) {
      core::DialogRow* row = find(id);
      if (!row) {
        a.results.push_back({id, core::BulkOutcome::NotFound, "Диалог не найден", "not_found"});
        continue;
      }
      a.results.push_back(core::apply(request.command, row->dialog, dir));
      if (a.results.back().outcome != core::BulkOutcome::Applied) continue;
      core::Event e;
      e.kind = core::EventKind::DialogChanged;
      e.row = *row;
      publish(std::move(e));
    }
  }
  finished_.push_back([a = std::move(a), done = std::move(done)]() mutable { done(std::move(a)); });
}

void DemoBackend::write_first(core::Id source_id, const std::string& to, const std::string& text,
                              DialogDone done) {
  DialogAnswer a;
  const core::Directory& dir = directory();
  a.error = app::check_write_first(dir, source_id, to, text, app::Locale::Ru).message;
  const core::Source* source = dir.find_source(source_id);
  if (a.error.empty()) {
    std::string ignored;
    const std::string address =
        *app::write_first_address(source->channel, to, app::Locale::Ru, ignored);
    // The client by that address on the channel, else a new one; the dialog on that source.
    core::DialogRow* row = nullptr;
    const core::Client* known = nullptr;
    for (core::DialogRow& r : rows_) {
      for (const core::ChannelIdentity& i : r.client.identities) {
        if (i.channel == source->channel && i.value == address) known = &r.client;
      }
      if (known && r.client.id == known->id && r.dialog.source_id == source_id) row = &r;
    }
    if (!row) {
      core::Client client;
      if (known) {
        client = *known;
      } else {
        client.id = next_message_id_++;
        client.account_id = source->account_id;
        client.display_name = std::string(core::trim(to));
        const bool phone = core::digits_only(address) == address;
        (phone ? client.phone : client.nick) = address;
        client.identities.push_back({source->channel, address});
      }
      core::Dialog d = core::open_dialog(next_message_id_++, client, *source, now_);
      core::accept(d);  // the operator started it: it is in work
      if (!dir.operators.empty()) d.responsible_id = dir.operators.front().id;
      rows_.push_back({std::move(d), std::move(client)});
      row = &rows_.back();
    }
    core::Message m;
    m.id = next_message_id_++;
    m.dialog_id = row->dialog.id;
    m.direction = core::Direction::Out;
    m.text = text;
    add_outgoing(*row, std::move(m), a);
  }
  finished_.push_back([a = std::move(a), done = std::move(done)]() mutable { done(std::move(a)); });
}

void DemoBackend::add_outgoing(core::DialogRow& row, core::Message m, DialogAnswer& answer) {
  m.created_at = std::max(now_, row.dialog.last_message_at);
  core::apply_message(row.dialog, m);
  messages_[row.dialog.id].push_back(m);
  answer.row = row;
  answer.message = m;
  core::Event e;
  e.kind = core::EventKind::MessageAdded;
  e.row = row;
  e.message = std::move(m);
  publish(std::move(e));
}

core::DialogRow* DemoBackend::find(core::Id dialog) {
  auto it = std::find_if(rows_.begin(), rows_.end(),
                         [dialog](const core::DialogRow& r) { return r.dialog.id == dialog; });
  return it == rows_.end() ? nullptr : &*it;
}

app::ListPage DemoBackend::answer(const core::ViewQuery& query, int limit,
                                  const std::string& cursor) const {
  app::ListPage page;
  page.seq = seq_;
  const std::optional<core::Dialog> after =
      cursor.empty() ? std::nullopt : decode_cursor(query.sort.key, cursor);
  std::vector<const core::DialogRow*> hits;
  for (const core::DialogRow& row : rows_) {
    if (!core::matches(query.filter, row.dialog, row.client)) continue;
    app::ModeCount& count = page.counts[static_cast<int>(row.dialog.mode)];
    ++count.total;
    if (row.dialog.unread > 0) ++count.unread;
    if (row.dialog.mode != query.mode) continue;
    ++page.total;
    if (!after || core::sorts_before(query.sort, *after, row.dialog)) hits.push_back(&row);
  }
  const auto n = std::min(hits.size(), static_cast<std::size_t>(std::max(limit, 0)));
  std::partial_sort(hits.begin(), hits.begin() + static_cast<std::ptrdiff_t>(n), hits.end(),
                    [&query](const core::DialogRow* a, const core::DialogRow* b) {
                      return core::sorts_before(query.sort, a->dialog, b->dialog);
                    });
  page.rows.reserve(n);
  for (std::size_t i = 0; i < n; ++i) page.rows.push_back(*hits[i]);
  if (n < hits.size()) page.next_cursor = encode_cursor(query.sort.key, page.rows.back().dialog);
  return page;
}

}  // namespace net
