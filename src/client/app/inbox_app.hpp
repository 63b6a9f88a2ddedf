// The client application without drawing: it owns the backend and the list
// view, and applies the operator's intents at one point per frame.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "app/dialog_view.hpp"
#include "app/list_view.hpp"
#include "app/notices.hpp"
#include "net/backend.hpp"

namespace app {

// What the operator asked for during a frame; applied by InboxApp::apply.
struct LoginForm {
  std::string email;
  std::string password;
};

struct Intents {
  std::optional<LoginForm> login;
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
  std::optional<std::string> draft;  // the composer's text changed
  bool send = false;                 // send the draft
  bool any() const {
    return login || mode || query || open_dialog || search || sort || click_row || close_dialog ||
           accept || archive || draft || send;
  }
};

class InboxApp {
 public:
  static constexpr int kPageRows = 100000;      // until the list is windowed by the server
  static constexpr int kHistoryMessages = 100;  // the newest messages shown on opening

  explicit InboxApp(std::unique_ptr<net::Backend> backend);

  const core::Directory& directory() const { return backend_->directory(); }
  const ListView& list() const { return list_; }
  const DialogView& dialog() const { return dialog_; }
  net::Status status() const { return backend_->status(); }
  std::string help_url() const { return backend_->help_url(); }
  // When the backend wants a frame by itself (simulated traffic); 0: never.
  core::TimeMs wake_at() const { return backend_->wake_at(); }
  // What happened that the page around should know (see notices.hpp).
  std::vector<Notice> take_notices() { return notices_.take(); }

  void apply(const Intents& intents);
  // Delivers backend answers; true when the screen needs redrawing.
  bool update(core::TimeMs now);

 private:
  void reload();
  void on_event(const core::Event& event);
  void open(core::Id id);
  void open_pending();  // the dialog a link or the host asked for, once the list is in
  void send();
  // Runs a dialog action; its answer updates the open dialog and the list.
  void act(void (net::Backend::*action)(core::Id, net::Backend::DialogDone));
  void take_row(const core::DialogRow& row, const std::optional<core::Message>& message);

  std::unique_ptr<net::Backend> backend_;
  ListView list_;
  DialogView dialog_;
  int generation_ = 0;  // answers to superseded queries are dropped
  Notices notices_;
  core::Id pending_open_ = core::kNoId;
};

}  // namespace app
