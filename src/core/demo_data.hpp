// A realistic demo account, generated deterministically from a seed: Russian
// operators, sources on several channels, funnel statuses, tags, templates and
// dialogs with message histories. The client's in-page demo and the server's
// seed command both use it, so every state passes through the real rules.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/entities.hpp"

namespace core {

// The texts the demo's messages are made of: a client that draws them can
// know their characters ahead (emoji among them).
std::vector<std::string_view> demo_message_texts();

struct DemoOptions {
  Id account_id = 1;
  std::uint64_t seed = 42;
  TimeMs now = 0;         // the newest message is at most this old
  int history_days = 60;  // how far back dialogs start
  int max_messages = 18;  // per dialog; the mean is about half
  Id first_id = 1;        // ids of generated rows start here
};

struct DemoDialog {
  Client client;
  Dialog dialog;
  std::vector<Message> messages;  // oldest first
};

class DemoGenerator {
 public:
  explicit DemoGenerator(const DemoOptions& options);

  const Account& account() const { return account_; }
  const Directory& directory() const { return directory_; }
  Directory& directory() { return directory_; }  // the demo's settings edit it
  // Passwords of the demo operators are not here: the server sets them.

  // The next dialog; ids increase by one per dialog, client and message.
  DemoDialog next();

  // One incoming message from the dialog's client, as simulated traffic.
  Message incoming(const Dialog& dialog, TimeMs at);

 private:
  std::uint64_t random();
  int below(int n) { return static_cast<int>(random() % static_cast<std::uint64_t>(n)); }
  bool chance(int percent) { return below(100) < percent; }

  DemoOptions options_;
  std::uint64_t state_;
  Account account_;
  Directory directory_;
  Id next_id_;
};

}  // namespace core
