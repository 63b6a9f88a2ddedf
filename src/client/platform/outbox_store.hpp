// The outbox kept per operator in the browser's localStorage
// ("chats.outbox.<operator id>"): restored once the operator is known, saved
// after every frame that changed it, removed when nothing waits.
#pragma once

#include "app/inbox_app.hpp"

namespace platform {

void keep_outbox(app::InboxApp& app);

}  // namespace platform
