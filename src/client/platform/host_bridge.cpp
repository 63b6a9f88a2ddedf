// The exported functions behind the loader's host methods (openDialog,
// setFilter, setMode, the deep link) and the notices' JSON.
#include "platform/host_bridge.hpp"

#include <emscripten.h>

#include <optional>
#include <vector>

#include "app/deep_link.hpp"
#include "core/codec.hpp"
#include "net/http_request.hpp"

namespace platform {
namespace {

struct HostRequests {
  std::optional<core::ViewQuery> query;
  std::optional<core::Id> open;
  bool close = false;
  std::optional<std::string> invitation;
};

HostRequests g_requests;
core::ViewQuery g_view;  // the view as the host last set or saw it, the base for partial changes
net::TrafficOptions g_traffic;
std::vector<std::string> g_page_notices;
std::string g_notices = "[]";
std::string g_error;

const char* kind_name(app::HostNoticeKind kind) {
  switch (kind) {
    case app::HostNoticeKind::DialogOpened:
      return "dialogOpened";
    case app::HostNoticeKind::UnreadChanged:
      return "unreadChanged";
    case app::HostNoticeKind::Incoming:
      return "incoming";
    case app::HostNoticeKind::ViewChanged:
      return "viewChanged";
    case app::HostNoticeKind::Error:
      return "error";
    case app::HostNoticeKind::OpenFile:
      return "openFile";
  }
  return "error";
}

core::Json to_json(const app::HostNotice& n) {
  core::Json j = {{"kind", kind_name(n.kind)}};
  switch (n.kind) {
    case app::HostNoticeKind::DialogOpened:
      j["id"] = n.dialog;
      break;
    case app::HostNoticeKind::UnreadChanged:
      j["total"] = n.total;
      break;
    case app::HostNoticeKind::Incoming:
      j["id"] = n.dialog;
      j["title"] = n.title;
      j["text"] = n.text;
      break;
    case app::HostNoticeKind::ViewChanged:
      j["link"] = n.text;
      j["push"] = n.push;
      break;
    case app::HostNoticeKind::Error:
      j["message"] = n.text;
      break;
    case app::HostNoticeKind::OpenFile:
      j["name"] = n.title;
      j["url"] = n.text;
      break;
  }
  return j;
}

void wake() {
  net::wake_page();
}

}  // namespace

net::TrafficOptions& demo_traffic() {
  return g_traffic;
}

const core::ViewQuery& first_view() {
  return g_view;
}

bool take_host_intents(app::Intents& intents) {
  const bool any = g_requests.query || g_requests.open || g_requests.close || g_requests.invitation;
  if (g_requests.invitation) intents.invitation = *g_requests.invitation;
  if (g_requests.query) intents.query = *g_requests.query;
  if (g_requests.open) intents.open_dialog = *g_requests.open;
  if (g_requests.close) intents.close_dialog = true;
  g_requests = {};
  return any;
}

void push_page_notice(std::string json) {
  g_page_notices.push_back(std::move(json));
}

const std::string& drain_notices(app::InboxApp& app) {
  std::vector<app::HostNotice> notices = app.take_notices();
  if (notices.empty() && g_page_notices.empty()) {
    g_notices = "[]";
    return g_notices;
  }
  core::Json all = core::Json::array();
  for (const app::HostNotice& n : notices) {
    if (n.kind == app::HostNoticeKind::ViewChanged) g_view = app.list().query;
    all.push_back(to_json(n));
  }
  for (const std::string& s : g_page_notices) all.push_back(core::Json::parse(s));
  g_page_notices.clear();
  g_notices = all.dump();
  return g_notices;
}

}  // namespace platform

using platform::g_error;

extern "C" {

// Where the API is and the bearer token; before app_init.
EMSCRIPTEN_KEEPALIVE void app_configure_api(const char* base, const char* token) {
  net::set_api(base, token);
}

// The demo's simulated traffic; before app_init. min/max: the interval in ms.
EMSCRIPTEN_KEEPALIVE void app_configure_demo(int enabled, double seed, int min_ms, int max_ms) {
  net::TrafficOptions& o = platform::demo_traffic();
  o.enabled = enabled != 0;
  o.seed = static_cast<std::uint64_t>(seed);
  o.min_interval_ms = min_ms;
  o.max_interval_ms = max_ms;
}

// Sets the view from the host's JSON ({"mode", "channels", ..., "search", "sort"});
// fields not given keep their values, a filter field replaces the whole filter.
// Returns 0, or 1 with the reason in app_last_error().
EMSCRIPTEN_KEEPALIVE int app_set_view(const char* json) {
  try {
    const core::ViewQuery base =
        platform::g_requests.query ? *platform::g_requests.query : platform::g_view;
    platform::g_requests.query = app::view_from_json(json, base);
    platform::g_view = *platform::g_requests.query;
  } catch (const std::exception& e) {
    g_error = e.what();
    return 1;
  }
  platform::wake();
  return 0;
}

// Opens a dialog by id once the list in view has it (else an error notice).
EMSCRIPTEN_KEEPALIVE void app_open_dialog(double id) {
  platform::g_requests.open = static_cast<core::Id>(id);
  platform::g_requests.close = false;
  platform::wake();
}

// Shows the view a link fragment describes (deep_link.hpp); 0, or 1 with app_last_error().
EMSCRIPTEN_KEEPALIVE int app_open_link(const char* fragment) {
  try {
    const app::DeepLink link = app::decode_link(fragment);
    if (!link.invitation.empty()) platform::g_requests.invitation = link.invitation;
    platform::g_requests.query = link.query;
    platform::g_view = link.query;
    if (link.dialog != core::kNoId) {
      platform::g_requests.open = link.dialog;
      platform::g_requests.close = false;
    } else {
      platform::g_requests.open.reset();
      platform::g_requests.close = true;
    }
  } catch (const std::exception& e) {
    g_error = e.what();
    return 1;
  }
  platform::wake();
  return 0;
}

EMSCRIPTEN_KEEPALIVE const char* app_last_error() {
  return g_error.c_str();
}

}  // extern "C"
