// The JSON wire format of every entity, command and event. Decoding ignores
// unknown fields and reports a missing or wrongly typed field by its path,
// e.g. "dialog.tag_ids[2]: expected an integer".
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/bulk.hpp"
#include "core/entities.hpp"
#include "core/events.hpp"
#include "core/filter.hpp"

namespace core {

using Json = nlohmann::json;

class DecodeError : public std::runtime_error {
 public:
  DecodeError(std::string path, const std::string& problem)
      : std::runtime_error(path + ": " + problem), path_(std::move(path)) {}
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// Parses text into JSON; throws DecodeError for malformed JSON or invalid UTF-8.
Json parse_json(std::string_view text);

// encode(x) -> Json, decode<T>(json) -> T for every type below.
Json encode(const Account&);
Json encode(const Operator&);
Json encode(const Source&);
Json encode(const Client&);
Json encode(const Dialog&);
Json encode(const Message&);
Json encode(const FunnelStatus&);
Json encode(const Tag&);
Json encode(const Task&);
Json encode(const Template&);
Json encode(const DialogRow&);
Json encode(const Filter&);
Json encode(const Sort&);
Json encode(const ViewQuery&);
Json encode(const BulkCommand&);
Json encode(const BulkRequest&);
Json encode(const BulkResult&);
Json encode(const Event&);

template <class T>
T decode(const Json& json);  // throws DecodeError

// Enum wire names ("whatsapp", "new", "set_status", ...).
std::string_view to_string(Role);
std::string_view to_string(DialogMode);
std::string_view to_string(StatusGroup);
std::string_view to_string(Direction);
std::string_view to_string(MessageKind);
std::string_view to_string(ReplyTarget);
std::string_view to_string(DeliveryState);
std::string_view to_string(ReadType);
std::string_view to_string(SortKey);
std::string_view to_string(BulkAction);
std::string_view to_string(BulkOutcome);
std::string_view to_string(EventKind);
std::string_view to_string(PresenceState);

}  // namespace core
