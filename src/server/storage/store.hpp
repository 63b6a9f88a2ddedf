// The storage interface of the server: everything the API reads and writes,
// scoped to one account. The SQL store (sql/sql_store.hpp) implements it over
// SQLite (the embedded default) or PostgreSQL. Every write returns only after
// its transaction has committed.
//
// Errors: an unknown id answers nullopt / false / an empty result; a write the
// data refuses throws StoreError, whose kind the API maps to a status
// (Conflict -> 409, Invalid -> 400, NotFound -> 404, Full -> 507,
// Unavailable -> 503, Failure -> 500). Whatever the kind, a write that threw
// wrote nothing.
// Threads: a Store may be called from any thread (the SQL store serialises
// every call on one connection behind a mutex).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/bulk.hpp"
#include "core/entities.hpp"
#include "core/events.hpp"
#include "core/filter.hpp"
#include "server/storage/channel_store.hpp"

namespace server {

using core::Id;
using core::TimeMs;

class StoreError : public std::runtime_error {
 public:
  enum class Kind {
    Conflict,     // a unique key is taken (duplicate e-mail or message external id), or an id
                  // given to a save belongs to another account
    Invalid,      // a reference to a row that is not in the account, a malformed cursor
    NotFound,     // the row a write needs (the message's dialog, the event's account) is missing
    Full,         // no space left for the database (SQLITE_FULL): the disk is full
    Unavailable,  // the database cannot be written now: read-only, an I/O error, busy
                  // past the timeout (SQLITE_READONLY, SQLITE_IOERR, SQLITE_BUSY, ...)
    Contention,   // two transactions waited for each other's rows and the database
                  // rolled this one back (PostgreSQL's deadlock or serialization
                  // failure): nothing was written, and the same work again succeeds
    Failure,      // anything else of the database itself (corruption, a bug)
  };
  StoreError(Kind kind, const std::string& what) : std::runtime_error(what), kind_(kind) {}
  Kind kind() const { return kind_; }

 private:
  Kind kind_;
};

struct ModeCount {
  int total = 0;
  int unread = 0;
};

// A window of the list: rows after `cursor` in the query's order.
struct ListRequest {
  core::ViewQuery query;
  std::string cursor;       // opaque, from ListResult::next_cursor; empty for the first window
  int limit = 50;           // clamped to [1, kMaxListLimit]
  bool with_totals = true;  // false skips total and counts (cheaper for later windows)
};
constexpr int kMaxListLimit = 500;

struct ListResult {
  std::vector<core::DialogRow> rows;
  std::string next_cursor;                   // empty when there are no more rows
  int total = 0;                             // dialogs in the view (mode + filter)
  ModeCount counts[core::kDialogModeCount];  // per mode, with the filter applied; unread
                                             // counts dialogs with unread messages
  // The event log's position the answer shows at least: every event up to it
  // is in the rows and counts (later ones may be too). A client replays the
  // events after it on top, so that nothing between the two is lost.
  std::int64_t seq = 0;
};

struct MessagePage {
  std::vector<core::Message> messages;  // newest first
  Id next_before = 0;                   // pass as `before` for older ones; 0 when none
};

struct Credentials {
  core::Operator op;
  std::string password_hash;  // argon2id string from libsodium
};

// A link that lets an operator set their password: the token itself is never stored.
struct Invitation {
  std::string token_hash;
  Id operator_id = 0;
  Id account_id = 0;
  TimeMs expires_at = 0;
};

struct Session {
  std::string token_hash;  // the token itself is never stored
  Id operator_id = 0;
  Id account_id = 0;
  TimeMs expires_at = 0;
};

enum class BlockKind { Client, Post, StopWord };
struct BlockEntry {
  Id id = 0;
  Id account_id = 0;
  BlockKind kind = BlockKind::StopWord;
  std::string value;  // client id (as text), post external id, or the stop word
};

// The fields the dialog list filters and sorts by, streamed in bulk to build an
// in-memory index of the list (server/index/indexed_store.hpp).
struct ClientListKeys {
  Id id = 0;
  Id account_id = 0;
  std::string search_text;   // as dialog_query's client_search_text makes it
  std::string phone_digits;  // core::digits_only of the phone
};
struct DialogListKeys {
  Id id = 0;
  Id account_id = 0;
  Id client_id = 0;
  Id source_id = 0;
  core::ChannelKind channel = core::ChannelKind::WhatsApp;
  core::DialogMode mode = core::DialogMode::New;
  Id status_id = 0;
  Id responsible_id = 0;
  std::int64_t price = 0;
  TimeMs created_at = 0;
  TimeMs last_message_at = 0;
  TimeMs last_inbound_at = 0;
  int unread = 0;
  bool answered = false;
  std::int64_t response_time_ms = -1;
  std::vector<Id> tag_ids;
};
struct ListKeySink {
  // First, when set: how many clients and dialogs each account has, so that
  // the receiver can size its columns once.
  std::function<void(Id account_id, std::size_t clients, std::size_t dialogs)> expect;
  std::function<void(const ClientListKeys&)> client;
  std::function<void(const DialogListKeys&)> dialog;
};

// What an idempotent mutation answered the first time.
struct IdempotentReply {
  int status = 200;
  std::string body;
};

class Store {
 public:
  virtual ~Store() = default;

