// Subscribing, resuming and visibility. A subscriber whose queue overflows is
// closed by the hub: on reconnect it resumes from its last sequence number or
// is told to resync, so a slow consumer never holds back the others.
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

bool may_see(const core::Operator& op, const core::Event& event) {
  if (event.row) return core::can_see(op, event.row->dialog);
  if (event.kind == core::EventKind::BulkApplied) {
    // Per-dialog changes went out as dialog_changed; the summary names ids,
    // so only those who see everything get it.
    return op.role != core::Role::Manager || op.supervisor;
  }
  return true;
}

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

  std::lock_guard<std::mutex> order(commit_order_);
  const std::int64_t last = position_ ? position_(account) : store_.last_seq(account);
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
        if (e.seq > last) break;  // committed, not delivered yet: it comes live
        if (may_see(*op, e)) socket->send(core::encode(e).dump());
      }
    }
  }
  socket->send(kind_only("hello", last));
  // Presence is not logged: a new subscriber hears who is in a dialog now.
  std::vector<core::Presence> present = presence_.in_account(account, clock_());
  for (core::Presence& p : shared_presence_.in_account(account, clock_())) present.push_back(p);
  for (const core::Presence& p : present) {
    if (p.operator_id == op->id) continue;
    std::optional<core::DialogRow> row = store_.dialog(account, p.dialog_id);
    if (!row || !core::can_see(*op, row->dialog)) continue;
    core::Event event;
    event.kind = core::EventKind::Presence;
    event.at = clock_();
    event.presence = p;
    socket->send(core::encode(event).dump());
  }
  {
    std::lock_guard<std::mutex> lock(mutex_);
    operators_[socket.get()] = *op;
  }
  hub_.subscribe(socket, {account, op->id, std::make_shared<const core::Operator>(*op)});
  return true;
}

void LiveHub::message(const std::shared_ptr<Subscriber>& socket, const std::string& text) {
  core::Presence presence;
  try {
    core::Json j = core::parse_json(text);
    const std::string type = j.is_object() ? j.value("type", std::string()) : std::string();
    if (type == "ping") {
      socket->send(core::Json{{"kind", "pong"}}.dump());
      return;
    }
    if (type != "presence") throw core::DecodeError("type", "expected presence or ping");
    j["operator_id"] = 0;  // set below from the session: nobody speaks for someone else
    presence = core::decode<core::Presence>(j);
  } catch (const std::exception& e) {
    socket->send(core::Json{{"kind", "error"}, {"message", e.what()}}.dump(
        -1, ' ', false, core::Json::error_handler_t::replace));
    return;
  }
  core::Operator op;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = operators_.find(socket.get());
    if (it == operators_.end()) return;
    op = it->second;
  }
  presence.operator_id = op.id;
  std::optional<core::DialogRow> row = store_.dialog(op.account_id, presence.dialog_id);
  if (!row || !core::can_see(op, row->dialog)) return;
  if (presence_.update(op.account_id, presence, clock_())) {
    publish_presence({op.account_id, presence});
  }
  share(op.account_id, presence);  // refreshes too: the others time it out as well
}

void LiveHub::close(const std::shared_ptr<Subscriber>& socket) {
  hub_.unsubscribe(socket.get());
  core::Operator op;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = operators_.find(socket.get());
    if (it == operators_.end()) return;
    op = it->second;
    operators_.erase(it);
  }
  for (const PresenceChange& c : presence_.remove_operator(op.account_id, op.id)) {
    publish_presence(c);
    share(c.account_id, c.presence);
  }
}

void LiveHub::set_position(std::function<std::int64_t(Id)> position) {
  position_ = std::move(position);
}

void LiveHub::set_presence_share(std::function<void(const std::string&)> share) {
  share_ = std::move(share);
}

void LiveHub::share(Id account_id, const core::Presence& presence) {
  if (!share_) return;
  share_(core::Json{{"account_id", account_id}, {"presence", core::encode(presence)}}.dump());
}

void LiveHub::share_in(const std::string& report) {
  Id account_id = 0;
  core::Presence presence;
  try {
    const core::Json j = core::parse_json(report);
    account_id = j.at("account_id").get<Id>();
    presence = core::decode<core::Presence>(j.at("presence"));
  } catch (const std::exception&) {
    return;  // not one of ours
  }
  if (shared_presence_.update(account_id, presence, clock_())) {
    publish_presence({account_id, presence});
  }
}

void LiveHub::publish_presence(const PresenceChange& change) {
  std::optional<core::DialogRow> row = store_.dialog(change.account_id, change.presence.dialog_id);
  if (!row) return;
  core::Event event;
  event.kind = core::EventKind::Presence;
  event.at = clock_();
  event.presence = change.presence;
  event.row = std::move(*row);  // for visibility; not sent
  deliver(change.account_id, event, nullptr);
}

void LiveHub::deliver(Id account_id, const core::Event& event, const SharedText& json) {
  SharedText text = json;
  if (!text) {
    core::Json j = core::encode(event);
    if (event.kind == core::EventKind::Presence) j.erase("row");  // only the dialog id is news
    text = std::make_shared<const std::string>(
        j.dump(-1, ' ', false, core::Json::error_handler_t::replace));
  }
  hub_.publish(account_id, std::move(text), [&event](const SubscriberInfo& info) {
    const auto& op = *static_cast<const core::Operator*>(info.context.get());
    if (event.presence && event.presence->operator_id == op.id) return false;  // not to oneself
    return may_see(op, event);
  });
}

void LiveHub::tick() {
  const TimeMs now = clock_();
  hub_.tick(now);
  for (const PresenceChange& c : presence_.expire(now)) {
    publish_presence(c);
    share(c.account_id, c.presence);
  }
  for (const PresenceChange& c : shared_presence_.expire(now)) publish_presence(c);
}

}  // namespace server
