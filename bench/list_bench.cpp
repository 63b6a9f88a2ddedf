// List latency on a seeded database: the first window of the list with its
// total and per-mode counts, for no filter, each filter kind alone, three
// filter combinations and searches. Prints p50/p99 per query.
//   list_bench --db data/inbox.sqlite3 [--runs 30] [--idle S] [--indexed
//   [--check]]
// --indexed runs them through IndexedStore (printing its load time and the
// process's RSS); --check also compares each first window with SQLite's.
// --idle S sleeps S seconds before each query's first run, as a server sits
// idle between requests: on some VMs memory untouched for ~10 s is slow to
// touch again, and that first run is then the query's p99.
// Besides the wall time it prints the thread's CPU time per run (p50/p99),
// which other processes on a busy machine disturb less. Last, a verdict line
// per target: every case's wall p99 within kListP99TargetMs, and with
// --indexed the index's load within kLoadTargetSeconds.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "core/filter.hpp"
#include "server/index/indexed_store.hpp"
#include "server/storage/store.hpp"

namespace {

// The targets (docs/benchmarks.md): a list answers within 20 ms at p99 at a
// million dialogs; the server starts in 5 s, most of it the index's load.
constexpr double kListP99TargetMs = 20.0;
constexpr double kLoadTargetSeconds = 5.0;

struct Case {
  std::string name;
  core::ViewQuery query;
};

std::vector<Case> cases(const core::Directory& dir, core::TimeMs now) {
  const core::TimeMs day = 24 * 3600 * 1000LL;
  std::vector<Case> out;
  auto add = [&out](std::string name, auto edit) {
    core::ViewQuery q;
    q.mode = core::DialogMode::Accepted;
    edit(q);
    out.push_back({std::move(name), q});
  };
  add("no filter", [](core::ViewQuery&) {});
  add("mode new", [](core::ViewQuery& q) { q.mode = core::DialogMode::New; });
  add("channels", [](core::ViewQuery& q) { q.filter.channels = {core::ChannelKind::WhatsApp}; });
  add("source", [&](core::ViewQuery& q) { q.filter.sources = {dir.sources[1].id}; });
  add("status", [&](core::ViewQuery& q) { q.filter.statuses = {dir.statuses[1].id}; });
  add("responsible", [&](core::ViewQuery& q) { q.filter.responsibles = {dir.operators[3].id}; });
  add("tags", [&](core::ViewQuery& q) { q.filter.tags = {dir.tags[0].id}; });
  add("created 7d", [&](core::ViewQuery& q) { q.filter.created = {now - 7 * day, 0}; });
  add("last message 1d", [&](core::ViewQuery& q) { q.filter.last_message = {now - day, 0}; });
  add("type unread", [](core::ViewQuery& q) { q.filter.types = {core::ReadType::Unread}; });
  add("3: channel+status+unread", [&](core::ViewQuery& q) {
    q.filter.channels = {core::ChannelKind::Telegram};
    q.filter.statuses = {dir.statuses[0].id};
    q.filter.types = {core::ReadType::Unread};
  });
  add("3: source+responsible+tag", [&](core::ViewQuery& q) {
    q.filter.sources = {dir.sources[0].id};
    q.filter.responsibles = {dir.operators[2].id};
    q.filter.tags = {dir.tags[1].id};
  });
  add("3: created+unanswered+channel", [&](core::ViewQuery& q) {
    q.filter.created = {now - 30 * day, 0};
    q.filter.types = {core::ReadType::Unanswered};
    q.filter.channels = {core::ChannelKind::VK, core::ChannelKind::Instagram};
  });
  add("search name", [](core::ViewQuery& q) { q.filter.search = "анна иван"; });
  add("search phone", [](core::ViewQuery& q) { q.filter.search = "916 12"; });
  add("sort price asc", [](core::ViewQuery& q) { q.sort = {core::SortKey::Price, false}; });
  add("sort response time", [](core::ViewQuery& q) {
    q.sort = {core::SortKey::ResponseTime, false};
  });
  return out;
}

// The resident set of this process, in MiB (Linux).
double rss_mib() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stod(line.substr(6)) / 1024.0;
  }
  return 0;
}

bool same_window(const server::ListResult& a, const server::ListResult& b) {
  if (a.rows.size() != b.rows.size() || a.total != b.total || a.next_cursor != b.next_cursor) {
    return false;
  }
  for (std::size_t i = 0; i < a.rows.size(); ++i) {
    if (a.rows[i].dialog.id != b.rows[i].dialog.id) return false;
  }
  for (int m = 0; m < core::kDialogModeCount; ++m) {
    if (a.counts[m].total != b.counts[m].total || a.counts[m].unread != b.counts[m].unread) {
      return false;
    }
  }
  return true;
}

