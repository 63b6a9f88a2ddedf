// SqlStore: bulk reads for the in-memory list index — every client's and
// dialog's list fields streamed in id order, and full rows of a page by id.
#include <condition_variable>
#include <deque>
#include <exception>
#include <map>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include "server/storage/sql/sql_store.hpp"

namespace server::sql {

namespace {

// The scan's rows travel in batches from the thread stepping SQLite to the
// thread calling the sink, so that reading the database and building the index
// overlap (each is about half of the load). Batches are recycled: their rows'
// strings and tag vectors keep their capacity, so no row allocates.
struct ScanBatch {
  bool dialogs = false;  // which of the two vectors holds the rows
  std::size_t size = 0;  // rows in use; the vectors may hold more, from earlier use
  std::vector<ClientListKeys> clients;
  std::vector<DialogListKeys> dialogs_rows;
};

constexpr std::size_t kBatchRows = 4096;
constexpr std::size_t kBatches = 4;  // in flight: enough that neither side waits on a hiccup

// A bounded FIFO of full batches and a pool of empty ones. The reader ends it
// with finish (and its error, if any); the consumer may cancel it, after which
// the reader gets no more empty batches and stops.
class BatchPipe {
 public:
  BatchPipe() : pool_(kBatches) {
    for (ScanBatch& batch : pool_) free_.push_back(&batch);
  }

  ScanBatch* take_free() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return cancelled_ || !free_.empty(); });
    if (cancelled_) return nullptr;
    ScanBatch* batch = free_.front();
    free_.pop_front();
    batch->size = 0;
    return batch;
  }
  void push_full(ScanBatch* batch) {
    std::lock_guard lock(mutex_);
    full_.push_back(batch);
    changed_.notify_all();
  }
  void finish(std::exception_ptr error) {
    std::lock_guard lock(mutex_);
    finished_ = true;
    error_ = std::move(error);
    changed_.notify_all();
  }
  // The next full batch in order; nullptr once the reader has finished.
  ScanBatch* take_full() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return finished_ || !full_.empty(); });
    if (full_.empty()) return nullptr;
    ScanBatch* batch = full_.front();
    full_.pop_front();
    return batch;
  }
  void give_back(ScanBatch* batch) {
    std::lock_guard lock(mutex_);
    free_.push_back(batch);
    changed_.notify_all();
  }
  void cancel() {
    std::lock_guard lock(mutex_);
    cancelled_ = true;
    changed_.notify_all();
  }
  std::exception_ptr error() {
    std::lock_guard lock(mutex_);
    return error_;
  }

 private:
  std::vector<ScanBatch> pool_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<ScanBatch*> free_, full_;
  bool finished_ = false;
  bool cancelled_ = false;
  std::exception_ptr error_;
};

