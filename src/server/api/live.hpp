// The live event stream on /api/events: who may subscribe, resuming after a
// reconnect, visibility per operator, presence, heartbeats. Fan-out itself is
// the transport's EventHub; events reach this after they are committed.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "core/entities.hpp"
#include "server/api/api.hpp"
#include "server/storage/store.hpp"
#include "server/transport/event_hub.hpp"
#include "server/transport/http_types.hpp"
#include "server/transport/presence.hpp"

namespace server {

constexpr int kResumeMaxEvents = 5000;  // more missed than this: resync instead

class LiveHub : public LiveFeed {
 public:
  // commit_order is held while a subscriber catches up, so no event is
  // published between its backlog and its live stream.
  LiveHub(Store& store, std::mutex& commit_order, std::function<TimeMs()> clock);

  void deliver(Id account_id, const core::Event& event, const SharedText& json) override;
  WebSocketHandlers handlers();

  // With several server processes (cluster/): where the account's stream
  // stands, when it is not the store's last seq (an EventSequencer's
  // position; called under commit_order), and presence shared between the
  // processes: each report of this one goes to `share`, another's comes in
  // through share_in (and times out here as well, should its process die).
  void set_position(std::function<std::int64_t(Id account_id)> position);
  void set_presence_share(std::function<void(const std::string& report)> share);
  void share_in(const std::string& report);
  void tick();  // from the server's timer: heartbeats and presence expiry
  std::size_t subscriber_count() const { return hub_.subscriber_count(); }

 private:
  bool open(const HttpRequest& request, const std::shared_ptr<Subscriber>& socket);
  void message(const std::shared_ptr<Subscriber>& socket, const std::string& text);
  void close(const std::shared_ptr<Subscriber>& socket);
  void publish_presence(const PresenceChange& change);
  void share(Id account_id, const core::Presence& presence);

  Store& store_;
  std::mutex& commit_order_;
  std::function<TimeMs()> clock_;
  EventHub hub_;
  PresenceTracker presence_;
  PresenceTracker shared_presence_;  // the other processes' operators
  std::function<std::int64_t(Id)> position_;
  std::function<void(const std::string&)> share_;
  std::mutex mutex_;
  std::map<const Subscriber*, core::Operator> operators_;  // who each socket is
};

// Whether an operator's stream carries the event.
bool may_see(const core::Operator& op, const core::Event& event);

}  // namespace server
