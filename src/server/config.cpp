// Flags override CHATS_* environment variables, which override defaults.
#include "server/config.hpp"

#include <chrono>
#include <cstdlib>
#include <stdexcept>

#include "core/text.hpp"
#include "server/storage/store.hpp"

namespace server {
namespace {

int to_int(const std::string& name, const std::string& value, int min, int max) {
  try {
    std::size_t used = 0;
    const long v = std::stol(value, &used);
    if (used == value.size() && v >= min && v <= max) return static_cast<int>(v);
  } catch (const std::exception&) {
  }
  throw std::invalid_argument(name + ": expected an integer " + std::to_string(min) + ".." +
                              std::to_string(max) + ", got '" + value + "'");
}

std::chrono::milliseconds to_seconds(const std::string& name, const std::string& value) {
  return std::chrono::seconds(to_int(name, value, 1, 86400));
}

// The limit flags (docs/limits.md); false when `name` is not one.
bool set_limit(Limits& l, const std::string& name, const std::string& value) {
  if (name == "max-connections") {
    l.max_connections = to_int(name, value, 1, 1'000'000);
  } else if (name == "max-connections-per-address") {
    l.max_connections_per_address = to_int(name, value, 0, 1'000'000);
  } else if (name == "header-timeout") {
    l.header_timeout = to_seconds(name, value);
  } else if (name == "body-timeout") {
    l.body_timeout = to_seconds(name, value);
  } else if (name == "body-min-rate") {
    l.body_min_bytes_per_second = to_int(name, value, 0, 1 << 30);
  } else if (name == "write-timeout") {
    l.write_timeout = to_seconds(name, value);
  } else if (name == "ws-idle-timeout") {
    l.ws_idle_timeout = to_seconds(name, value);
  } else if (name == "ws-max-queued-messages") {
    l.ws_max_queued_messages = to_int(name, value, 1, 1'000'000);
  } else if (name == "ws-max-queued-bytes") {
    l.ws_max_queued_bytes = to_int(name, value, 1024, 1 << 30);
  } else {
    return false;
  }
  return true;
}

void set(Config& c, const std::string& name, const std::string& value) {
  if (set_limit(c.limits, name, value)) return;
  if (name == "listen") {
    c.address = value;
  } else if (name == "port") {
    c.port = static_cast<unsigned short>(to_int(name, value, 0, 65535));
  } else if (name == "data-dir") {
    c.data_dir = value;
  } else if (name == "db") {
    c.database = value;
  } else if (name == "static-dir") {
    c.static_dir = value;
  } else if (name == "allowed-origins") {
    c.allowed_origins = core::split_commas(value);
  } else if (name == "help-url") {
    c.help_url = value;
  } else if (name == "public-url") {
    while (!value.empty() && value.back() == '/')
      return set(c, name, value.substr(0, value.size() - 1));
    if (!value.empty() && value.rfind("http://", 0) != 0 && value.rfind("https://", 0) != 0) {
      throw std::invalid_argument("--public-url: expected http:// or https://, got '" + value +
                                  "'");
    }
    c.public_url = value;
  } else if (name == "log-level") {
    c.log_level = value;
  } else if (name == "threads") {
    c.threads = to_int(name, value, 1, 256);
  } else if (name == "signup") {
    if (value != "on" && value != "off") {
      throw std::invalid_argument("--signup: expected on or off, got '" + value + "'");
    }
    c.signup = value == "on";
  } else if (name == "migrate-to") {
    c.migrate_to = value;
  } else if (name == "demo") {
    c.demo_dialogs = to_int(name, value, 0, 1'000'000);
  } else {
    throw std::invalid_argument("unknown flag --" + name);
  }
}

}  // namespace

Config parse_config(int argc, char** argv) {
  Config c;
  const char* names[] = {"listen", "port", "data-dir", "db", "static-dir", "allowed-origins",
                         "help-url", "public-url", "log-level", "demo", "threads", "signup",
                         // limits
                         "max-connections", "max-connections-per-address", "header-timeout",
                         "body-timeout", "body-min-rate", "write-timeout", "ws-idle-timeout",
                         "ws-max-queued-messages", "ws-max-queued-bytes"};
  for (const char* name : names) {
    std::string env = "CHATS_";
    for (const char* p = name; *p; ++p)
      env += *p == '-' ? '_' : static_cast<char>(std::toupper(*p));
    if (const char* value = std::getenv(env.c_str())) set(c, name, value);
  }
  int i = 1;
  if (argc > 1 && std::string(argv[1]) == "seed") {
    c.seed_only = true;
    i = 2;
  }
  for (; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg.rfind("--", 0) != 0) throw std::invalid_argument("unexpected argument " + arg);
    arg = arg.substr(2);
    const std::size_t eq = arg.find('=');
    if (eq != std::string::npos) {
      set(c, arg.substr(0, eq), arg.substr(eq + 1));
    } else if (i + 1 < argc) {
      set(c, arg, argv[++i]);
    } else {
      throw std::invalid_argument("--" + arg + ": missing value");
    }
  }
  if (c.database.empty()) c.database = c.data_dir + "/inbox.sqlite3";
  if (c.seed_only && c.demo_dialogs == 0) c.demo_dialogs = 1000;
  if (!c.migrate_to.empty()) {
    if (!is_postgres_location(c.migrate_to)) {
      throw std::invalid_argument("--migrate-to: expected a PostgreSQL database, got '" +
                                  c.migrate_to + "'");
    }
    if (is_postgres_location(c.database)) {
      throw std::invalid_argument("--migrate-to: --db must name the SQLite file to copy");
    }
    if (c.seed_only) throw std::invalid_argument("--migrate-to: not with `seed`");
  }
  return c;
}

std::string usage() {
  return "usage: chats_server [seed] [--listen ADDR] [--port N] [--data-dir DIR]\n"
         "                    [--db FILE (SQLite) or postgresql://USER@HOST/DB (PostgreSQL)]\n"
         "                    [--static-dir DIR] [--allowed-origins A,B] [--help-url URL]\n"
         "                    [--public-url URL (where channels' webhooks reach this server)]\n"
         "                    [--log-level LEVEL] [--demo N] [--threads N]\n"
         "                    [--signup on|off (new businesses may sign up; on by default)]\n"
         "                    [--max-connections N] [--max-connections-per-address N (0: none)]\n"
         "                    [--header-timeout S] [--body-timeout S] [--body-min-rate BYTES/S]\n"
         "                    [--write-timeout S] [--ws-idle-timeout S]\n"
         "                    [--ws-max-queued-messages N] [--ws-max-queued-bytes N]\n"
         "                    (limits and their defaults: docs/limits.md)\n"
         "Each flag can also come from the environment: CHATS_PORT, CHATS_DB, ...\n"
         "`seed --demo N` fills the database with N demo dialogs and exits.\n"
         "`--migrate-to postgresql://USER@HOST/DB --db FILE` copies the SQLite install FILE\n"
         "into that empty PostgreSQL database and exits (docs/postgres.md).\n";
}

}  // namespace server