  // Accounts, operators and sessions.
  virtual Id create_account(const std::string& name) = 0;
  virtual std::optional<core::Account> account(Id account_id) = 0;
  virtual std::vector<Id> account_ids() = 0;  // every account, in id order
  virtual std::optional<Credentials> credentials_by_email(const std::string& email) = 0;
  // An empty password_hash keeps the stored one (an inserted operator then cannot log in).
  virtual Id save_operator(const core::Operator& op, const std::string& password_hash) = 0;
  // Also unassigns the operator's dialogs and tasks and ends their sessions.
  virtual bool delete_operator(Id account_id, Id operator_id) = 0;
  // What a deactivation does beside the flag: the operator's dialogs and tasks
  // are left with nobody responsible, their sessions and invitations end.
  virtual bool release_operator(Id account_id, Id operator_id) = 0;
  // Replaces the operator's invitation, if any, with this one.
  virtual void save_invitation(const Invitation& invitation) = 0;
  virtual std::optional<Invitation> invitation(const std::string& token_hash) = 0;  // expired too
  virtual void delete_invitations(Id operator_id) = 0;
  virtual void save_session(const Session& session) = 0;
  virtual std::optional<Session> session(const std::string& token_hash) = 0;  // expired too
  virtual bool delete_session(const std::string& token_hash) = 0;
  // Ends every session of the operator but the one given (a password change
  // keeps the caller logged in); returns how many ended.
  virtual int delete_other_sessions(Id operator_id, const std::string& keep_token_hash) = 0;
  virtual int delete_expired_sessions(TimeMs now) = 0;

  // Reference data (statuses, tags, templates, sources, operators) of an account.
  // Every save_* is an upsert: id 0 inserts with a new id; a nonzero id updates
  // that row, or inserts it with that id when it is not stored (seeding, imports);
  // an id stored under another account throws StoreError(Conflict).
  virtual core::Directory directory(Id account_id) = 0;
  virtual Id save_source(const core::Source& source) = 0;
  virtual Id save_status(const core::FunnelStatus& status) = 0;
  virtual bool delete_status(Id account_id, Id status_id) = 0;  // its dialogs get no status
  virtual Id save_tag(const core::Tag& tag) = 0;
  virtual bool delete_tag(Id account_id, Id tag_id) = 0;  // also taken off every dialog
  virtual Id save_template(const core::Template& t) = 0;
  virtual bool delete_template(Id account_id, Id template_id) = 0;
  virtual std::vector<BlockEntry> block_list(Id account_id) = 0;
  virtual Id add_block(const BlockEntry& entry) = 0;
  virtual bool delete_block(Id account_id, Id entry_id) = 0;

  // Clients and dialogs. `viewer` limits rows to what the operator may see.
  virtual std::optional<core::Client> client(Id account_id, Id client_id) = 0;
  // The oldest client with that identity (identities are not unique: two clients
  // may share a nick on a channel).
  virtual std::optional<core::Client> find_client(Id account_id, core::ChannelKind channel,
                                                  const std::string& identity) = 0;
  virtual Id save_client(const core::Client& client) = 0;  // identities replaced
  // Throws StoreError(Invalid) for a malformed cursor or one of another sort order.
  virtual ListResult list_dialogs(const core::Operator& viewer, const ListRequest& request) = 0;
  virtual std::optional<core::DialogRow> dialog(Id account_id, Id dialog_id) = 0;
  // The newest dialog of the client on that source.
  virtual std::optional<core::Dialog> dialog_by_client(Id account_id, Id source_id,
                                                       Id client_id) = 0;
  // The first `limit` ids of the view in its sort order, for "all matching" bulk actions.
  virtual std::vector<Id> matching_dialog_ids(const core::Operator& viewer,
                                              const core::ViewQuery& query, int limit) = 0;
  // Tags and tasks replaced (a task with id 0 gets one). The client, source, status,
  // responsible and tags must be of the dialog's account and the channel the source's,
  // else StoreError(Invalid).
  virtual Id save_dialog(const core::Dialog& dialog) = 0;
  // Full rows of these dialogs of the account, in the order of `ids`; unknown ids are skipped.
  virtual std::vector<core::DialogRow> dialog_rows(Id account_id, const std::vector<Id>& ids) = 0;
  // Every client of every account, then every dialog, each in id order: the
  // start-up load of an in-memory list index. Holds the store for its duration.
  // The sink must not call back into the store: a reader thread is using the
  // connection meanwhile (see sqlite_scan.cpp).
  virtual void scan_list_keys(const ListKeySink& sink) = 0;

