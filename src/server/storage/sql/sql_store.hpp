// Store over an SQL database, whichever the engine (sql_db.hpp: SQLite,
// PostgreSQL). One connection guarded by a recursive mutex: every call locks
// it, so calls from several threads are serialised, and transaction(f) holds
// it for all of f (f may call other methods: the mutex is recursive and
// nested transactions become SAVEPOINTs).
// Its methods are defined across sql_store.cpp (accounts, sessions, events,
// idempotency), sql_directory.cpp, sql_dialogs.cpp, sql_list.cpp,
// sql_messages.cpp, sql_scan.cpp and sql_channels.cpp.
#pragma once

#include <memory>
#include <mutex>
#include <optional>

#include "server/storage/sql/sql_db.hpp"
#include "server/storage/store.hpp"

namespace server::sql {

// The select lists load_dialog_row and load_client_row read, in their order.
constexpr const char* kDialogColumns =
    "d.id, d.account_id, d.client_id, d.source_id, d.channel, d.mode, d.status_id, "
    "d.responsible_id, d.price, d.created_at, d.last_message_at, d.last_inbound_at, "
    "d.last_outbound_at, d.awaiting_since, d.unread, d.answered, d.response_time_ms, "
    "d.last_message, d.post_external_id, d.post_url, d.post_title, d.fields";
constexpr const char* kClientColumns =
    "c.id, c.account_id, c.display_name, c.nick, c.phone, c.avatar_url";
constexpr const char* kMessageColumns =
    "m.id, m.dialog_id, m.direction, m.kind, m.text, m.attachments, m.reply_to, m.delivery, "
    "m.author_id, m.external_id, m.created_at, m.delivery_error";

class SqlStore final : public Store, public ChannelStore {
 public:
  // `db` holds the current schema (the engine's migrations have run).
  explicit SqlStore(std::unique_ptr<Db> db) : owned_(std::move(db)), db_(*owned_) {}

  // The engine's count of work on this store's connection so far (Db::work_done).
  std::int64_t work_done() {
    Lock lock(mutex_);
    return db_.work_done();
  }

  Id create_account(const std::string& name) override;
  std::optional<core::Account> account(Id account_id) override;
  std::vector<Id> account_ids() override;
  std::optional<Credentials> credentials_by_email(const std::string& email) override;
  Id save_operator(const core::Operator& op, const std::string& password_hash) override;
  bool delete_operator(Id account_id, Id operator_id) override;
  bool release_operator(Id account_id, Id operator_id) override;
  void save_invitation(const Invitation& invitation) override;
  std::optional<Invitation> invitation(const std::string& token_hash) override;
  void delete_invitations(Id operator_id) override;
  void save_session(const Session& session) override;
  std::optional<Session> session(const std::string& token_hash) override;
  bool delete_session(const std::string& token_hash) override;
  int delete_other_sessions(Id operator_id, const std::string& keep_token_hash) override;
  int delete_expired_sessions(TimeMs now) override;

  core::Directory directory(Id account_id) override;
  Id save_source(const core::Source& source) override;
  Id save_status(const core::FunnelStatus& status) override;
  bool delete_status(Id account_id, Id status_id) override;
  Id save_tag(const core::Tag& tag) override;
  bool delete_tag(Id account_id, Id tag_id) override;
  Id save_template(const core::Template& t) override;
  bool delete_template(Id account_id, Id template_id) override;
  std::vector<BlockEntry> block_list(Id account_id) override;
  Id add_block(const BlockEntry& entry) override;
  bool delete_block(Id account_id, Id entry_id) override;

  std::optional<core::Client> client(Id account_id, Id client_id) override;
  std::optional<core::Client> find_client(Id account_id, core::ChannelKind channel,
                                          const std::string& identity) override;
  Id save_client(const core::Client& client) override;
  ListResult list_dialogs(const core::Operator& viewer, const ListRequest& request) override;
  std::optional<core::DialogRow> dialog(Id account_id, Id dialog_id) override;
  std::optional<core::Dialog> dialog_by_client(Id account_id, Id source_id, Id client_id) override;
  std::vector<Id> matching_dialog_ids(const core::Operator& viewer, const core::ViewQuery& query,
                                      int limit) override;
  Id save_dialog(const core::Dialog& dialog) override;
  std::vector<core::DialogRow> dialog_rows(Id account_id, const std::vector<Id>& ids) override;
  void scan_list_keys(const ListKeySink& sink) override;

  MessagePage messages(Id account_id, Id dialog_id, Id before, int limit) override;
  std::optional<core::Message> message_by_external_id(Id account_id, Id source_id,
                                                      const std::string& external_id) override;
  Id next_id() override;
  Id reserve_ids(std::int64_t count) override;
  Id save_message(const core::Message& message) override;
  Id add_message(const core::Message& message, const core::Dialog& dialog) override;

  std::int64_t append_event(Id account_id, core::Event& event,
                            std::string* json = nullptr) override;
  std::vector<core::Event> events_after(Id account_id, std::int64_t seq, int limit) override;
  std::int64_t last_seq(Id account_id) override;
  std::int64_t first_retained_seq(Id account_id) override;
  int prune_events(Id account_id, std::int64_t keep) override;

