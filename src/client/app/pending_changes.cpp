// Rebasing: the shown row is always replayed from the backend's row, so the
// order in which answers and live events arrive does not matter.
#include "app/pending_changes.hpp"

#include <algorithm>

namespace app {
namespace {

// A task added here has no id until the backend gives one: a negative one
// stands in, so it can be drawn (and is not yet editable).
core::Id stand_in_task_id(int ticket) {
  return -static_cast<core::Id>(ticket);
}

// An added task the backend's row already holds (its answer or event arrived first).
bool landed(const core::Dialog& d, const core::Task& task) {
  return std::any_of(d.tasks.begin(), d.tasks.end(), [&task](const core::Task& t) {
    return t.id > 0 && t.text == task.text && t.due == task.due && !t.done;
  });
}

}  // namespace

PendingChanges::Started PendingChanges::start(const core::DialogRow& shown,
                                              const core::DialogChange& change,
                                              const core::Directory& directory) {
  Started s;
  s.row = shown;
  const int ticket = next_ticket_;
  s.outcome = core::apply(change, s.row.dialog, directory, stand_in_task_id(ticket));
  if (!s.outcome.ok) {
    s.row = shown;
    return s;
  }
  s.ticket = next_ticket_++;
  auto it = dialogs_.find(shown.dialog.id);
  if (it == dialogs_.end()) {
    it = dialogs_.emplace(shown.dialog.id, Dialog{shown, {}}).first;
  }
  it->second.changes.push_back({s.ticket, change});
  return s;
}

core::DialogRow PendingChanges::confirm(int ticket, const core::DialogRow& row,
                                        const core::Directory& directory) {
  auto it = find(ticket);
  if (it == dialogs_.end()) return row;
  it->second.base = row;
  return settle(it, ticket, directory);
}

std::optional<core::DialogRow> PendingChanges::refuse(int ticket,
                                                      const core::Directory& directory) {
  auto it = find(ticket);
  if (it == dialogs_.end()) return std::nullopt;
  return settle(it, ticket, directory);
}

core::DialogRow PendingChanges::rebase(const core::DialogRow& row,
                                       const core::Directory& directory) {
  auto it = dialogs_.find(row.dialog.id);
  if (it == dialogs_.end()) return row;
  it->second.base = row;
  return replay(it->second, directory);
}

std::size_t PendingChanges::size() const {
  std::size_t n = 0;
  for (const auto& [id, d] : dialogs_) n += d.changes.size();
  return n;
}

std::optional<core::DialogChange> PendingChanges::change(int ticket) const {
  for (const auto& [id, d] : dialogs_) {
    for (const Entry& e : d.changes) {
      if (e.ticket == ticket) return e.change;
    }
  }
  return std::nullopt;
}

core::DialogRow PendingChanges::replay(const Dialog& d, const core::Directory& directory) {
  core::DialogRow row = d.base;
  for (const Entry& e : d.changes) {
    if (e.change.kind == core::ChangeKind::AddTask && landed(row.dialog, e.change.task)) continue;
    // A change the base already reflects (an accept of an accepted dialog) is refused: skip it.
    core::apply(e.change, row.dialog, directory, stand_in_task_id(e.ticket));
  }
  return row;
}

std::unordered_map<core::Id, PendingChanges::Dialog>::iterator PendingChanges::find(int ticket) {
  return std::find_if(dialogs_.begin(), dialogs_.end(), [ticket](const auto& entry) {
    const auto& changes = entry.second.changes;
    return std::any_of(changes.begin(), changes.end(),
                       [ticket](const Entry& e) { return e.ticket == ticket; });
  });
}

core::DialogRow PendingChanges::settle(std::unordered_map<core::Id, Dialog>::iterator it,
                                       int ticket, const core::Directory& directory) {
  auto& changes = it->second.changes;
  changes.erase(std::remove_if(changes.begin(), changes.end(),
                               [ticket](const Entry& e) { return e.ticket == ticket; }),
                changes.end());
  core::DialogRow row = replay(it->second, directory);
  if (changes.empty()) dialogs_.erase(it);
  return row;
}

}  // namespace app
