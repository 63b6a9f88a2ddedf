// Counting outcomes into one line; the first reason of each failing kind is
// quoted so the operator knows what to fix.
#include "app/bulk_summary.hpp"

#include "app/problem_text.hpp"

namespace app {
namespace {

const char* say(Locale l, const char* ru, const char* en) {
  return l == Locale::Ru ? ru : en;
}

}  // namespace

core::BulkRequest bulk_request(const ListView& view, const core::BulkCommand& command) {
  core::BulkRequest r;
  r.command = command;
  if (view.selection.all_matching()) {
    r.selection.all_matching = true;
    r.selection.query = view.query;
  } else {
    r.selection.dialog_ids.assign(view.selection.ids().begin(), view.selection.ids().end());
  }
  return r;
}

bool bulk_all_applied(const std::vector<core::BulkResult>& results) {
  for (const core::BulkResult& r : results) {
    if (r.outcome != core::BulkOutcome::Applied && r.outcome != core::BulkOutcome::Unchanged) {
      return false;
    }
  }
  return true;
}

std::string summarize_bulk(const std::vector<core::BulkResult>& results, Locale l) {
  int applied = 0, unchanged = 0, refused = 0, missing = 0;
  std::string reason;
  for (const core::BulkResult& r : results) {
    switch (r.outcome) {
      case core::BulkOutcome::Applied:
        ++applied;
        break;
      case core::BulkOutcome::Unchanged:
        ++unchanged;
        break;
      case core::BulkOutcome::Refused:
      case core::BulkOutcome::Forbidden:
        ++refused;
        if (reason.empty()) reason = problem_text(r.code, r.error, l);
        break;
      case core::BulkOutcome::NotFound:
        ++missing;
        break;
    }
  }
  if (results.empty()) return say(l, "Ни один диалог не подошёл", "No dialog matched");
  std::string out = std::to_string(applied) + say(l, " применено", " applied");
  if (unchanged) out += ", " + std::to_string(unchanged) + say(l, " без изменений", " unchanged");
  if (missing) out += ", " + std::to_string(missing) + say(l, " не найдено", " not found");
  if (refused) {
    out += ", " + std::to_string(refused) + say(l, " отклонено", " refused");
    if (!reason.empty()) out += ": " + reason;
  }
  return out;
}

const char* bulk_action_label(core::BulkAction a, Locale l) {
  switch (a) {
    case core::BulkAction::MarkRead:
      return say(l, "Отметить прочитанными", "Mark read");
    case core::BulkAction::MarkUnread:
      return say(l, "Отметить непрочитанными", "Mark unread");
    case core::BulkAction::SetStatus:
      return say(l, "Изменить статус", "Set status");
    case core::BulkAction::AddTags:
      return say(l, "Добавить теги", "Add tags");
    case core::BulkAction::Assign:
      return say(l, "Назначить ответственного", "Assign responsible");
    case core::BulkAction::Accept:
      return say(l, "Принять", "Accept");
  }
  return "";
}

}  // namespace app
