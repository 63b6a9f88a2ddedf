// ClusterMember: the wiring of cluster_member.hpp.
#include "server/cluster/cluster_member.hpp"

namespace server::cluster {

ClusterMember::ClusterMember(const std::string& conninfo) : link_(conninfo) {}

ClusterMember::~ClusterMember() {
  stop();
}

LiveFeed& ClusterMember::feed(IndexedStore& store, LiveHub& live, std::mutex& commit_order) {
  store.follow_event_log();
  sequencer_ = std::make_unique<EventSequencer>(
      store, live, commit_order, [this, &store](Id account, const core::Event& e, bool from_log) {
        store.follow(account, e);
        if (from_log && api_) api_->context().follow_log(account, e);
      });
  sequencer_->start([&store](Id account) { return store.seq(account); });
  live.set_position([this](Id account) { return sequencer_->position(account); });
  return *sequencer_;
}

void ClusterMember::start(Api& api, LiveHub& live, channels::ChannelService& channels,
                          std::function<void()> lost_channels) {
  api_ = &api;
  LinkHandlers h;
  h.events = [this](const std::vector<Id>& accounts) {
    for (Id account : accounts) sequencer_->catch_up(account);
  };
  h.sessions_ended = [&api] { api.context().sessions().forget_all(); };
  h.presence = [&live](const std::string& report) { live.share_in(report); };
  h.reconnected = [this, &api] {
    api.context().sessions().forget_all();
    sequencer_->catch_up_all();
  };
  h.channels = [&channels, lost = std::move(lost_channels)](bool lead) {
    if (lead) {
      channels.take_over();
    } else if (lost) {
      lost();
    }
  };
  live.set_presence_share([this](const std::string& report) { link_.send_presence(report); });
  sequencer_->catch_up_all();  // what committed between the index's load and now
  link_.start(std::move(h));
}

void ClusterMember::stop() {
  link_.stop();
}

}  // namespace server::cluster
