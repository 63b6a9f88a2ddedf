// Intents to queries, and backend answers into the list view.
#include "app/inbox_app.hpp"

#include "app/live_apply.hpp"

namespace app {

InboxApp::InboxApp(std::unique_ptr<net::Backend> backend) : backend_(std::move(backend)) {
  backend_->set_event_sink([this](const core::Event& event) { on_event(event); });
  reload();
}

void InboxApp::apply(const Intents& in) {
  if (in.login) backend_->login(in.login->email, in.login->password);
  bool query_changed = false;
  if (in.mode && *in.mode != list_.query.mode) {
    list_.query.mode = *in.mode;
    list_.selection.clear();
    query_changed = true;
  }
  if (in.search && *in.search != list_.query.filter.search) {
    list_.query.filter.search = *in.search;
    query_changed = true;
  }
  if (in.sort && (in.sort->key != list_.query.sort.key ||
                  in.sort->descending != list_.query.sort.descending)) {
    list_.query.sort = *in.sort;
    query_changed = true;
  }
  if (in.click_row) {
    if (in.extend) {
      list_.selection.extend(*in.click_row, list_.page.rows);
    } else if (in.toggle) {
      list_.selection.toggle(*in.click_row);
    } else {
      list_.selection.click(*in.click_row);
    }
  }
  if (query_changed) reload();
}

bool InboxApp::update(core::TimeMs now) {
  return backend_->pump(now);
}

void InboxApp::on_event(const core::Event& event) {
  if (event.kind == core::EventKind::Resync) {
    reload();
  } else {
    app::apply(list_, event);
  }
}

void InboxApp::reload() {
  const int generation = ++generation_;
  list_.loading = true;
  backend_->request_list(list_.query, kPageRows, [this, generation](ListPage page) {
    if (generation != generation_) return;
    list_.page = std::move(page);
    list_.loading = false;
  });
}

}  // namespace app
