// The client application without drawing: it owns the backend and the list
// view, and applies the operator's intents at one point per frame.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "app/bulk_summary.hpp"
#include "app/dialog_view.hpp"
#include "app/filter_state.hpp"
#include "app/list_intents.hpp"
#include "app/list_view.hpp"
#include "app/write_first.hpp"
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
  ListIntents list;                  // filters, bulk actions, writing first, more rows
  bool any() const {
    return login || mode || search || sort || click_row || close_dialog || accept || archive ||
           draft || send || list.any();
  }
};

class InboxApp {
 public:
  static constexpr int kHistoryMessages = 100;  // the newest messages shown on opening

  explicit InboxApp(std::unique_ptr<net::Backend> backend);

  const core::Directory& directory() const { return backend_->directory(); }
  const ListView& list() const { return list_; }
  const DialogView& dialog() const { return dialog_; }
  net::Status status() const { return backend_->status(); }
  core::Id operator_id() const { return backend_->operator_id(); }
  const FilterState& filter() const { return filter_; }
  const BulkView& bulk() const { return bulk_; }
  const WriteFirstView& write_first() const { return write_first_; }

  void apply(const Intents& intents);
  // Delivers backend answers; true when the screen needs redrawing.
  bool update(core::TimeMs now);

 private:
  void reload();
  void on_event(const core::Event& event);
  void open(core::Id id);
  void open_row(const core::DialogRow& row);
  // The list's intents (inbox_app_list.cpp); true when the query changed.
  bool apply_list(const ListIntents& intents);
  void fetch_window();
  void run_bulk(const core::BulkCommand& command);
  void send_write_first(const WriteFirstForm& form);
  void send();
  // Runs a dialog action; its answer updates the open dialog and the list.
  void act(void (net::Backend::*action)(core::Id, net::Backend::DialogDone));
  void take_row(const core::DialogRow& row, const std::optional<core::Message>& message);

  std::unique_ptr<net::Backend> backend_;
  ListView list_;
  DialogView dialog_;
  int generation_ = 0;  // answers to superseded queries are dropped
  FilterState filter_;
  BulkView bulk_;
  WriteFirstView write_first_;
  Locale locale_ = Locale::Ru;
};

}  // namespace app
