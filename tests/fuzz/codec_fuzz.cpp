// The JSON codec on hostile text: both parsers, then every type the codec
// decodes. Whatever decodes must encode to valid JSON that decodes back to the
// same value, and write_json must write what encode(x).dump() does.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/codec.hpp"
#include "fuzz_check.hpp"

namespace {

// The encoding is the value's identity here: most entities have no operator==.
template <class T>
core::Json round_trip(const core::Json& json) {
  T value;
  try {
    value = core::decode<T>(json);
  } catch (const core::DecodeError&) {
    return nullptr;
  }
  const core::Json encoded = core::encode(value);
  const std::string text = encoded.dump();  // throws for invalid UTF-8: a found bug
  const core::Json reparsed = core::parse_json(text);
  FUZZ_CHECK(reparsed == encoded);
  const T again = core::decode<T>(reparsed);  // must not throw: it was ours
  FUZZ_CHECK(core::encode(again) == encoded);
  return encoded;
}

// The fast writer of the hot types against the tree's dump.
template <class T>
void same_as_dump(const core::Json& json) {
  const core::Json encoded = round_trip<T>(json);
  if (encoded.is_null()) return;
  std::string written;
  core::write_json(written, core::decode<T>(encoded));
  FUZZ_CHECK(written == encoded.dump());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  core::Json json;
  bool request_ok = true;
  try {
    json = core::parse_request_json(text);
  } catch (const core::DecodeError&) {
    request_ok = false;
  }
  try {
    const core::Json plain = core::parse_json(text);
    // The request parser only adds refusals: what it accepts, the plain one reads alike.
    if (request_ok) FUZZ_CHECK(plain == json);
    if (!request_ok) json = plain;
  } catch (const core::DecodeError&) {
    FUZZ_CHECK(!request_ok);
    return 0;
  }
  // Every type, from the root and from each member of an object: entities sit
  // one level down in most bodies ({"message": {...}}, {"query": {...}}).
  auto all_types = [](const core::Json& j) {
    round_trip<core::Account>(j);
    round_trip<core::Operator>(j);
    round_trip<core::Source>(j);
    round_trip<core::Client>(j);
    round_trip<core::Dialog>(j);
    same_as_dump<core::Message>(j);
    round_trip<core::FunnelStatus>(j);
    round_trip<core::Tag>(j);
    round_trip<core::Task>(j);
    round_trip<core::Template>(j);
    same_as_dump<core::DialogRow>(j);
    round_trip<core::Filter>(j);
    round_trip<core::Sort>(j);
    round_trip<core::ViewQuery>(j);
    round_trip<core::BulkCommand>(j);
    round_trip<core::BulkRequest>(j);
    round_trip<core::BulkResult>(j);
    same_as_dump<core::Event>(j);
    round_trip<core::ChannelIdentity>(j);
    round_trip<core::PostRef>(j);
    round_trip<core::CustomField>(j);
    round_trip<core::Attachment>(j);
    round_trip<core::TimeRange>(j);
    round_trip<core::BulkSelection>(j);
    round_trip<core::Presence>(j);
  };
  all_types(json);
  if (json.is_object()) {
    for (const auto& [key, value] : json.items()) all_types(value);
  }
  // ViewQuery is the one with a field-by-field ==: decoding our own text gives it back.
  try {
    const core::ViewQuery query = core::decode<core::ViewQuery>(json);
    FUZZ_CHECK(core::decode<core::ViewQuery>(core::parse_json(core::encode(query).dump())) ==
               query);
  } catch (const core::DecodeError&) {
  }
  return 0;
}
