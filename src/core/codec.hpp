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

// Parses text into JSON; throws DecodeError ("body") for an empty body, malformed
// JSON, invalid UTF-8 or nesting deeper than kMaxJsonDepth.
constexpr int kMaxJsonDepth = 64;
Json parse_json(std::string_view text);
// parse_json for a body from outside (a request): also refuses a key given twice in one
// object and a \u0000 in a string or key. Text the server wrote itself goes through
// parse_json, which stays fast, and a channel's stored message may hold a NUL.
Json parse_request_json(std::string_view text);

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
// Parts of the above, for tests and for callers that send them alone.
Json encode(const ChannelIdentity&);
Json encode(const PostRef&);
Json encode(const CustomField&);
Json encode(const Attachment&);
Json encode(const TimeRange&);
Json encode(const BulkSelection&);
Json encode(const Presence&);

// The text of encode(x).dump(), written onto the end of `out` without building
// the Json (codec_write.cpp): events and the rows they carry are encoded on every
// write. Throws what dump() throws for text that is not valid UTF-8.
void write_json(std::string& out, const Event&);
void write_json(std::string& out, const DialogRow&);
void write_json(std::string& out, const Message&);

template <class T>
T decode(const Json& json);  // throws DecodeError

// The types decode<T> is defined for (in codec.cpp); the top-level path of an
// error is the type's snake_case name, e.g. "bulk_request.command.action".
// clang-format off
template <> Account decode<Account>(const Json&);
template <> Operator decode<Operator>(const Json&);
template <> Source decode<Source>(const Json&);
template <> Client decode<Client>(const Json&);
template <> Dialog decode<Dialog>(const Json&);
template <> Message decode<Message>(const Json&);
template <> FunnelStatus decode<FunnelStatus>(const Json&);
template <> Tag decode<Tag>(const Json&);
template <> Task decode<Task>(const Json&);
template <> Template decode<Template>(const Json&);
template <> DialogRow decode<DialogRow>(const Json&);
template <> Filter decode<Filter>(const Json&);
template <> Sort decode<Sort>(const Json&);
template <> ViewQuery decode<ViewQuery>(const Json&);
template <> BulkCommand decode<BulkCommand>(const Json&);
template <> BulkRequest decode<BulkRequest>(const Json&);
template <> BulkResult decode<BulkResult>(const Json&);
template <> Event decode<Event>(const Json&);
template <> ChannelIdentity decode<ChannelIdentity>(const Json&);
template <> PostRef decode<PostRef>(const Json&);
template <> CustomField decode<CustomField>(const Json&);
template <> Attachment decode<Attachment>(const Json&);
template <> TimeRange decode<TimeRange>(const Json&);
template <> BulkSelection decode<BulkSelection>(const Json&);
template <> Presence decode<Presence>(const Json&);
// clang-format on

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
