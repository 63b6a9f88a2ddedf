// One incoming message into its dialog, whoever hands it over: the ingest
// endpoints, a channel's webhook or poll (server/channels), the website chat.
// Idempotent on the channel's message id; applies the block list and the
// lifecycle rules. The message's JSON is the ingest format (docs/api.md).
#pragma once

#include <string>
#include <vector>

#include "core/codec.hpp"
#include "server/api/api.hpp"

namespace server {

// What became of one incoming message.
struct Ingested {
  enum class Kind { Added, Duplicate, Blocked } kind = Kind::Added;
  core::Message message;  // Added: as saved; Duplicate: the one stored before
  core::DialogRow row;    // Added
  std::string reason;     // Blocked
};

// Validates, checks against what is stored and the block list, then adds.
// Every check comes before the first write: until `writing` is set, nothing
// was written; after, a failure leaves a part for the caller's transaction
// to roll back. Throws ApiError (400) naming a bad field.
Ingested ingest_one(ApiContext& ctx, Id account_id, core::TimeMs now, const core::Directory& dir,
                    const std::vector<BlockEntry>& block_list, const core::Json& body,
                    bool& writing);

}  // namespace server
