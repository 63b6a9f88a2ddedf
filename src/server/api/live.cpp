// Fan-out with per-operator visibility. A subscriber whose queue overflows is
// closed: on reconnect it resumes from its last sequence number or is told to
// resync, so a slow consumer never holds back the others.
#include "server/api/live.hpp"

#include "core/codec.hpp"
#include "core/visibility.hpp"
#include "server/api/auth.hpp"

namespace server {
namespace {

std::string kind_only(const char* kind, std::int64_t seq) {
  return core::Json{{"kind", kind}, {"seq", seq}}.dump();
}

}  // namespace

LiveHub::LiveHub(Store& store, std::mutex& commit_order, std::function<TimeMs()> clock)
    : store_(store), commit_order_(commit_order), clock_(std::move(clock)) {}

WebSocketHandlers LiveHub::handlers() {
  WebSocketHandlers h;
  h.on_open = [this](const HttpRequest& r, const std::shared_ptr<Subscriber>& s) {
    return open(r, s);
  };
  h.on_message = [this](const std::shared_ptr<Subscriber>& s, const std::string& text) {
    message(s, text);
  };
  h.on_close = [this](const std::shared_ptr<Subscriber>& s) { close(s); };
  return h;
}

bool LiveHub::open(const HttpRequest& request, const std::shared_ptr<Subscriber>& socket) {
  std::optional<core::Operator> op = authenticate(store_, request_token(request, true), clock_());
  if (!op) return false;
  const Id account = op->account_id;
  Viewer viewer{*op, socket};

  std::lock_guard<std::mutex> order(commit_order_);
  const std::int64_t last = store_.last_seq(account);
  auto after = request.query.find("after");
  if (after != request.query.end() && !after->second.empty()) {
    std::int64_t from = -1;
    if (after->second.size() < 19 &&
        after->second.find_first_not_of("0123456789") == std::string::npos) {
      from = std::stoll(after->second);
    }
    const std::int64_t first = store_.first_retained_seq(account);
    if (from < 0 || from > last || last - from > kResumeMaxEvents ||
        (from + 1 < first && from < last)) {
      socket->send(kind_only("resync", last));
    } else {
      for (const core::Event& e : store_.events_after(account, from, kResumeMaxEvents)) {
        if (may_see(viewer.op, e)) socket->send(core::encode(e).dump());
      }
    }
  }
  socket->send(kind_only("hello", last));
  std::lock_guard<std::mutex> lock(mutex_);
  viewers_[socket.get()] = std::move(viewer);
  return true;
}

void LiveHub::message(const std::shared_ptr<Subscriber>& socket, const std::string& text) {
  core::Json j;
  core::Presence presence;
  Viewer viewer;
  try {
    j = core::parse_json(text);
    if (!j.is_object()) return;
    const std::string type = j.value("type", std::string());
    if (type == "ping") {
      socket->send(core::Json{{"kind", "pong"}}.dump());
      return;
    }
    if (type != "presence") return;
    presence = core::decode<core::Presence>(j);
  } catch (const std::exception&) {
    socket->send(
        core::Json{{"kind", "error"}, {"message", "expected a presence or ping message"}}.dump());
    return;
  }
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = viewers_.find(socket.get());
    if (it == viewers_.end()) return;
    viewer = it->second;
  }
  presence.operator_id = viewer.op.id;  // nobody speaks for someone else
  std::optional<core::DialogRow> row = store_.dialog(viewer.op.account_id, presence.dialog_id);
  if (!row || !core::can_see(viewer.op, row->dialog)) return;
  core::Event event;
  event.kind = core::EventKind::Presence;
  event.at = clock_();
  event.presence = presence;
  event.row = std::move(*row);  // lets each subscriber's visibility be checked
  deliver(viewer.op.account_id, event);
}

void LiveHub::close(const std::shared_ptr<Subscriber>& socket) {
  std::lock_guard<std::mutex> lock(mutex_);
  viewers_.erase(socket.get());
}

bool LiveHub::may_see(const core::Operator& op, const core::Event& event) {
  if (event.row) return core::can_see(op, event.row->dialog);
  if (event.kind == core::EventKind::BulkApplied) {
    // Per-dialog changes went out as dialog_changed; the summary names ids,
    // so only those who see everything get it.
    return op.role != core::Role::Manager || op.supervisor;
  }
  return true;
}

void LiveHub::send_all(const std::vector<std::shared_ptr<Subscriber>>& sockets,
                       const std::string& text) {
  for (const std::shared_ptr<Subscriber>& socket : sockets) {
    if (!socket->send(text)) socket->close();  // too slow: it resumes or resyncs on reconnect
  }
}

void LiveHub::deliver(Id account_id, const core::Event& event) {
  core::Json j = core::encode(event);
  if (event.kind == core::EventKind::Presence) j.erase("row");  // only the dialog id is news
  const std::string text = j.dump(-1, ' ', false, core::Json::error_handler_t::replace);
  std::vector<std::shared_ptr<Subscriber>> targets;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    for (const auto& [key, viewer] : viewers_) {
      if (viewer.op.account_id != account_id) continue;
      if (event.kind == core::EventKind::Presence && event.presence &&
          event.presence->operator_id == viewer.op.id) {
        continue;
      }
      if (!may_see(viewer.op, event)) continue;
      if (std::shared_ptr<Subscriber> socket = viewer.socket.lock()) targets.push_back(socket);
    }
  }
  // Sent outside the lock: a socket's close may call back into close().
  send_all(targets, text);
}

void LiveHub::heartbeat() {
  std::map<Id, std::vector<std::shared_ptr<Subscriber>>> by_account;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    for (const auto& [key, viewer] : viewers_) {
      if (std::shared_ptr<Subscriber> socket = viewer.socket.lock()) {
        by_account[viewer.op.account_id].push_back(socket);
      }
    }
  }
  for (const auto& [account, sockets] : by_account) {
    send_all(sockets, kind_only("heartbeat", store_.last_seq(account)));
  }
}

std::size_t LiveHub::subscriber_count() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return viewers_.size();
}

}  // namespace server
