// The backend as the app sees it: one interface, answered by the server over
// HTTP and WebSocket, or by the in-page demo backend.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/account_forms.hpp"
#include "app/channel_setup.hpp"
#include "app/list_view.hpp"
#include "app/settings_change.hpp"
#include "core/dialog_change.hpp"
#include "core/entities.hpp"
#include "core/events.hpp"
#include "core/filter.hpp"
#include "net/list_answers.hpp"

namespace net {

enum class Session {
  Ready,      // signed in (or no sign-in needed): lists are answered
  Loading,    // asking the server who we are
  NeedLogin,  // the server answered 401: the login screen shows
  LoggingIn,  // the login form was sent
  Failed,     // the server is unreachable or answered nonsense: `error` says what
};

enum class Live { None, Online, Reconnecting };

// What the screen shows about the connection; never an exception.
struct Status {
  Session session = Session::Ready;
  Live live = Live::None;
  std::string error;               // the last failure's detail; "" when fine
  std::string code;                // and its code, worded by app/problem_text
  bool signup_enabled = false;     // the server lets a new business sign up (the login screen)
  app::InvitationView invitation;  // an invitation link being opened on the login screen
};

// The answer to a dialog action or a sent message: the changed row (and the
// new message), or why not: `code` (worded by app/problem_text) and `error`,
// the server's or the rule's own text.
struct DialogAnswer {
  std::optional<core::DialogRow> row;
  std::optional<core::Message> message;
  std::string error;
  // No answer, or one that says "try later" (network down, 502-504, 429): the
  // same request, with the same idempotency key, may go again.
  bool retry = false;
  std::string code;
};

struct MessagesAnswer {
  std::vector<core::Message> messages;  // newest first, as the API pages them
  core::Id next_before = core::kNoId;   // asks for the next older page; kNoId: none left
  std::string error;
  std::string code;
};

// What the composer sends: a message to the client, or an internal note.
struct Outgoing {
  std::string text;
  std::vector<core::Attachment> attachments;  // uploaded already (api/uploads)
  core::ReplyTarget reply_to = core::ReplyTarget::Direct;
  bool note = false;
  std::string idempotency_key;  // the same on every retry: the server takes it once
};

// The account's sources for the channel screen (owner and admins).
struct SourcesAnswer {
  std::vector<app::SourceStatus> sources;
  std::vector<core::ChannelKind> connectable;
  std::string error;
  std::string code;
};

// A source connected or changed, or why not (the channel's own words).
struct SourceAnswer {
  std::optional<app::SourceStatus> source;
  std::string error;
  std::string code;
};

// The answer to an account settings change: the saved item's id (a created
// one's new id), or the block list when it was asked for; or why not.
struct SettingsAnswer {
  core::Id id = core::kNoId;
  std::string invitation_url;  // an operator's new invitation link
  std::vector<app::BlockEntry> block_list;
  std::map<core::Id, int> status_usage;  // dialogs per funnel status
  std::string error;
  std::string code;
};

class Backend {
 public:
  using ListDone = std::function<void(app::ListPage)>;
  using MessagesDone = std::function<void(MessagesAnswer)>;
  using DialogDone = std::function<void(DialogAnswer)>;
  using EventSink = std::function<void(const core::Event&)>;

  virtual ~Backend() = default;
  virtual const core::Directory& directory() const = 0;
  // Grows each time directory() is replaced by a newer one (after directory_changed).
  virtual int directory_generation() const { return 0; }
  // Asks for the first `limit` rows of a view; `done` runs from pump().
  virtual void request_list(const core::ViewQuery& query, int limit, ListDone done) = 0;
  // Delivers finished requests, live events and simulated traffic; true when something changed.
  virtual bool pump(core::TimeMs now) = 0;

  // `limit` messages of a dialog older than message `before` (kNoId: the newest);
  // `done` runs from pump().
  virtual void request_messages(core::Id dialog, core::Id before, int limit, MessagesDone done) = 0;
  virtual void send_message(core::Id dialog, const Outgoing& message, DialogDone done) = 0;
  // One change to a dialog (accept, archive, status, tags, tasks, ...) under the
  // core's rules; the answer is the changed row or the reason it was refused.
  virtual void change(core::Id dialog, const core::DialogChange& change, DialogDone done) = 0;
  // A message its channel refused goes to the channel again; the answer
  // carries it (pending again) or why not.
  virtual void retry_delivery(core::Id dialog, core::Id message, DialogDone done) = 0;

  virtual Status status() const { return {}; }
  // The support link the server gives ("" for none).
  virtual std::string help_url() const { return {}; }
  // When pump() next has something to deliver by itself (simulated traffic); 0: never.
  virtual core::TimeMs wake_at() const { return 0; }
  // Signs in with the login form; the session follows in status().
  virtual void login(const std::string& /*email*/, const std::string& /*password*/) {}
  // Creates a business with its owner and signs the owner in, as login() does.
  virtual void signup(const app::SignupForm& /*form*/) {}
  // An invitation link: asks who it invites (status().invitation), then sets
  // the chosen password and signs in, as login() does.
  virtual void open_invitation(const std::string& /*token*/) {}
  virtual void accept_invitation(const app::InvitationForm& /*form*/) {}
  // Live events (dialog changes, resync) are handed here from pump().
  virtual void set_event_sink(EventSink /*sink*/) {}

  // The list beyond its first window, bulk actions and writing first.
  using WindowDone = std::function<void(WindowAnswer)>;
  using BulkDone = std::function<void(BulkAnswer)>;
  // The `limit` rows of a view after `cursor` (a ListPage::next_cursor); `done` runs from pump().
  virtual void request_window(const core::ViewQuery& query, const std::string& cursor, int limit,
                              WindowDone done) = 0;
  virtual void bulk(const core::BulkRequest& request, BulkDone done) = 0;
  // Starts (or continues) a conversation on a source by a phone or username.
  virtual void write_first(core::Id source, const std::string& to, const std::string& text,
                           DialogDone done) = 0;
  // Tells the others where this operator is (the live stream); dropped while offline.
  virtual void report_presence(const core::Presence& /*presence*/) {}
  // The channel screen: the sources with their health, connecting one (its
  // credentials checked by the channel before anything is kept), turning one
  // on or off. `done` runs from pump().
  using SourcesDone = std::function<void(SourcesAnswer)>;
  using SourceDone = std::function<void(SourceAnswer)>;
  virtual void request_sources(SourcesDone done) = 0;
  virtual void connect_source(const app::ConnectForm& form, SourceDone done) = 0;
  virtual void set_source_enabled(core::Id source, bool enabled, SourceDone done) = 0;
  // Account settings (owner and admins): statuses, tags, templates, operators
  // and the block list. A change shows in directory() once the server's
  // directory_changed arrives; `done` runs from pump().
  using SettingsDone = std::function<void(SettingsAnswer)>;
  virtual void change_settings(const app::SettingsChange& change, SettingsDone done) = 0;
  virtual void request_block_list(SettingsDone done) = 0;
  // How many dialogs each funnel status has (a used one asks where they go when deleted).
  virtual void request_status_usage(SettingsDone done) = 0;
  // The signed-in operator's own name or password; a new password ends their
  // other sessions. The name shows in directory() after directory_changed.
  virtual void change_profile(const app::ProfileChange& change, SettingsDone done) = 0;
  // The signed-in operator (per-operator preferences); kNoId until known.
  virtual core::Id operator_id() const { return core::kNoId; }
};

}  // namespace net
