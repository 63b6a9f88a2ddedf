// The client application without drawing: it owns the backend and the list
// view, and applies the operator's intents at one point per frame.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "app/account_forms.hpp"
#include "app/avatar_cache.hpp"
#include "app/bulk_summary.hpp"
#include "app/channel_setup.hpp"
#include "app/dialog_view.hpp"
#include "app/filter_state.hpp"
#include "app/host_notices.hpp"
#include "app/list_intents.hpp"
#include "app/list_view.hpp"
#include "app/notice.hpp"
#include "app/outbox.hpp"
#include "app/pending_changes.hpp"
#include "app/presence.hpp"
#include "app/recent_events.hpp"
#include "app/settings_view.hpp"
#include "app/write_first.hpp"
#include "net/backend.hpp"

namespace app {

// What the operator asked for during a frame; applied by InboxApp::apply.
struct LoginForm {
  std::string email;
  std::string password;
};

// A change to one dialog, from the sidebar, the header or the table's status cell.
struct DialogEdit {
  core::Id dialog = core::kNoId;
  core::DialogChange change;
};

struct Intents {
  std::optional<LoginForm> login;
  std::optional<SignupForm> signup;       // a new business from the login screen
  std::optional<ProfileChange> profile;   // the operator's own name or password
  std::optional<std::string> invitation;  // an invitation link's token, from the page's URL
  std::optional<InvitationForm> accept_invitation;  // its password chosen
  std::optional<core::DialogMode> mode;
  std::optional<core::ViewQuery> query;  // the whole view at once (a link, the host)
  std::optional<core::Id> open_dialog;   // by id, once the list has it (a link, the host)
  std::optional<std::string> search;
  std::optional<core::Sort> sort;
  std::optional<core::Id> click_row;
  bool toggle = false;  // with ctrl
  bool extend = false;  // with shift
  // The open dialog's window.
  bool close_dialog = false;
  bool accept = false;
  bool archive = false;
  std::optional<std::string> draft;        // the composer's text changed
  bool send = false;                       // send the draft
  std::optional<int> outbox_retry;         // a failed message (OutboxItem::local_id) goes again
  std::optional<int> outbox_discard;       // or is dropped
  std::optional<core::Id> delivery_retry;  // a message its channel refused goes again
  // The channel screen.
  bool load_channels = false;                               // it opened: ask for the sources
  std::optional<ConnectForm> connect_channel;               // connect a source
  std::optional<std::pair<core::Id, bool>> source_enabled;  // turn one on or off
  // The account settings window.
  bool load_settings = false;            // it opened: ask for the block list and usage
  std::vector<SettingsChange> settings;  // items saved or deleted (a reorder saves several)
  std::vector<DialogEdit> edits;
  bool load_older = false;  // the history is scrolled to its top
  std::optional<bool> note;
  std::optional<core::ReplyTarget> reply_to;
  std::optional<std::size_t> drop_attachment;
  bool pick_file = false;                     // for the platform: the browser's file picker
  bool pick_avatar = false;                   // the same for the operator's own picture
  std::optional<core::Attachment> open_file;  // a file in the history, opened by the page
  ListIntents list;                           // filters, bulk actions, writing first, more rows
  bool any() const {
    return login || signup || profile || invitation || accept_invitation || mode || query ||
           open_dialog || search || sort || click_row || close_dialog || accept || archive ||
           draft || send || outbox_retry || outbox_discard || delivery_retry || load_channels ||
           connect_channel || source_enabled || load_settings || !settings.empty() ||
           !edits.empty() || load_older || note || reply_to || drop_attachment || pick_file ||
           pick_avatar || open_file || list.any();
  }
};

class InboxApp {
 public:
  static constexpr int kHistoryMessages = 100;  // the newest messages shown on opening

  // `outbox_key` makes this page's idempotency keys its own (random, from the platform).
  // The first list asked for is of `first_view` (a link's, or the host's), at `clock`.
  explicit InboxApp(std::unique_ptr<net::Backend> backend, std::string outbox_key = "outbox",
                    const core::ViewQuery& first_view = {}, LocalClock clock = {});

