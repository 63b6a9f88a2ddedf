// One server process among several on one PostgreSQL database, wired up:
// the link to the others (cluster_link.hpp), the sequencer that puts every
// committed event in order (api/event_sequencer.hpp), the list index
// following the event log, sessions and the directory cache forgotten when
// another process changed them, presence shared, the channels run by the
// process holding their lock. Made in three steps, as the parts it joins
// come to exist:
//
//   ClusterMember member(conninfo);            // listening, before the index loads
//   IndexedStore store(...);  LiveHub live(...);
//   Api api(store, member.feed(store, live, commit_order), ...);
//   ChannelService channels(api, ...);  channels.start(false);
//   member.start(api, live, channels);         // catches up, then follows
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "server/api/api.hpp"
#include "server/api/event_sequencer.hpp"
#include "server/api/live.hpp"
#include "server/channels/service.hpp"
#include "server/cluster/cluster_link.hpp"
#include "server/index/indexed_store.hpp"

namespace server::cluster {

class ClusterMember {
 public:
  explicit ClusterMember(const std::string& conninfo);
  ~ClusterMember();

  // The feed the API delivers to: events go on to `live` in order, and to
  // the index (which from now on follows the log).
  LiveFeed& feed(IndexedStore& store, LiveHub& live, std::mutex& commit_order);
  // Delivers what committed since the index loaded, then follows the others.
  // `lost_channels` is called when the channels' lock went with the
  // database connection (the server then stops: see main.cpp).
  void start(Api& api, LiveHub& live, channels::ChannelService& channels,
             std::function<void()> lost_channels);
  void stop();
  EventSequencer& sequencer() { return *sequencer_; }
  bool runs_channels() const { return link_.runs_channels(); }

 private:
  ClusterLink link_;
  std::unique_ptr<EventSequencer> sequencer_;
  Api* api_ = nullptr;  // set by start; events read before it skip the API's caches
};

}  // namespace server::cluster
