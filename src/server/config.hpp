// The server's settings from flags and environment (flags win): listen
// address and port, data directory, database, static folder, allowed origins
// for the CRM widget, the help link, log level, sign-up, demo seeding, and
// the transport's limits (server/transport/limits.hpp, docs/limits.md).
#pragma once

#include <string>
#include <vector>

#include "server/transport/limits.hpp"

namespace server {

struct Config {
  std::string address = "127.0.0.1";
  unsigned short port = 8080;
  std::string data_dir = "data";
  std::string database;  // default: <data_dir>/inbox.sqlite3
  std::string static_dir;
  std::vector<std::string> allowed_origins;
  std::string log_level = "info";
  std::string public_url;  // where channels reach this server: their webhooks' base
  std::string help_url;    // the operator app's "Help / support" link (given by /api/me)
  // I/O threads. A write waits for its group commit without holding one, so
  // about the cores are enough; a few more keep serving while slow unbatched
  // work (password hashing, uploads) holds some.
  int threads = 4;
  bool signup = true;      // POST /api/signup opens new accounts
  int demo_dialogs = 0;    // seed an empty database with this many demo dialogs
  bool seed_only = false;  // the `seed` command: fill the database and exit
  // --migrate-to: copy the SQLite --db into this empty PostgreSQL database and
  // exit. A flag only, never from the environment: it runs once.
  std::string migrate_to;
  Limits limits;  // the defaults, with what the limit flags change
};

// Throws std::invalid_argument naming the bad flag or value.
Config parse_config(int argc, char** argv);
std::string usage();

}  // namespace server
