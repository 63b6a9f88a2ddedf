// Live events patch the list in view with the core's rules: a changed row is
// replaced, enters at its sorted place, or leaves; the counts follow.
#pragma once

#include "app/list_view.hpp"
#include "core/events.hpp"

namespace app {

// Applies a dialog_changed or message_added event; true when the view changed.
// Other kinds are ignored (a resync is the caller's: it reloads the view).
bool apply(ListView& view, const core::Event& event);

}  // namespace app
