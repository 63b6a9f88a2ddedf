// IndexedStore: the start-up load, the list answered from the index with the
// page's rows read from the wrapped store, and the writes mirrored into the
// index (staged inside transactions).
#include "server/index/indexed_store.hpp"

#include <algorithm>
#include <chrono>

#include "core/text.hpp"
#include "server/storage/sql/dialog_query.hpp"

namespace server {

IndexedStore::IndexedStore(std::unique_ptr<Store> inner) : inner_(std::move(inner)) {
  const auto started = std::chrono::steady_clock::now();
  ListKeySink sink;
  sink.expect = [this](Id account, std::size_t clients, std::size_t dialogs) {
    index_.reserve(account, clients, dialogs);
  };
  sink.client = [this](const ClientListKeys& c) { index_.put_client(c); };
  sink.dialog = [this](const DialogListKeys& d) { index_.put_dialog(d); };
  inner_->scan_list_keys(sink);
  index_.build_orders();
  for (Id account_id : inner_->account_ids()) seq_[account_id] = inner_->last_seq(account_id);
  warm_up();
  load_seconds_ = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
}

// Answers each account's first window of every mode once, as its owner sees
// it: the first list of a process would otherwise pay for faulting in the
// query's scratch columns, preparing the row statements and reading the rows'
// pages, ~25 ms of CPU that an operator's first request should not wait for.
void IndexedStore::warm_up() {
  for (Id account_id : inner_->account_ids()) {
    core::Operator owner;
    owner.account_id = account_id;
    owner.role = core::Role::Owner;
    for (int m = 0; m < core::kDialogModeCount; ++m) {
      ListRequest request;
      request.query.mode = static_cast<core::DialogMode>(m);
      list_dialogs(owner, request);
    }
  }
}

IndexedStore::Stats IndexedStore::stats() const {
  std::shared_lock lock(index_mutex_);
  return {index_.dialog_count(), index_.client_count(), index_.memory_bytes(), load_seconds_,
          visited_.load()};
}

// ---- reads ------------------------------------------------------------------

bool IndexedStore::index_is_behind() const {
  // staged_ is read only on the transaction's own thread.
  return transaction_thread_.load() == std::this_thread::get_id() && !staged_.empty();
}

ListResult IndexedStore::list_dialogs(const core::Operator& viewer, const ListRequest& request) {
  if (index_is_behind()) return inner_->list_dialogs(viewer, request);
  const int limit = std::clamp(request.limit, 1, kMaxListLimit);
  const core::ViewQuery& query = request.query;
  std::optional<sql::Cursor> after;
  if (!request.cursor.empty()) after = sql::decode_cursor(query.sort, request.cursor);
  index::IndexPage page;
  std::int64_t page_seq = 0;
  {
    std::shared_lock lock(index_mutex_);
    page = index_.query(viewer, query, after, static_cast<std::size_t>(limit), request.with_totals);
    visited_ += page.visited;
    const auto seq = seq_.find(viewer.account_id);
    page_seq = seq == seq_.end() ? 0 : seq->second;
  }
  // The rows are read after the lock is released: a write committing in
  // between shows in the rows' content, as a live update would next. Inside
  // a transaction only its own connection sees what it wrote.
  const bool in_transaction = transaction_thread_.load() == std::this_thread::get_id();
  Store& rows = rows_reader_ && !in_transaction ? *rows_reader_ : *inner_;
  ListResult result;
  result.seq = page_seq;
  result.rows = rows.dialog_rows(viewer.account_id, page.ids);
  if (page.more) result.next_cursor = sql::encode_cursor(query.sort, page.last);
  if (request.with_totals) {
    std::copy(std::begin(page.counts), std::end(page.counts), std::begin(result.counts));
    result.total = result.counts[static_cast<int>(query.mode)].total;
  }
  return result;
}

std::vector<Id> IndexedStore::matching_dialog_ids(const core::Operator& viewer,
                                                  const core::ViewQuery& query, int limit) {
  if (limit <= 0) return {};
  if (index_is_behind()) return inner_->matching_dialog_ids(viewer, query, limit);
  std::shared_lock lock(index_mutex_);
  index::IndexPage page =
      index_.query(viewer, query, std::nullopt, static_cast<std::size_t>(limit), false);
  visited_ += page.visited;
  return std::move(page.ids);
}

// ---- writes -----------------------------------------------------------------

void IndexedStore::record(Change change) {
  if (depth_ > 0) {
    staged_.push_back(std::move(change));
  } else {
    apply({std::move(change)});
  }
}

void IndexedStore::apply(const std::vector<Change>& changes) {
  std::unique_lock lock(index_mutex_);
  for (const Change& change : changes) change(index_);
}

Id IndexedStore::save_client(const core::Client& c) {
  std::lock_guard lock(write_mutex_);
  const Id id = inner_->save_client(c);
  ClientListKeys keys{id, c.account_id, sql::client_search_text(c), core::digits_only(c.phone)};
  record([keys = std::move(keys)](index::DialogIndex& index) { index.put_client(keys); });
  return id;
}

namespace {

DialogListKeys list_keys(const core::Dialog& d, Id id) {
  DialogListKeys keys;
  keys.id = id;
  keys.account_id = d.account_id;
  keys.client_id = d.client_id;
  keys.source_id = d.source_id;
  keys.channel = d.channel;
  keys.mode = d.mode;
  keys.status_id = d.status_id;
  keys.responsible_id = d.responsible_id;
  keys.price = d.price;
  keys.created_at = d.created_at;
  keys.last_message_at = d.last_message_at;
  keys.last_inbound_at = d.last_inbound_at;
  keys.unread = d.unread;
  keys.answered = d.answered;
  keys.response_time_ms = d.response_time_ms;
  keys.tag_ids = d.tag_ids;
  return keys;
}

}  // namespace

Id IndexedStore::save_dialog(const core::Dialog& d) {
  std::lock_guard lock(write_mutex_);
  const Id id = inner_->save_dialog(d);
  record([keys = list_keys(d, id)](index::DialogIndex& index) { index.put_dialog(keys); });
  return id;
}

Id IndexedStore::add_message(const core::Message& message, const core::Dialog& d) {
  std::lock_guard lock(write_mutex_);
  const Id id = inner_->add_message(message, d);
  // The dialog's other keys are as stored: the caller read the dialog in its
  // transaction, which holds the store (no other write comes in between).
  record([keys = list_keys(d, d.id)](index::DialogIndex& index) { index.put_dialog(keys); });
  return id;
}

std::int64_t IndexedStore::append_event(Id account_id, core::Event& event, std::string* json) {
  std::lock_guard lock(write_mutex_);
  const std::int64_t seq = inner_->append_event(account_id, event, json);
  // The event reaches the index with the changes it tells of; when following
  // the log, only through follow(), in order.
  if (!following_) {
    record([this, account_id, seq](index::DialogIndex&) { seq_[account_id] = seq; });
  }
  return seq;
}

std::int64_t IndexedStore::seq(Id account_id) const {
  std::shared_lock lock(index_mutex_);
  auto it = seq_.find(account_id);
  return it == seq_.end() ? 0 : it->second;
}

void IndexedStore::follow_event_log() {
  following_ = true;
}

void IndexedStore::follow(Id account_id, const core::Event& event) {
  // Read before the lock: the directory is the store's, a query of its own.
  std::optional<core::Directory> directory;
  if (event.kind == core::EventKind::DirectoryChanged) directory = inner_->directory(account_id);
  std::unique_lock lock(index_mutex_);
  if (event.row) {
    const core::DialogRow& row = *event.row;
    index_.put_client({row.client.id, account_id, sql::client_search_text(row.client),
                       core::digits_only(row.client.phone)});
    index_.put_dialog(list_keys(row.dialog, row.dialog.id));
  }
  if (directory) index_.retain_directory(account_id, *directory);
  std::int64_t& seq = seq_[account_id];
  seq = std::max(seq, event.seq);
}

bool IndexedStore::delete_status(Id account_id, Id status_id) {
  std::lock_guard lock(write_mutex_);
  const bool deleted = inner_->delete_status(account_id, status_id);
  if (deleted) {
    record([=](index::DialogIndex& index) { index.clear_status(account_id, status_id); });
  }
  return deleted;
}

bool IndexedStore::delete_tag(Id account_id, Id tag_id) {
  std::lock_guard lock(write_mutex_);
  const bool deleted = inner_->delete_tag(account_id, tag_id);
  if (deleted) record([=](index::DialogIndex& index) { index.remove_tag(account_id, tag_id); });
  return deleted;
}

bool IndexedStore::delete_operator(Id account_id, Id operator_id) {
  std::lock_guard lock(write_mutex_);
  const bool deleted = inner_->delete_operator(account_id, operator_id);
  if (deleted) {
    record([=](index::DialogIndex& index) { index.clear_responsible(account_id, operator_id); });
  }
  return deleted;
}

bool IndexedStore::release_operator(Id account_id, Id operator_id) {
  std::lock_guard lock(write_mutex_);
  const bool released = inner_->release_operator(account_id, operator_id);
  if (released) {
    record([=](index::DialogIndex& index) { index.clear_responsible(account_id, operator_id); });
  }
  return released;
}

void IndexedStore::transaction(const std::function<void()>& f) {
  std::lock_guard lock(write_mutex_);
  const bool outermost = depth_ == 0;
  const std::size_t mark = staged_.size();
  if (outermost) transaction_thread_ = std::this_thread::get_id();
  ++depth_;
  try {
    inner_->transaction(f);
  } catch (...) {
    // The wrapped store rolled back this level: so do its staged changes.
    --depth_;
    staged_.resize(mark);
    if (outermost) transaction_thread_ = std::thread::id();
    throw;
  }
  --depth_;
  if (!outermost) return;
  transaction_thread_ = std::thread::id();
  std::vector<Change> committed = std::move(staged_);
  staged_.clear();
  apply(committed);
}

}  // namespace server
