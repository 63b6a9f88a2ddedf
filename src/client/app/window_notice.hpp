// The composer's warning for a channel with a customer-service window
// (WhatsApp): when the client last wrote more than 24 hours ago, a free-form
// answer is refused by the channel, so the operator hears it before writing.
#pragma once

#include <string>

#include "app/format.hpp"
#include "core/entities.hpp"

namespace app {

// The warning in the operator's words; "" while the window is open or the
// channel has none.
std::string service_window_notice(const core::Dialog& dialog, core::TimeMs now, Locale locale);

}  // namespace app
