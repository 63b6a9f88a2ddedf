// ClusterLink: LISTEN on the schema's channels, poll() on the connection's
// socket, the channels' lock tried every second until held.
#include "server/cluster/cluster_link.hpp"

#include <libpq-fe.h>
#include <poll.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <set>

#include "server/storage/store.hpp"

namespace server::cluster {
namespace {

constexpr int kPollMs = 250;               // how soon stop() is noticed
constexpr std::int64_t kLeadTryMs = 1000;  // a waiting process asks for the lock this often
constexpr int kReconnectPauseMs = 500;

std::int64_t steady_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

std::string message_of(pg_conn* conn) {
  std::string m = conn ? PQerrorMessage(conn) : "out of memory";
  while (!m.empty() && (m.back() == '\n' || m.back() == ' ')) m.pop_back();
  return m;
}

pg_conn* open_connection(const std::string& conninfo) {
  pg_conn* conn = PQconnectdb(conninfo.c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    const std::string why = "connect to PostgreSQL: " + message_of(conn);
    PQfinish(conn);
    throw StoreError(StoreError::Kind::Unavailable, why);
  }
  return conn;
}

// Runs a statement that must succeed; its single value, if it has one.
std::string run(pg_conn* conn, const std::string& sql) {
  PGresult* r = PQexec(conn, sql.c_str());
  const ExecStatusType status = PQresultStatus(r);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    const std::string why = message_of(conn);
    PQclear(r);
    throw StoreError(StoreError::Kind::Unavailable, why);
  }
  std::string value;
  if (status == PGRES_TUPLES_OK && PQntuples(r) > 0) value = PQgetvalue(r, 0, 0);
  PQclear(r);
  return value;
}

std::string quoted(pg_conn* conn, const std::string& name) {
  char* q = PQescapeIdentifier(conn, name.c_str(), name.size());
  std::string s = q ? q : "\"\"";
  PQfreemem(q);
  return s;
}

std::string literal(pg_conn* conn, const std::string& text) {
  char* q = PQescapeLiteral(conn, text.c_str(), text.size());
  std::string s = q ? q : "''";
  PQfreemem(q);
  return s;
}

}  // namespace

ClusterLink::ClusterLink(std::string conninfo) : conninfo_(std::move(conninfo)) {
  connect_listening();
}

ClusterLink::~ClusterLink() {
  stop();
  if (listen_) PQfinish(listen_);
  std::lock_guard<std::mutex> lock(send_mutex_);
  if (send_) PQfinish(send_);
}

void ClusterLink::connect_listening() {
  pg_conn* conn = open_connection(conninfo_);
  try {
    const std::string schema = run(conn, "SELECT current_schema()");
    events_channel_ = "chats_events." + schema;
    sessions_channel_ = "chats_sessions." + schema;
    presence_channel_ = "chats_presence." + schema;
    lock_name_ = schema;
    run(conn, "LISTEN " + quoted(conn, events_channel_) + "; LISTEN " +
                  quoted(conn, sessions_channel_) + "; LISTEN " + quoted(conn, presence_channel_));
  } catch (...) {
    PQfinish(conn);
    throw;
  }
  if (listen_) PQfinish(listen_);
  listen_ = conn;
}

void ClusterLink::start(LinkHandlers handlers) {
  handlers_ = std::move(handlers);
  thread_ = std::thread([this] { loop(); });
}

void ClusterLink::stop() {
  stopping_ = true;
  if (thread_.joinable()) thread_.join();
}

void ClusterLink::send_presence(const std::string& payload) {
  std::lock_guard<std::mutex> lock(send_mutex_);
  for (int attempt = 0; attempt < 2; ++attempt) {
    try {
      if (!send_ || PQstatus(send_) != CONNECTION_OK) {
        if (send_) PQfinish(send_);
        send_ = nullptr;
        send_ = open_connection(conninfo_);
        send_pid_ = PQbackendPID(send_);
      }
      const char* values[] = {presence_channel_.c_str(), payload.c_str()};
      PGresult* r =
          PQexecParams(send_, "SELECT pg_notify($1, $2)", 2, nullptr, values, nullptr, nullptr, 0);
      const bool ok = PQresultStatus(r) == PGRES_TUPLES_OK;
      PQclear(r);
      if (ok) return;
    } catch (const StoreError&) {
      return;  // presence is a hint: a report lost now is sent again in seconds
    }
  }
}

void ClusterLink::loop() {
  while (!stopping_) {
    if (!listen_ || PQstatus(listen_) != CONNECTION_OK) {
      try {
        connect_listening();
        std::cerr << "cluster: listening again" << std::endl;
        if (handlers_.reconnected) handlers_.reconnected();
      } catch (const StoreError&) {
        std::this_thread::sleep_for(std::chrono::milliseconds(kReconnectPauseMs));
        continue;
      }
    }
    if (!leading_ && steady_ms() >= next_lead_try_ms_) try_lead();
    pollfd fd{PQsocket(listen_), POLLIN, 0};
    if (poll(&fd, 1, kPollMs) < 0) continue;
    if (!PQconsumeInput(listen_)) {
      lose("the connection to PostgreSQL broke");
      continue;
    }
    drain();
  }
}

void ClusterLink::drain() {
  std::set<core::Id> accounts;
  bool sessions = false;
  std::vector<std::string> reports;
  while (PGnotify* n = PQnotifies(listen_)) {
    const std::string channel = n->relname;
    if (channel == events_channel_) {
      accounts.insert(std::strtoll(n->extra, nullptr, 10));
    } else if (channel == sessions_channel_) {
      sessions = true;
    } else if (channel == presence_channel_ && n->be_pid != send_pid_) {
      reports.emplace_back(n->extra);
    }
    PQfreemem(n);
  }
  // Many events of one account need one read of its log.
  if (!accounts.empty() && handlers_.events) {
    handlers_.events(std::vector<core::Id>(accounts.begin(), accounts.end()));
  }
  if (sessions && handlers_.sessions_ended) handlers_.sessions_ended();
  if (handlers_.presence) {
    for (const std::string& r : reports) handlers_.presence(r);
  }
}

void ClusterLink::try_lead() {
  next_lead_try_ms_ = steady_ms() + kLeadTryMs;
  try {
    const std::string got =
        run(listen_, "SELECT pg_try_advisory_lock(hashtext('chats_channels'), hashtext(" +
                         literal(listen_, lock_name_) + "))");
    if (got != "t") return;
  } catch (const StoreError&) {
    lose("the channels' lock could not be asked for");
    return;
  }
  leading_ = true;
  std::cerr << "cluster: this process runs the channels" << std::endl;
  if (handlers_.channels) handlers_.channels(true);
}

void ClusterLink::lose(const char* why) {
  std::cerr << "cluster: " << why << ": " << message_of(listen_) << std::endl;
  PQfinish(listen_);
  listen_ = nullptr;
  // The lock went with the connection: another process may take the channels now.
  if (leading_.exchange(false) && handlers_.channels) handlers_.channels(false);
}

}  // namespace server::cluster
