// The list's column layout (widths, order, hidden columns, sort) kept per
// operator in the browser's localStorage, through ImGui's settings text.
// The sort is also kept apart with its operator: the next visit asks for its
// first rows so sorted before the server has said who is signed in.
#pragma once

#include <optional>

#include "core/entities.hpp"
#include "core/filter.hpp"

namespace platform {

struct RememberedSort {
  core::Id operator_id = core::kNoId;
  core::Sort sort;
};
// The last sort kept, if any (under "chats.layout.sort", which shell/inbox.js
// reads too for the first window it fetches early).
std::optional<RememberedSort> remembered_sort();
// Keeps the operator's current sort; writes only when it changed.
void remember_sort(core::Id operator_id, const core::Sort& sort);

// Loads the operator's saved layout once they are known (again after a change of operator).
void restore_layout(core::Id operator_id);
// Saves the layout when ImGui reports a change; call after each frame.
void save_layout_if_changed();

}  // namespace platform
