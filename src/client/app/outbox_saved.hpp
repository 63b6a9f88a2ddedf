// The outbox as text for the browser's storage, so that what an operator
// wrote survives a reload or a closed tab while the server is out of reach.
#pragma once

#include <string>
#include <string_view>

#include "app/outbox.hpp"

namespace app {

// Every item still to send or failed, in order, with its idempotency key.
std::string save_outbox(const Outbox& outbox);
// Adopts the saved items behind those already there; returns how many.
// Text that is not a saved outbox (another version, damaged) adopts nothing.
int restore_outbox(Outbox& outbox, std::string_view text, core::TimeMs now);

}  // namespace app
