// The live event stream on /api/events: who is subscribed, what each may see,
// resuming after a reconnect, presence, heartbeats. Events reach it from the
// API after they are committed (LiveFeed).
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/entities.hpp"
#include "server/api/api.hpp"
#include "server/storage/store.hpp"
#include "server/transport/http_types.hpp"

namespace server {

constexpr int kResumeMaxEvents = 5000;  // more missed than this: resync instead

class LiveHub : public LiveFeed {
 public:
  // commit_order is held while a subscriber catches up, so no event is
  // published between its backlog and its live stream.
  LiveHub(Store& store, std::mutex& commit_order, std::function<TimeMs()> clock);

  void deliver(Id account_id, const core::Event& event) override;
  WebSocketHandlers handlers();
  void heartbeat();  // from the server's timer
  std::size_t subscriber_count() const;

 private:
  struct Viewer {
    core::Operator op;
    std::weak_ptr<Subscriber> socket;
  };

  bool open(const HttpRequest& request, const std::shared_ptr<Subscriber>& socket);
  void message(const std::shared_ptr<Subscriber>& socket, const std::string& text);
  void close(const std::shared_ptr<Subscriber>& socket);
  bool may_see(const core::Operator& op, const core::Event& event);
  static void send_all(const std::vector<std::shared_ptr<Subscriber>>& sockets,
                       const std::string& text);

  Store& store_;
  std::mutex& commit_order_;
  std::function<TimeMs()> clock_;
  mutable std::mutex mutex_;
  std::map<const Subscriber*, Viewer> viewers_;
};

}  // namespace server
