// What the API asks of the channels (server/channels/service.hpp implements
// it): a source's connection checked with its channel, a webhook call
// verified, work handed to the channels' threads. The API knows no
// connector; the channels know the API only through this and Api::write.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/entities.hpp"
#include "server/storage/channel_store.hpp"
#include "server/transport/http_types.hpp"

namespace server {

// A webhook call's verdict: the answer to the channel and the updates to keep.
struct HookVerdict {
  int status = 200;
  std::string content_type = "text/plain";
  std::string body = "ok";
  std::vector<std::string> updates;
};

class ChannelGateway {
 public:
  virtual ~ChannelGateway() = default;
  // Whether the channel has a connector (a source of it can be connected).
  virtual bool supports(core::ChannelKind channel) const = 0;
  // Checks the credentials with the channel's own call and sets up what it
  // needs; fills the source's address and the settings learnt. Blocking I/O:
  // called only on a channels' thread (see offload). Throws ApiError 422
  // with the channel's reason.
  virtual void connect(SourceConnection& connection, core::Source& source) = 0;
  // Verifies a webhook call; no I/O.
  virtual HookVerdict hook(const SourceConnection& connection, const HttpRequest& request) = 0;
  // Runs a job on a channels' thread (slow checks before a write).
  virtual void offload(std::function<void()> job) = 0;
  // Something was queued (an outbound message, an inbound update) or a
  // source changed: the workers look again.
  virtual void wake() = 0;
};

}  // namespace server
