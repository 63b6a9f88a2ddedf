// The view as a link: mode, filter, sort and the open dialog in a URL
// fragment ("mode=accepted&channels=telegram&search=анна&dialog=42"), so a
// reload, back and forward and a shared link all show the same view.
#pragma once

#include <string>
#include <string_view>

#include "core/entities.hpp"
#include "core/filter.hpp"

namespace app {

struct DeepLink {
  core::ViewQuery query;
  core::Id dialog = core::kNoId;  // kNoId: no dialog open
  // "invite=<token>": an invitation link, opened on the login screen; never encoded.
  std::string invitation;
};

// The fragment without '#'; defaults (no filter, the default sort) are left out.
std::string encode_link(const DeepLink& link);
// Reads a fragment (with or without a leading '#'); throws core::DecodeError
// (or std::invalid_argument) naming the bad part. An empty fragment is the default view.
DeepLink decode_link(std::string_view fragment);

// The host's view object ({"mode", "channels", ..., "search", "sort": {...}}, the
// filter's fields at the top level) over `base`; throws core::DecodeError.
core::ViewQuery view_from_json(std::string_view json, const core::ViewQuery& base);

}  // namespace app
