// The client's deep link (the URL fragment) and the host's view object on
// hostile text: a link that reads must write back to a link that reads as the
// same view, and writing that view again gives the same text.
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

#include "app/deep_link.hpp"
#include "core/codec.hpp"
#include "core/text.hpp"
#include "fuzz_check.hpp"

namespace {

bool same(const core::ViewQuery& a, const core::ViewQuery& b) {
  return a == b && core::encode(a) == core::encode(b);
}

void check_link(std::string_view fragment) {
  app::DeepLink link;
  try {
    link = app::decode_link(fragment);
  } catch (const core::DecodeError&) {
    return;
  } catch (const std::invalid_argument&) {
    return;
  }
  const std::string text = app::encode_link(link);
  FUZZ_CHECK(core::is_valid_utf8(text));
  // The fragment is a URL's: nothing that would end or split it.
  FUZZ_CHECK(text.find_first_of("# \t\r\n") == std::string::npos);
  const app::DeepLink back = app::decode_link(text);  // must not throw: it was ours
  FUZZ_CHECK(same(back.query, link.query));
  FUZZ_CHECK(back.dialog == link.dialog);
  FUZZ_CHECK(app::encode_link(back) == text);
}

void check_view_object(std::string_view json) {
  core::ViewQuery view;
  try {
    view = app::view_from_json(json, core::ViewQuery{});
  } catch (const core::DecodeError&) {
    return;
  }
  // The view as a link and back is the same view.
  app::DeepLink link;
  link.query = view;
  FUZZ_CHECK(same(app::decode_link(app::encode_link(link)).query, view));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  check_link(text);
  check_view_object(text);
  return 0;
}