  // The backend's directory with the settings changes not yet in it shown as made
  // (optimistic: a refusal takes its change back).
  const core::Directory& directory() const {
    return shown_settings_.empty() ? backend_->directory() : shown_directory_;
  }
  const ListView& list() const { return list_; }
  const DialogView& dialog() const { return dialog_; }
  net::Status status() const { return backend_->status(); }
  const PendingChanges& pending() const { return pending_; }
  // Messages written and not yet taken by the server, shown in their dialog.
  const Outbox& outbox() const { return outbox_; }
  // What the operator wrote and the server has not taken yet, as text for the
  // browser's storage ("" when nothing waits), and its restoring after a reload.
  std::string saved_outbox() const;
  void restore_outbox(std::string_view saved);
  // The other operators viewing or typing in dialogs (presence events).
  const PresenceBoard& presence() const { return presence_; }
  // The latest thing that did not work out; its id grows with each one.
  const Notice& notice() const { return notice_; }
  core::Id operator_id() const { return backend_->operator_id(); }
  const FilterState& filter() const { return filter_; }
  const BulkView& bulk() const { return bulk_; }
  const WriteFirstView& write_first() const { return write_first_; }
  const ChannelsView& channels() const { return channels_; }
  const SettingsView& settings() const { return settings_; }
  const ProfileView& profile() const { return profile_; }
  // The clients' pictures: drawing asks for them, the platform loads them.
  AvatarCache& avatars() { return avatars_; }
  std::string help_url() const { return backend_->help_url(); }
  // When a frame is wanted by itself (simulated traffic, a retry, a presence
  // report or expiry); 0: never.
  core::TimeMs wake_at() const;
  // What happened that the page around should know (see host_notices.hpp).
  std::vector<HostNotice> take_notices() { return notices_.take(); }

  void apply(const Intents& intents);
  // Delivers backend answers; true when the screen needs redrawing.
  bool update(core::TimeMs now);

  // A change to a dialog, shown at once and taken back if the backend refuses it.
  void change(core::Id dialog, const core::DialogChange& change);
  void retry_delivery(core::Id message);  // of the open dialog
  void load_channels();
  void connect_channel(const ConnectForm& form);
  void set_source_enabled(core::Id source, bool enabled);
  void load_settings();
  // Checked by app/settings_change, then sent; the directory follows by the
  // directory_changed event, the block list by the answer.
  void change_settings(const SettingsChange& change);
  // The signed-in operator's own name or password, checked by core/account_rules.
  void change_profile(const ProfileChange& change);
  // The composer's file, reported by the platform as it goes up.
  void upload_progress(const std::string& name, double fraction);
  void upload_done(const core::Attachment& attachment);
  void upload_failed(const std::string& reason);
  // A file the page could not open (gone, no session, no connection): a code
  // for app/problem_text and the server's text.
  void open_failed(const std::string& code, const std::string& detail);

 private:
  void reload();
  void on_event(const core::Event& event);
  void open(core::Id id);
  void open_row(const core::DialogRow& row);
  // The list's intents (inbox_app_list.cpp); true when the query changed.
  bool apply_list(const ListIntents& intents);
  void fetch_window(int size);  // rows; 0: a window
  void run_bulk(const core::BulkCommand& command);
  void send_write_first(const WriteFirstForm& form);
  void open_pending();  // the dialog a link or the host asked for, once the list is in
  void send();
  void send_next();  // the outbox's next message, if one may go now
  // Presence: reports due, the board kept honest across a lost connection.
  void follow_live();
  void load_older();
  // Shows a row in the list and the open dialog as a live event would.
  void show(const core::DialogRow& row);
  void take_row(const core::DialogRow& row, const std::optional<core::Message>& message);
  // Re-applies to the list the events after `seq` that reached the page
  // before a list answer read only up to it.
  void replay_after(std::int64_t seq);
  const core::DialogRow* shown_row(core::Id dialog) const;
  void tell(Notice notice);

  std::unique_ptr<net::Backend> backend_;
  ListView list_;
  DialogView dialog_;
  PendingChanges pending_;
  RecentEvents recent_;
  Notice notice_;
  int generation_ = 0;  // answers to superseded queries are dropped
  FilterState filter_;
  BulkView bulk_;
  WriteFirstView write_first_;
  ChannelsView channels_;
  SettingsView settings_;
  // A settings change shown before the backend's directory holds it: kept until
  // the directory is replaced after its answer, dropped (rolled back) on a refusal.
  struct ShownSetting {
    int ticket = 0;
    SettingsChange change;
    core::Id id = core::kNoId;  // a created item's: provisional (below 0) until answered
    bool answered = false;
    int generation = 0;  // the backend's directory generation at the answer
  };
  std::vector<ShownSetting> shown_settings_;
  core::Directory shown_directory_;
  int next_setting_ticket_ = 0;
  void show_settings();    // rebuilds shown_directory_
  void settle_settings();  // drops the changes the backend's directory now holds
  ProfileView profile_;
  bool avatar_upload_ = false;  // the file being uploaded is the operator's picture
  Locale locale_ = Locale::Ru;
  HostNotices notices_;
  core::Id pending_open_ = core::kNoId;
  Outbox outbox_;
  PresenceBoard presence_;
  PresenceReporter reporter_;
  net::Live live_ = net::Live::None;  // as last seen, to notice a reconnect
  bool been_online_ = false;          // the live stream was up once: a later Online is a return
  core::TimeMs now_ = 0;              // of the latest update()
  AvatarCache avatars_;
};

}  // namespace app
