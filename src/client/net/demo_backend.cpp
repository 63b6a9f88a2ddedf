// Answers list requests from memory with core::in_view and core::sorts_before,
// and dialog actions with core::apply_message, core::accept and core::archive,
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
  while (traffic_.due(now_)) receive_simulated();
  bool changed = !finished_.empty();
  while (!finished_.empty()) {
    auto next = std::move(finished_.front());
    finished_.pop_front();
    next();
  }
  return changed;
}

core::Id DemoBackend::me() const {
  const auto& ops = generator_.directory().operators;
  return ops.empty() ? core::kNoId : ops.front().id;  // the demo signs in as the owner
}

void DemoBackend::request_messages(core::Id dialog, int limit, MessagesDone done) {
  MessagesAnswer a;
  auto it = messages_.find(dialog);
  if (it == messages_.end()) {
    a.error = "Диалог не найден";
  } else {
    const auto& all = it->second;
    const auto n = std::min(all.size(), static_cast<std::size_t>(std::max(limit, 0)));
    a.messages.assign(all.rbegin(), all.rbegin() + static_cast<std::ptrdiff_t>(n));
  }
  finished_.push_back([a = std::move(a), done = std::move(done)]() mutable { done(std::move(a)); });
}

void DemoBackend::send_message(core::Id dialog, const std::string& text, DialogDone done) {
  DialogAnswer a;
  core::DialogRow* row = find(dialog);
  if (!row) {
    a.error = "Диалог не найден";
  } else {
    core::Message m;
    m.id = next_message_id_++;
    m.dialog_id = dialog;
    m.direction = core::Direction::Out;
    m.text = text;
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

void DemoBackend::accept(core::Id dialog, DialogDone done) {
  change(dialog, core::accept, std::move(done));
}

void DemoBackend::archive(core::Id dialog, DialogDone done) {
  change(dialog, core::archive, std::move(done));
}

void DemoBackend::change(core::Id dialog, core::Outcome (*rule)(core::Dialog&), DialogDone done) {
  DialogAnswer a;
  core::DialogRow* row = find(dialog);
  const core::Outcome outcome =
      row ? rule(row->dialog) : core::Outcome::refused("Диалог не найден");
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
