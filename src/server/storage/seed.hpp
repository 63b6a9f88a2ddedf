// Demo data for a server: an account with the demo directory (sources,
// operators, statuses, tags, templates) and N dialogs with clients and
// messages from core::DemoGenerator, written in batched transactions; and a
// website chat connected for real, which needs no outside service, so that
// the demo can show a visitor writing and an operator answering.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "server/storage/store.hpp"

namespace server {

struct SeedOptions {
  int dialogs = 1000;
  std::uint64_t seed = 42;
  TimeMs now = 0;             // the newest message's time; 0 takes the clock
  std::string password_hash;  // every demo operator's, hashed by the caller ("" : no login)
  std::string email_prefix;   // put before the demo e-mails; e-mails are unique in a
                              // database, so a second demo account needs another one
  int batch = 5000;           // dialogs per transaction
  std::function<void(int done)> progress;  // after each batch, if set
};

struct SeedStats {
  Id account_id = 0;
  Id webchat_source = 0;  // the demo's website chat, connected and enabled
  int dialogs = 0;
  std::int64_t messages = 0;
  double seconds = 0;
};

// Creates a new account every call (so seeding twice gives two accounts).
// Generated ids are kept: a block of ids is reserved first, so dialog.client_id,
// message.dialog_id and the directory ids in dialogs point at stored rows.
SeedStats seed_demo(Store& store, const SeedOptions& options);

}  // namespace server
