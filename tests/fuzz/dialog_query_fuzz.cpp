// The list's query string (GET /api/dialogs?...) on hostile text: the
// transport's target and query parsing, the API's view from it, and the core
// filter and sort it drives. Checks that a parsed query re-encodes to itself,
// that an accepted view survives the codec, and properties of search and sort.
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/codec.hpp"
#include "core/filter.hpp"
#include "core/text.hpp"
#include "fuzz_check.hpp"
#include "server/api/api_error.hpp"
#include "server/api/json_args.hpp"
#include "server/transport/http_util.hpp"

namespace {

std::string encoded_query(const std::map<std::string, std::string>& query) {
  std::string out;
  for (const auto& [key, value] : query) {
    if (!out.empty()) out += '&';
    out += core::percent_encode(key) + '=' + core::percent_encode(value);
  }
  return out;
}

// A few dialogs and clients that differ in every field a filter or sort reads.
struct Sample {
  core::Dialog dialog;
  core::Client client;
};

std::vector<Sample> samples() {
  std::vector<Sample> out(4);
  for (int i = 0; i < 4; ++i) {
    core::Dialog& d = out[i].dialog;
    d.id = 10 + i;
    d.channel = static_cast<core::ChannelKind>(i);
    d.mode = static_cast<core::DialogMode>(i % 3);
    d.source_id = i;
    d.status_id = i % 2 ? i : core::kNoId;
    d.responsible_id = i % 3 ? i : core::kNoId;
    d.tag_ids = {core::Id(i), core::Id(i + 1)};
    d.created_at = 1'000 * i;
    d.last_message_at = 2'000 * (4 - i);
    d.last_inbound_at = i % 2 ? 5 : 0;
    d.unread = i;
    d.answered = i % 2 == 0;
    d.price = i % 2 ? -i : i * 100;
    d.response_time_ms = i == 3 ? -1 : 60 * i;
  }
  out[0].client.display_name = "Анна Ёлкина";
  out[1].client.nick = "ivan_42";
  out[2].client.phone = "79991234567";
  out[3].client.identities = {{core::ChannelKind::Telegram, "@Olga"}};
  return out;
}

void check_view(const core::ViewQuery& view) {
  FUZZ_CHECK(core::is_valid_utf8(view.filter.search));
  const core::Json encoded = core::encode(view);
  FUZZ_CHECK(core::decode<core::ViewQuery>(core::parse_json(encoded.dump())) == view);

  static const std::vector<Sample> world = samples();
  for (const Sample& a : world) {
    core::in_view(view, a.dialog, a.client);
    // A folded query is the same query.
    const std::string folded = core::fold_case(view.filter.search);
    FUZZ_CHECK(core::client_matches_search(a.client, folded) ==
               core::client_matches_search(a.client, view.filter.search));
    // The sort is a strict order: irreflexive and asymmetric.
    FUZZ_CHECK(!core::sorts_before(view.sort, a.dialog, a.dialog));
    for (const Sample& b : world) {
      if (&a == &b) continue;
      FUZZ_CHECK(!(core::sorts_before(view.sort, a.dialog, b.dialog) &&
                   core::sorts_before(view.sort, b.dialog, a.dialog)));
    }
  }
  // A client whose name is the search text is found by it.
  core::Client named;
  named.display_name = view.filter.search;
  FUZZ_CHECK(core::client_matches_search(named, view.filter.search));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view target(reinterpret_cast<const char*>(data), size);
  std::string path, query_text;
  server::transport::split_target(target, path, query_text);
  FUZZ_CHECK(path.find('?') == std::string::npos);
  FUZZ_CHECK(query_text.find('#') == std::string::npos);

  const std::map<std::string, std::string> query = server::transport::parse_query(query_text);
  bool has_nul = false;
  for (const auto& [key, value] : query) {
    FUZZ_CHECK(!key.empty());
    has_nul =
        has_nul || key.find('\0') != std::string::npos || value.find('\0') != std::string::npos;
  }
  // Encoded again, the parameters parse to themselves. A raw NUL byte is let
  // through as it is but never decoded from %00; the HTTP parser refuses it
  // in a target before it gets here.
  if (!has_nul) FUZZ_CHECK(server::transport::parse_query(encoded_query(query)) == query);

  try {
    check_view(server::view_query_from(query));
  } catch (const server::ApiError& e) {
    FUZZ_CHECK(e.status() == 400);
  }
  try {
    const int limit = server::int_param(query, "limit", 50, 1, 200);
    FUZZ_CHECK(limit >= 1 && limit <= 200);
  } catch (const server::ApiError& e) {
    FUZZ_CHECK(e.status() == 400);
  }
  return 0;
}
