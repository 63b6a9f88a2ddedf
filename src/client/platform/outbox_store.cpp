#include "platform/outbox_store.hpp"

#include <string>

#include "platform/browser_storage.hpp"

namespace platform {
namespace {

core::Id g_operator = core::kNoId;
std::string g_saved;  // what storage holds for g_operator

std::string key_of(core::Id op) {
  return "chats.outbox." + std::to_string(op);
}

}  // namespace

void keep_outbox(app::InboxApp& app) {
  const core::Id op = app.operator_id();
  if (op == core::kNoId) return;
  if (op != g_operator) {
    g_operator = op;
    g_saved = storage_load(key_of(op)).value_or("");
    // Adopted behind anything written already; saved again below with it.
    if (!g_saved.empty()) app.restore_outbox(g_saved);
  }
  std::string now = app.saved_outbox();
  if (now == g_saved) return;
  if (now.empty()) {
    storage_remove(key_of(op));
  } else {
    storage_save(key_of(op), now);
  }
  g_saved = std::move(now);
}

}  // namespace platform
