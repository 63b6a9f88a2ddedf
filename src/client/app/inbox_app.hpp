// The client application without drawing: it owns the backend and the list
// view, and applies the operator's intents at one point per frame.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "app/list_view.hpp"
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
  bool any() const { return login || mode || search || sort || click_row; }
};

class InboxApp {
 public:
  static constexpr int kPageRows = 100000;  // until the list is windowed by the server

  explicit InboxApp(std::unique_ptr<net::Backend> backend);

  const core::Directory& directory() const { return backend_->directory(); }
  const ListView& list() const { return list_; }
  net::Status status() const { return backend_->status(); }

  void apply(const Intents& intents);
  // Delivers backend answers; true when the screen needs redrawing.
  bool update(core::TimeMs now);

 private:
  void reload();
  void on_event(const core::Event& event);

  std::unique_ptr<net::Backend> backend_;
  ListView list_;
  int generation_ = 0;  // answers to superseded queries are dropped
};

}  // namespace app
