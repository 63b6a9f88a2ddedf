// A Store that answers the dialog list from memory: it wraps another store
// (SQLite), loads every dialog's list fields at construction, keeps them
// current by intercepting the writes that change dialogs or clients, and
// forwards everything else. list_dialogs and matching_dialog_ids give exactly
// what the wrapped store would, with the same cursors, in a few milliseconds
// at a million dialogs instead of a scan of SQL indexes.
//
// Transactions: index changes made inside transaction(f) are staged and
// applied only when the outermost transaction commits (a rolled-back nested
// part drops its own); until then a list read on that thread is answered by
// the wrapped store, which sees the uncommitted writes.
// Threads: list reads run in parallel under a shared lock; the writes that
// touch the index are serialised (they are serialised in SQLite anyway).
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <thread>
#include <unordered_map>
#include <vector>

#include "server/index/dialog_index.hpp"
#include "server/storage/store.hpp"

namespace server {

class IndexedStore final : public Store {
 public:
  // Loads the index from `inner` (scan_list_keys); throws what the scan throws.
  explicit IndexedStore(std::unique_ptr<Store> inner);

  struct Stats {
    std::size_t dialogs = 0;
    std::size_t clients = 0;
    std::size_t index_bytes = 0;  // the index's heap, estimated
    double load_seconds = 0;
    std::uint64_t visited = 0;  // dialog rows the list queries looked at, in all
  };
  Stats stats() const;

  // With several server processes on one database, the index also learns
  // what the others committed: from then on it follows the event log, each
  // account's events given to follow() in seq order, this process's own too
  // (they may reach it after another's older ones). The list's seq is then
  // the last followed event's, never one whose predecessors are not in yet.
  void follow_event_log();
  // Applies a committed event: the dialog and client its row shows, what a
  // directory_changed removed; call in seq order per account.
  void follow(Id account_id, const core::Event& event);
  // The last event of the account whose changes the index holds.
  std::int64_t seq(Id account_id) const;

  // Where the list reads its page's rows from: a store of its own connection
  // (open_reader), so that a list does not wait behind a batch of writes
  // holding the inner store. Set before the store is shared between threads.
  void read_rows_from(std::unique_ptr<Store> reader) { rows_reader_ = std::move(reader); }

  // The list, from memory.
  ListResult list_dialogs(const core::Operator& viewer, const ListRequest& request) override;
  std::vector<Id> matching_dialog_ids(const core::Operator& viewer, const core::ViewQuery& query,
                                      int limit) override;

  // Writes that change what the list shows: forwarded, then mirrored in the index.
  Id save_client(const core::Client& client) override;
  Id save_dialog(const core::Dialog& dialog) override;
  Id add_message(const core::Message& message, const core::Dialog& dialog) override;
  bool delete_status(Id account_id, Id status_id) override;
  bool delete_tag(Id account_id, Id tag_id) override;
  bool delete_operator(Id account_id, Id operator_id) override;
  bool release_operator(Id account_id, Id operator_id) override;
  void save_invitation(const Invitation& invitation) override {
    inner_->save_invitation(invitation);
  }
  std::optional<Invitation> invitation(const std::string& token_hash) override {
    return inner_->invitation(token_hash);
  }
  void delete_invitations(Id operator_id) override { inner_->delete_invitations(operator_id); }
  void transaction(const std::function<void()>& f) override;