  // Messages, newest (created_at, then id) first; `before` is the id of the oldest
  // message the caller has (0 for the newest page).
  virtual MessagePage messages(Id account_id, Id dialog_id, Id before, int limit) = 0;
  virtual std::optional<core::Message> message_by_external_id(Id account_id, Id source_id,
                                                              const std::string& external_id) = 0;
  virtual Id next_id() = 0;  // for tasks and other ids made outside a save; ids are unique
                             // across every kind of row
  // Reserves `count` consecutive ids and returns the first: rows made elsewhere
  // with ids of their own (the demo generator) are then saved with those ids.
  virtual Id reserve_ids(std::int64_t count) = 0;

  // The dialog must exist (else StoreError(NotFound)); a non-empty external_id
  // already stored for the dialog's source throws StoreError(Conflict).
  virtual Id save_message(const core::Message& message) = 0;
  // A new message and what it changes in its dialog, in one write: the
  // dialog's mode, activity times, unread count, answered flag, response time
  // and preview as `dialog` holds them after core::apply_message. Its other
  // fields (status, responsible, tags, tasks, custom fields, post) keep what is
  // stored, so a message costs a few columns instead of the whole dialog.
  // `dialog` must be stored in its account with message.dialog_id as its id
  // (else StoreError(NotFound)); a non-empty external_id already stored for
  // the dialog's source throws StoreError(Conflict).
  virtual Id add_message(const core::Message& message, const core::Dialog& dialog) = 0;

  // The event log: every change is appended with an account-wide increasing seq
  // (last + 1, set into event.seq and returned). `json`, when given, receives
  // the event's JSON as stored, so that live delivery need not encode it again.
  virtual std::int64_t append_event(Id account_id, core::Event& event,
                                    std::string* json = nullptr) = 0;
  virtual std::vector<core::Event> events_after(Id account_id, std::int64_t seq, int limit) = 0;
  virtual std::int64_t last_seq(Id account_id) = 0;
  // The oldest seq still stored; last_seq + 1 when none is.
  virtual std::int64_t first_retained_seq(Id account_id) = 0;
  // Keeps the newest `keep` events of the account; returns how many were deleted.
  virtual int prune_events(Id account_id, std::int64_t keep) = 0;

  // Idempotency keys: the stored reply of a mutation already done.
  virtual std::optional<IdempotentReply> idempotent_reply(Id operator_id,
                                                          const std::string& key) = 0;
  virtual void save_idempotent_reply(Id operator_id, const std::string& key,
                                     const IdempotentReply& reply) = 0;
  virtual int prune_idempotent_replies(TimeMs older_than) = 0;  // by the time they were saved

  // Runs f inside one transaction (nested calls join the outer one). An exception
  // from f rolls back what f did (a nested call only its own part) and propagates.
  // Other threads wait until it ends. A write method that throws inside f may
  // leave part of its change: let the exception leave f (or catch it outside a
  // nested transaction around the call) so that the part is rolled back.
  virtual void transaction(const std::function<void()>& f) = 0;

  // The channels' part: connections, inbound updates, the outbound queue.
  virtual ChannelStore& channels() = 0;
};

// Opens (creating if needed) the database and applies the schema migrations.
// ":memory:" gives a private in-memory database (tests). Throws StoreError(Failure).
std::unique_ptr<Store> open_sqlite_store(const std::string& path);
// Connects to a PostgreSQL database by a libpq connection string
// ("postgresql://user@host:port/db", or "host=... dbname=...") and applies the
// migrations to the schema the connection uses. Throws StoreError
// (Unavailable when the server cannot be reached).
std::unique_ptr<Store> open_postgres_store(const std::string& conninfo);

// A second connection to a database open_store has opened (and migrated), for
// reads beside the writer: no migrations, no background work, no writes.
std::unique_ptr<Store> open_sqlite_reader(const std::string& path);
std::unique_ptr<Store> open_postgres_reader(const std::string& conninfo);

// Whether a --db value names a PostgreSQL database rather than an SQLite file.
bool is_postgres_location(const std::string& location);
// PostgreSQL for such a location, else the SQLite file at that path.
std::unique_ptr<Store> open_store(const std::string& location);
std::unique_ptr<Store> open_reader(const std::string& location);

}  // namespace server