  std::optional<IdempotentReply> idempotent_reply(Id operator_id, const std::string& key) override;
  void save_idempotent_reply(Id operator_id, const std::string& key,
                             const IdempotentReply& reply) override;
  int prune_idempotent_replies(TimeMs older_than) override;

  void transaction(const std::function<void()>& f) override;
  ChannelStore& channels() override { return *this; }

  // ChannelStore, in sql_channels.cpp.
  std::vector<SourceConnection> connections(Id account_id) override;
  std::optional<SourceConnection> connection(Id source_id) override;
  void save_connection(const SourceConnection& connection) override;
  void save_cursor(Id source_id, const std::string& cursor) override;
  void note_inbound(Id source_id, TimeMs at) override;
  void note_error(Id source_id, TimeMs at, const std::string& error) override;
  bool delete_source(Id account_id, Id source_id) override;
  Id add_inbound(const InboundUpdate& update) override;
  std::vector<InboundUpdate> inbound(int limit) override;
  void delete_inbound(Id update_id) override;
  void enqueue(const Delivery& delivery) override;
  std::vector<Delivery> due(TimeMs now, int limit) override;
  std::optional<Delivery> queued(Id message_id) override;
  TimeMs next_due() override;
  void reschedule(const Delivery& delivery) override;
  void dequeue(Id message_id) override;
  std::size_t queue_length() override;
  std::optional<core::Message> message(Id account_id, Id message_id) override;
  void save_delivery(Id message_id, core::DeliveryState state, const std::string& external_id,
                     const std::string& error) override;
  std::vector<core::Message> conversation_after(Id account_id, Id dialog_id, Id after,
                                                int limit) override;

 private:
  using Lock = std::lock_guard<std::recursive_mutex>;

  // A method's several statements as one: a transaction of their own when
  // called outside one; inside one, no savepoint of their own (savepoints
  // cost SQLite a copy of every page they touch), so a failure leaves its
  // part to the caller's transaction or savepoint, which the error unwinds.
  void atomically(const std::function<void()>& f);

  // The id a save writes: a new one for 0; for a nonzero id, `owner` is the
  // account that row has (0 when not stored) and the counter moves past it.
  enum class Upsert { Insert, Update };
  Upsert prepare_upsert(const char* table, Id id, Id account_id);
  // The id a save of `table` writes: allocate_id() for 0, else `id` after prepare_upsert.
  Id id_for_save(const char* table, Id id, Id account_id);
  // Writes what a message changes in the dialog (add_message); with_mode also
  // its mode, else it matches only a dialog still in d.mode. The dialog's
  // source, or nullopt when nothing matched.
  std::optional<Id> update_activity(const core::Dialog& d, bool with_mode);
  // Inserts (or, for a stored id, updates) the message row; the dialog is known.
  void write_message(Id id, const core::Message& message, Id account_id, Id source_id);
  // A new id, from a block taken from the counter row kIdBlock at a time (one
  // counter update per block instead of one per row; a restart skips the rest).
  Id allocate_id();
  void reserve_id(Id id);  // the counter moves past an id inserted as given

  bool belongs(const char* table, Id id, Id account_id);
  void unassign_operator(Id account_id, Id operator_id);  // inside a transaction
  void require(const char* table, const char* what, Id id, Id account_id);

  std::vector<Id> operator_sources(Id operator_id);
  static core::Client load_client_row(const Stmt& stmt);    // kClientColumns
  static core::Dialog load_dialog_row(const Stmt& stmt);    // kDialogColumns
  static core::Message load_message_row(const Stmt& stmt);  // kMessageColumns
  std::vector<core::ChannelIdentity> identities(Id client_id);
  void load_dialog_details(core::Dialog& dialog);  // tags and tasks
  // Full rows (tags, tasks, client with identities) of dialogs read by a query.
  std::vector<core::DialogRow> complete_rows(std::vector<core::Dialog> dialogs);
  // Reads up to `limit` rows of a view in its order after `cursor` (text as the
  // client sent it; empty for the start), selecting `columns` over `d`.
  void scan_view(const core::Operator& viewer, const core::ViewQuery& query,
                 const std::string& cursor, int limit, const char* columns,
                 const std::function<void(const Stmt&)>& row);

  std::recursive_mutex mutex_;
  std::unique_ptr<Db> owned_;
  Db& db_;
  int depth_ = 0;  // transaction nesting: 0 outside, 1 in BEGIN, 2+ in SAVEPOINTs
  // Set when SQLite rolled the open transaction back itself after a nested
  // part's error (see transaction()): that error's kind, for the parts after it.
  std::optional<StoreError::Kind> rolled_back_;
  static constexpr std::int64_t kIdBlock = 256;
  struct IdBlock {
    Id next = 0;  // the next id to hand out; next == end: none left
    Id end = 0;
  } id_block_;  // reserved in the counter row by a committed or still open transaction
};

}  // namespace server::sql