  // Forwarded as they are.
  Id create_account(const std::string& name) override { return inner_->create_account(name); }
  std::optional<core::Account> account(Id account_id) override {
    return inner_->account(account_id);
  }
  std::vector<Id> account_ids() override { return inner_->account_ids(); }
  std::optional<Credentials> credentials_by_email(const std::string& email) override {
    return inner_->credentials_by_email(email);
  }
  Id save_operator(const core::Operator& op, const std::string& password_hash) override {
    return inner_->save_operator(op, password_hash);
  }
  void save_session(const Session& session) override { inner_->save_session(session); }
  std::optional<Session> session(const std::string& token_hash) override {
    return inner_->session(token_hash);
  }
  bool delete_session(const std::string& token_hash) override {
    return inner_->delete_session(token_hash);
  }
  int delete_other_sessions(Id operator_id, const std::string& keep_token_hash) override {
    return inner_->delete_other_sessions(operator_id, keep_token_hash);
  }
  int delete_expired_sessions(TimeMs now) override { return inner_->delete_expired_sessions(now); }
  core::Directory directory(Id account_id) override { return inner_->directory(account_id); }
  Id save_source(const core::Source& source) override { return inner_->save_source(source); }
  Id save_status(const core::FunnelStatus& status) override { return inner_->save_status(status); }
  Id save_tag(const core::Tag& tag) override { return inner_->save_tag(tag); }
  Id save_template(const core::Template& t) override { return inner_->save_template(t); }
  bool delete_template(Id account_id, Id template_id) override {
    return inner_->delete_template(account_id, template_id);
  }
  std::vector<BlockEntry> block_list(Id account_id) override {
    return inner_->block_list(account_id);
  }
  Id add_block(const BlockEntry& entry) override { return inner_->add_block(entry); }
  bool delete_block(Id account_id, Id entry_id) override {
    return inner_->delete_block(account_id, entry_id);
  }
  std::optional<core::Client> client(Id account_id, Id client_id) override {
    return inner_->client(account_id, client_id);
  }
  std::optional<core::Client> find_client(Id account_id, core::ChannelKind channel,
                                          const std::string& identity) override {
    return inner_->find_client(account_id, channel, identity);
  }
  std::optional<core::DialogRow> dialog(Id account_id, Id dialog_id) override {
    return inner_->dialog(account_id, dialog_id);
  }
  std::optional<core::Dialog> dialog_by_client(Id account_id, Id source_id, Id client_id) override {
    return inner_->dialog_by_client(account_id, source_id, client_id);
  }
  std::vector<core::DialogRow> dialog_rows(Id account_id, const std::vector<Id>& ids) override {
    return inner_->dialog_rows(account_id, ids);
  }
  void scan_list_keys(const ListKeySink& sink) override { inner_->scan_list_keys(sink); }
  MessagePage messages(Id account_id, Id dialog_id, Id before, int limit) override {
    return inner_->messages(account_id, dialog_id, before, limit);
  }
  std::optional<core::Message> message_by_external_id(Id account_id, Id source_id,
                                                      const std::string& external_id) override {
    return inner_->message_by_external_id(account_id, source_id, external_id);
  }
  Id next_id() override { return inner_->next_id(); }
  ChannelStore& channels() override { return inner_->channels(); }
  Id reserve_ids(std::int64_t count) override { return inner_->reserve_ids(count); }
  Id save_message(const core::Message& message) override { return inner_->save_message(message); }
  std::int64_t append_event(Id account_id, core::Event& event,
                            std::string* json = nullptr) override;
  std::vector<core::Event> events_after(Id account_id, std::int64_t seq, int limit) override {
    return inner_->events_after(account_id, seq, limit);
  }
  std::int64_t last_seq(Id account_id) override { return inner_->last_seq(account_id); }
  std::int64_t first_retained_seq(Id account_id) override {
    return inner_->first_retained_seq(account_id);
  }
  int prune_events(Id account_id, std::int64_t keep) override {
    return inner_->prune_events(account_id, keep);
  }
  std::optional<IdempotentReply> idempotent_reply(Id operator_id, const std::string& key) override {
    return inner_->idempotent_reply(operator_id, key);
  }
  void save_idempotent_reply(Id operator_id, const std::string& key,
                             const IdempotentReply& reply) override {
    inner_->save_idempotent_reply(operator_id, key, reply);
  }
  int prune_idempotent_replies(TimeMs older_than) override {
    return inner_->prune_idempotent_replies(older_than);
  }

 private:
  using Change = std::function<void(index::DialogIndex&)>;
  // Applies a change now, or stages it when a transaction is open. The caller
  // holds write_mutex_.
  void record(Change change);
  void apply(const std::vector<Change>& changes);
  // True on the thread of an open transaction that has staged changes: the
  // index does not show them yet.
  bool index_is_behind() const;
  void warm_up();  // answers each account's first windows once, at load

  std::unique_ptr<Store> inner_;
  std::unique_ptr<Store> rows_reader_;     // or null: the rows from inner_
  mutable std::shared_mutex index_mutex_;  // guards index_
  index::DialogIndex index_;
  // Per account, the last event whose changes the index holds (under index_mutex_).
  std::unordered_map<Id, std::int64_t> seq_;
  std::atomic<bool> following_{false};  // follow_event_log was called
  double load_seconds_ = 0;
  std::atomic<std::uint64_t> visited_{0};  // IndexPage::visited, summed

  // Held by every index-changing write and by transaction(f), so that writes
  // reach the index in the order they committed.
  std::recursive_mutex write_mutex_;
  int depth_ = 0;               // transaction nesting (under write_mutex_)
  std::vector<Change> staged_;  // changes of the open transaction (under write_mutex_)
  std::atomic<std::thread::id> transaction_thread_{};
};

}  // namespace server
