// Who sees what: account isolation first, then the role and a manager's sources.
#include "core/visibility.hpp"

#include <algorithm>

namespace core {
namespace {

// An operator without an account (kNoId) belongs to nothing and sees nothing.
bool same_account(const Operator& op, Id account_id) {
  return op.account_id != kNoId && op.account_id == account_id;
}

bool sees_source_id(const Operator& op, Id source_id) {
  if (op.role != Role::Manager || op.supervisor) return true;
  return std::find(op.source_ids.begin(), op.source_ids.end(), source_id) != op.source_ids.end();
}

}  // namespace

bool can_see(const Operator& op, const Dialog& dialog) {
  return same_account(op, dialog.account_id) && sees_source_id(op, dialog.source_id);
}

bool can_see_source(const Operator& op, const Source& source) {
  return same_account(op, source.account_id) && sees_source_id(op, source.id);
}

bool can_manage_settings(const Operator& op) {
  return op.role == Role::Owner || op.role == Role::Admin;
}

}  // namespace core