// Steps the clients, then the dialogs merged with their tags, into the pipe.
// Returns early (false) when the consumer cancelled.
bool read_list_keys(Db& db, BatchPipe& pipe) {
  {
    Stmt stmt = db.prepare_scan(
        "SELECT id, account_id, search_text, phone_digits FROM clients ORDER BY id");
    ScanBatch* batch = nullptr;
    while (stmt.step()) {
      if (!batch && !(batch = pipe.take_free())) return false;
      batch->dialogs = false;
      if (batch->clients.size() == batch->size) batch->clients.emplace_back();
      ClientListKeys& c = batch->clients[batch->size++];
      c.id = stmt.int64(0);
      c.account_id = stmt.int64(1);
      c.search_text.assign(stmt.text_view(2));
      c.phone_digits.assign(stmt.text_view(3));
      if (batch->size == kBatchRows) pipe.push_full(std::exchange(batch, nullptr));
    }
    if (batch) pipe.push_full(batch);
  }
  // Dialogs and their tags merged by dialog id: both statements walk their
  // primary key, so no sort and no per-dialog lookup.
  Stmt dialogs = db.prepare_scan(
      "SELECT id, account_id, client_id, source_id, channel, mode, status_id, responsible_id, "
      "price, created_at, last_message_at, last_inbound_at, unread, answered, "
      "response_time_ms FROM dialogs ORDER BY id");
  Stmt tags =
      db.prepare_scan("SELECT dialog_id, tag_id FROM dialog_tags ORDER BY dialog_id, tag_id");
  bool tag_row = tags.step();
  ScanBatch* batch = nullptr;
  while (dialogs.step()) {
    if (!batch && !(batch = pipe.take_free())) return false;
    batch->dialogs = true;
    if (batch->dialogs_rows.size() == batch->size) batch->dialogs_rows.emplace_back();
    DialogListKeys& d = batch->dialogs_rows[batch->size++];
    d.id = dialogs.int64(0);
    d.account_id = dialogs.int64(1);
    d.client_id = dialogs.int64(2);
    d.source_id = dialogs.int64(3);
    d.channel = static_cast<core::ChannelKind>(dialogs.int32(4));
    d.mode = static_cast<core::DialogMode>(dialogs.int32(5));
    d.status_id = dialogs.int64(6);
    d.responsible_id = dialogs.int64(7);
    d.price = dialogs.int64(8);
    d.created_at = dialogs.int64(9);
    d.last_message_at = dialogs.int64(10);
    d.last_inbound_at = dialogs.int64(11);
    d.unread = dialogs.int32(12);
    d.answered = dialogs.boolean(13);
    d.response_time_ms = dialogs.int64(14);
    d.tag_ids.clear();
    while (tag_row && tags.int64(0) < d.id) tag_row = tags.step();
    while (tag_row && tags.int64(0) == d.id) {
      d.tag_ids.push_back(tags.int64(1));
      tag_row = tags.step();
    }
    if (batch->size == kBatchRows) pipe.push_full(std::exchange(batch, nullptr));
  }
  if (batch) pipe.push_full(batch);
  return true;
}

}  // namespace

void SqlStore::scan_list_keys(const ListKeySink& sink) {
  Lock lock(mutex_);
  // One read transaction: clients, dialogs and tags are of the same state.
  atomically([&] {
    if (sink.expect) {
      // Both counts read an index on account_id only, not the tables.
      std::map<Id, std::pair<std::size_t, std::size_t>> counts;
      {
        Stmt stmt = db_.prepare("SELECT account_id, count(*) FROM clients GROUP BY account_id");
        while (stmt.step()) counts[stmt.int64(0)].first = static_cast<std::size_t>(stmt.int64(1));
      }
      {
        Stmt stmt = db_.prepare("SELECT account_id, count(*) FROM dialogs GROUP BY account_id");
        while (stmt.step()) counts[stmt.int64(0)].second = static_cast<std::size_t>(stmt.int64(1));
      }
      for (const auto& [account, n] : counts) sink.expect(account, n.first, n.second);
    }
    // The reader thread uses the connection (inside this transaction) while
    // this thread, holding the store's mutex, only calls the sink: the
    // connection is still used by one thread at a time, and the join hands it
    // back. The sink sees the rows in the same order as from one thread.
    BatchPipe pipe;
    std::thread reader([&] {
      std::exception_ptr error;
      try {
        read_list_keys(db_, pipe);
      } catch (...) {
        error = std::current_exception();
      }
      pipe.finish(error);
    });
    try {
      while (ScanBatch* batch = pipe.take_full()) {
        for (std::size_t i = 0; i < batch->size; ++i) {
          if (batch->dialogs) {
            sink.dialog(batch->dialogs_rows[i]);
          } else {
            sink.client(batch->clients[i]);
          }
        }
        pipe.give_back(batch);
      }
    } catch (...) {
      pipe.cancel();
      reader.join();
      throw;
    }
    reader.join();
    if (std::exception_ptr error = pipe.error()) std::rethrow_exception(error);
  });
}

