// Which dialogs an operator may see: owners and admins see all of their
// account; a manager sees the sources granted to them, or everything when
// given the supervisor flag. Another account's data is never visible.
#pragma once

#include "core/entities.hpp"

namespace core {

bool can_see(const Operator& op, const Dialog& dialog);
bool can_see_source(const Operator& op, const Source& source);
bool can_manage_settings(const Operator& op);  // statuses, tags, templates, operators

}  // namespace core
