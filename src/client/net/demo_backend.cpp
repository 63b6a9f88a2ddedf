// Answers list requests from memory with core::in_view and core::sorts_before,
// messages with core::apply_message and dialog changes with core::apply,
// publishing the events a server would.
#include "net/demo_backend.hpp"

#include <algorithm>

namespace net {

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
    m.created_at = std::max(now_, row->dialog.last_message_at);
    core::apply_message(row->dialog, m);
    messages_[dialog].push_back(m);
    a.row = *row;
    a.message = m;
    core::Event e;
    e.kind = core::EventKind::MessageAdded;
    e.row = *row;
    e.message = m;
    publish(std::move(e));
  }
  finished_.push_back([a = std::move(a), done = std::move(done)]() mutable { done(std::move(a)); });
}

void DemoBackend::change(core::Id dialog, const core::DialogChange& change, DialogDone done) {
  DialogAnswer a;
  core::DialogRow* row = find(dialog);
  const core::Outcome outcome =
      row ? core::apply(change, row->dialog, directory(), next_message_id_)
          : core::Outcome::refused("Диалог не найден");
  if (change.kind == core::ChangeKind::AddTask && outcome.ok) ++next_message_id_;
  if (!outcome.ok) {
    a.error = outcome.error;
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

core::DialogRow* DemoBackend::find(core::Id dialog) {
  auto it = std::find_if(rows_.begin(), rows_.end(),
                         [dialog](const core::DialogRow& r) { return r.dialog.id == dialog; });
  return it == rows_.end() ? nullptr : &*it;
}

app::ListPage DemoBackend::answer(const core::ViewQuery& query, int limit) const {
  app::ListPage page;
  std::vector<const core::DialogRow*> hits;
  for (const core::DialogRow& row : rows_) {
    if (!core::matches(query.filter, row.dialog, row.client)) continue;
    app::ModeCount& count = page.counts[static_cast<int>(row.dialog.mode)];
    ++count.total;
    if (row.dialog.unread > 0) ++count.unread;
    if (row.dialog.mode == query.mode) hits.push_back(&row);
  }
  page.total = static_cast<int>(hits.size());
  const auto n = std::min(hits.size(), static_cast<std::size_t>(std::max(limit, 0)));
  std::partial_sort(hits.begin(), hits.begin() + static_cast<std::ptrdiff_t>(n), hits.end(),
                    [&query](const core::DialogRow* a, const core::DialogRow* b) {
                      return core::sorts_before(query.sort, a->dialog, b->dialog);
                    });
  page.rows.reserve(n);
  for (std::size_t i = 0; i < n; ++i) page.rows.push_back(*hits[i]);
  return page;
}

}  // namespace net