// The same rows as complete_rows gives (tags by id, tasks by id, identities in
// insertion order), in five queries for the whole page instead of four per row.
std::vector<core::DialogRow> SqlStore::dialog_rows(Id account_id, const std::vector<Id>& ids) {
  Lock lock(mutex_);
  std::vector<core::DialogRow> out;
  if (ids.empty()) return out;
  const Dialect& dialect = db_.dialect();
  std::unordered_map<Id, core::DialogRow> found;
  std::vector<Id> client_ids;
  {
    // `+d.account_id`: the account is checked on the rows found by id, never
    // looked up. Without statistics for `dialogs` (a freshly seeded database:
    // the seed's PRAGMA optimize analyzes other tables only) SQLite otherwise
    // walks the account's dialogs in an index of account_id to find the
    // page's ids: the whole account per list, 80 ms at a million (#15).
    Stmt stmt = db_.prepare(std::string("SELECT ") + kDialogColumns + " FROM dialogs d WHERE " +
                            dialect.in_id_list("d.id") + " AND +d.account_id = ?");
    stmt.bind_all(dialect.id_list(ids), account_id);
    while (stmt.step()) {
      core::Dialog d = load_dialog_row(stmt);
      client_ids.push_back(d.client_id);
      const Id id = d.id;
      found[id].dialog = std::move(d);
    }
  }
  if (found.empty()) return out;
  std::vector<Id> dialog_ids;
  for (const auto& [id, row] : found) dialog_ids.push_back(id);
  const std::string dialog_list = dialect.id_list(dialog_ids);
  {
    Stmt stmt = db_.prepare("SELECT dialog_id, tag_id FROM dialog_tags WHERE " +
                            dialect.in_id_list("dialog_id") + " ORDER BY dialog_id, tag_id");
    stmt.bind(1, dialog_list);
    while (stmt.step()) found[stmt.int64(0)].dialog.tag_ids.push_back(stmt.int64(1));
  }
  {
    Stmt stmt = db_.prepare("SELECT id, dialog_id, text, due, done, assignee_id FROM tasks WHERE " +
                            dialect.in_id_list("dialog_id") + " ORDER BY id");
    stmt.bind(1, dialog_list);
    while (stmt.step()) {
      core::Task task;
      task.id = stmt.int64(0);
      task.dialog_id = stmt.int64(1);
      task.text = stmt.text(2);
      task.due = stmt.int64(3);
      task.done = stmt.boolean(4);
      task.assignee_id = stmt.int64(5);
      found[task.dialog_id].dialog.tasks.push_back(std::move(task));
    }
  }
  std::unordered_map<Id, core::Client> clients;
  const std::string client_list = dialect.id_list(client_ids);
  {
    Stmt stmt = db_.prepare(std::string("SELECT ") + kClientColumns + " FROM clients c WHERE " +
                            dialect.in_id_list("c.id"));
    stmt.bind(1, client_list);
    while (stmt.step()) {
      core::Client c = load_client_row(stmt);
      const Id id = c.id;
      clients[id] = std::move(c);
    }
  }
  {
    Stmt stmt = db_.prepare("SELECT client_id, channel, value FROM client_identities WHERE " +
                            dialect.in_id_list("client_id") + " ORDER BY rowid");
    stmt.bind(1, client_list);
    while (stmt.step()) {
      clients[stmt.int64(0)].identities.push_back(
          {static_cast<core::ChannelKind>(stmt.int32(1)), stmt.text(2)});
    }
  }
  out.reserve(found.size());
  for (Id id : ids) {
    auto it = found.find(id);
    if (it == found.end()) continue;
    core::DialogRow row = std::move(it->second);
    found.erase(it);
    auto client = clients.find(row.dialog.client_id);
    if (client != clients.end()) row.client = client->second;
    out.push_back(std::move(row));
  }
  return out;
}

}  // namespace server::sql
