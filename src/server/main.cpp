// chats_server: opens the database (seeding demo data when asked), serves the
// API, the event stream and the client's static folder, and stops gracefully
// on SIGTERM or SIGINT.
#include <signal.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <functional>
#include <iostream>
#include <mutex>

#include "server/api/api.hpp"
#include "server/api/auth.hpp"
#include "server/api/live.hpp"
#include "server/api/retention.hpp"
#include "server/channels/service.hpp"
#include "server/cluster/cluster_member.hpp"
#include "server/config.hpp"
#include "server/index/indexed_store.hpp"
#include "server/storage/migrate/sqlite_to_postgres.hpp"
#include "server/storage/seed.hpp"
#include "server/transport/server.hpp"

namespace {

constexpr const char* kDemoPassword = "demo1234";
// Descriptors kept for what is not a connection: the database, static files, uploads, channels.
constexpr rlim_t kSpareDescriptors = 256;

core::TimeMs now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// The store with the dialog list answered from memory (server/index), which
// loads every dialog's list fields first.
std::unique_ptr<server::IndexedStore> with_list_index(std::unique_ptr<server::Store> sql) {
  auto indexed = std::make_unique<server::IndexedStore>(std::move(sql));
  const server::IndexedStore::Stats stats = indexed->stats();
  std::cerr << "list index: " << stats.dialogs << " dialogs, " << stats.clients
            << " clients loaded in " << stats.load_seconds << " s ("
            << stats.index_bytes / (1024 * 1024) << " MiB)" << std::endl;
  return indexed;
}

// Raises the descriptor limit to its hard maximum and keeps the connection
// cap under it: past it accept() would fail for everyone, and the server
// could no longer open its own files.
void fit_descriptor_limit(server::Limits& limits) {
  rlimit nofile{};
  if (getrlimit(RLIMIT_NOFILE, &nofile) != 0) return;
  if (nofile.rlim_cur < nofile.rlim_max) {
    nofile.rlim_cur = nofile.rlim_max;
    setrlimit(RLIMIT_NOFILE, &nofile);
    getrlimit(RLIMIT_NOFILE, &nofile);
  }
  if (nofile.rlim_cur == RLIM_INFINITY || nofile.rlim_cur <= kSpareDescriptors) return;
  const rlim_t room = nofile.rlim_cur - kSpareDescriptors;
  if (limits.max_connections > room) {
    std::cerr << "max connections " << limits.max_connections << " lowered to " << room
              << " (descriptor limit " << nofile.rlim_cur << ")" << std::endl;
    limits.max_connections = room;
  }
}

struct StopAtExit {
  std::function<void()> stop;
  ~StopAtExit() { stop(); }
};

// --migrate-to: the whole copy, then what it copied.
int migrate(const server::Config& config) {
  std::cerr << "copying " << config.database << " to PostgreSQL" << std::endl;
  const server::migrate::MigrateStats stats =
      server::migrate::sqlite_to_postgres(config.database, config.migrate_to);
  for (const server::migrate::TableStats& t : stats.tables) {
    std::cerr << "  " << t.table << ": " << t.rows << " rows in " << t.seconds << " s\n";
  }
  std::cerr << "  indexes and foreign keys made again in " << stats.rebuild_seconds << " s\n";
  std::cerr << "copied " << stats.rows << " rows in " << stats.seconds << " s ("
            << static_cast<std::int64_t>(stats.rows / std::max(stats.seconds, 1e-3)) << " rows/s)"
            << std::endl;
  return 0;
}

int run(server::Config config) {
  std::filesystem::create_directories(config.data_dir);
  // On PostgreSQL other server processes may share the database: this one
  // listens to their commits from before its list index loads, so that none
  // falls between the load and the first notification (cluster/).
  const bool shared = server::is_postgres_location(config.database);
  std::unique_ptr<server::cluster::ClusterMember> member;
  if (shared) member = std::make_unique<server::cluster::ClusterMember>(config.database);
  std::unique_ptr<server::IndexedStore> store =
      with_list_index(server::open_store(config.database));
  if (config.database != ":memory:") store->read_rows_from(server::open_reader(config.database));

  if (config.demo_dialogs > 0 && !store->credentials_by_email("owner@romashka.ru")) {
    const auto started = std::chrono::steady_clock::now();
    server::SeedOptions seed;
    seed.dialogs = config.demo_dialogs;
    seed.now = now_ms();
    seed.password_hash = server::hash_password(kDemoPassword);
    const server::SeedStats stats = server::seed_demo(*store, seed);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::cerr << "seeded " << stats.dialogs << " dialogs and " << stats.messages << " messages in "
              << seconds << " s\n";
  }
  if (config.seed_only) return 0;

  std::mutex commit_order;
  server::LiveHub live(*store, commit_order, now_ms);
  server::LiveFeed& feed = member ? member->feed(*store, live, commit_order) : live;
  server::ApiOptions api_options;
  api_options.upload_dir = config.data_dir + "/uploads";
  api_options.help_url = config.help_url;
  api_options.signup_enabled = config.signup;
  api_options.public_url = config.public_url;
  server::Api api(*store, feed, commit_order, api_options);
  server::channels::ServiceOptions channel_options;
  channel_options.public_url = config.public_url;
  channel_options.upload_dir = api_options.upload_dir;
  server::channels::ChannelService channels(api, channel_options);
  // Alone, this process sends and reads the channels; sharing the database,
  // only the one holding the channels' lock does (never two at once).
  channels.start(!shared);
  // The member's thread uses what is made above: it stops before they go.
  const StopAtExit stop_member{[&member] {
    if (member) member->stop();
  }};
  if (member) {
    member->start(api, live, channels, [] {
      // Another process may hold the lock by now: stopping at once is the
      // only way to be sure that no message goes out twice.
      std::cerr << "lost the channels' lock with the database connection: stopping" << std::endl;
      kill(getpid(), SIGTERM);
    });
  }

  server::ServerConfig sc;
  sc.address = config.address;
  sc.port = config.port;
  sc.static_dir = config.static_dir;
  sc.allowed_origins = config.allowed_origins;
  sc.log_level = server::parse_log_level(config.log_level);
  sc.threads = config.threads;
  fit_descriptor_limit(config.limits);
  sc.limits = config.limits;
  // The event log and the idempotency keys are kept to a bounded window; on a
  // shared database by one process, the one running the channels.
  server::Retention retention(*store, commit_order);
  sc.on_tick = [&live, &retention, &api, &member] {
    live.tick();
    api.context().webchat().tick(now_ms());
    if (!member || member->runs_channels()) retention.tick(now_ms());
  };
  server::AsyncApiHandler answer{[&api](server::HttpRequest request, server::Respond respond) {
    api.handle(std::move(request), std::move(respond));
  }};
  server::HttpServer http(sc, std::move(answer), live.handlers());

  // Signals are taken by sigwait on this thread, never by a handler.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  http.start();
  const std::string origin = "http://" + config.address + ":" + std::to_string(http.port());
  std::cerr << "chats_server listening on " << origin << "/" << std::endl;
  // A page to open in a browser: every address means this machine's too.
  const std::string local = config.address == "0.0.0.0" || config.address == "::"
                                ? "http://localhost:" + std::to_string(http.port())
                                : origin;
  for (const server::SourceConnection& c : store->channels().connections(0)) {
    if (c.channel != core::ChannelKind::WebChat || !c.enabled) continue;
    std::cerr << "website chat " << c.source_id << ", a visitor's page to try it: " << local
              << "/webchat-demo.html?source=" << c.source_id << std::endl;
  }
  int received = 0;
  sigwait(&signals, &received);
  std::cerr << "stopping (signal " << received << ")" << std::endl;
  http.stop();
  channels.stop();
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  server::Config config;
  try {
    config = server::parse_config(argc, argv);
  } catch (const std::invalid_argument& e) {
    std::cerr << e.what() << "\n" << server::usage();
    return 2;
  }
  try {
    if (!config.migrate_to.empty()) return migrate(config);
    return run(config);
  } catch (const std::exception& e) {
    std::cerr << "chats_server: " << e.what() << std::endl;
    return 1;
  }
}