// This thread's CPU time in ms: the wall time without the waits for a core.
double thread_cpu_ms() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<std::size_t>(p * v.size()))];
}

}  // namespace

int main(int argc, char** argv) {
  std::string db = "data/inbox.sqlite3";
  int runs = 30;
  bool indexed = false;
  bool check = false;
  int idle_seconds = 0;
  for (int i = 1; i < argc; ++i) {
    const bool has_value = i + 1 < argc;
    if (!std::strcmp(argv[i], "--db") && has_value)
      db = argv[++i];
    else if (!std::strcmp(argv[i], "--runs") && has_value)
      runs = std::stoi(argv[++i]);
    else if (!std::strcmp(argv[i], "--idle") && has_value)
      idle_seconds = std::stoi(argv[++i]);
    else if (!std::strcmp(argv[i], "--indexed"))
      indexed = true;
    else if (!std::strcmp(argv[i], "--check"))
      check = true;
  }
  std::unique_ptr<server::Store> store = server::open_store(db);
  server::Store* sqlite = store.get();
  double load_seconds = 0;
  server::IndexedStore* index_store = nullptr;  // for the dialogs each query looked at
  if (indexed) {
    auto index = std::make_unique<server::IndexedStore>(std::move(store));
    const server::IndexedStore::Stats stats = index->stats();
    std::printf(
        "index: %zu dialogs, %zu clients loaded in %.2f s; index %.0f "
        "MiB (%.0f B/dialog); "
        "process RSS %.0f MiB\n",
        stats.dialogs, stats.clients, stats.load_seconds, stats.index_bytes / 1048576.0,
        stats.dialogs ? static_cast<double>(stats.index_bytes) / stats.dialogs : 0.0, rss_mib());
    load_seconds = stats.load_seconds;
    index_store = index.get();
    store = std::move(index);
  }
  const std::optional<server::Credentials> owner = store->credentials_by_email("owner@romashka.ru");
  if (!owner) {
    std::fprintf(stderr, "no demo account in %s (seed it: chats_server seed --demo N)\n",
                 db.c_str());
    return 1;
  }
  const core::Directory dir = store->directory(owner->op.account_id);
  const core::TimeMs now = std::chrono::duration_cast<std::chrono::milliseconds>(
                               std::chrono::system_clock::now().time_since_epoch())
                               .count();
  std::printf("%-32s %10s %10s %10s %10s %10s %10s\n", "query (first 50 rows + counts)", "p50 ms",
              "p99 ms", "cpu p50", "cpu p99", "total", "visited");
  double worst_p99 = 0;
  std::string worst_case;
  for (const Case& c : cases(dir, now)) {
    std::vector<double> ms, cpu_ms;
    int total = 0;
    const std::uint64_t visited_before = index_store ? index_store->stats().visited : 0;
    std::this_thread::sleep_for(std::chrono::seconds(idle_seconds));
    for (int r = 0; r < runs; ++r) {
      server::ListRequest request;
      request.query = c.query;
      request.limit = 50;
      const double cpu0 = thread_cpu_ms();
      const auto t0 = std::chrono::steady_clock::now();
      const server::ListResult result = store->list_dialogs(owner->op, request);
      ms.push_back(
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
      cpu_ms.push_back(thread_cpu_ms() - cpu0);
      total = result.total;
    }
    // Dialogs the index looked at per query (IndexPage::visited), --check's own query left out.
    const std::uint64_t visited =
        index_store ? (index_store->stats().visited - visited_before) / static_cast<unsigned>(runs)
                    : 0;
    const char* verdict = "";
    if (indexed && check) {
      server::ListRequest request;
      request.query = c.query;
      request.limit = 50;
      verdict = same_window(store->list_dialogs(owner->op, request),
                            sqlite->list_dialogs(owner->op, request))
                    ? "  same as SQLite"
                    : "  DIFFERS FROM SQLite";
    }
    std::printf("%-32s %10.2f %10.2f %10.2f %10.2f %10d %10llu%s\n", c.name.c_str(),
                percentile(ms, 0.5), percentile(ms, 0.99), percentile(cpu_ms, 0.5),
                percentile(cpu_ms, 0.99), total, static_cast<unsigned long long>(visited), verdict);
    std::fflush(stdout);
    if (percentile(ms, 0.99) > worst_p99) {
      worst_p99 = percentile(ms, 0.99);
      worst_case = c.name;
    }
  }
  std::printf("list p99 <= %.0f ms: %s (worst: %s, %.2f ms)\n", kListP99TargetMs,
              worst_p99 <= kListP99TargetMs ? "met" : "missed", worst_case.c_str(), worst_p99);
  if (indexed) {
    std::printf("index load <= %.0f s: %s (%.2f s)\n", kLoadTargetSeconds,
                load_seconds <= kLoadTargetSeconds ? "met" : "missed", load_seconds);
  }
  return 0;
}
