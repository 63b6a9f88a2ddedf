// The host page's side of the app: what the host asked for (a view, a dialog,
// a link) waits here as intents for the next frame, and the app's notices
// leave here as JSON for the page to turn into events, the URL and the title.
#pragma once

#include <string>

#include "app/inbox_app.hpp"
#include "net/demo_traffic.hpp"

namespace platform {

// The demo backend's simulated traffic, as the mount options set it.
net::TrafficOptions& demo_traffic();

// The view the host asked for before app_init (a link, or the mount's mode and
// filter); the default view when none.
const core::ViewQuery& first_view();

// Moves what the host asked for since the last frame into `intents`; true when anything.
bool take_host_intents(app::Intents& intents);

// Queues a notice the platform itself raises (settings, the help link), as JSON.
void push_page_notice(std::string json);
// The app's notices and the page's own, as a JSON array, for the page to drain.
const std::string& drain_notices(app::InboxApp& app);

}  // namespace platform
