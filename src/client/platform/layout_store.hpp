// The list's column layout (widths, order, hidden columns, sort) kept per
// operator in the browser's localStorage, through ImGui's settings text.
#pragma once

#include "core/entities.hpp"

namespace platform {

// Loads the operator's saved layout once they are known (again after a change of operator).
void restore_layout(core::Id operator_id);
// Saves the layout when ImGui reports a change; call after each frame.
void save_layout_if_changed();

}  // namespace platform
