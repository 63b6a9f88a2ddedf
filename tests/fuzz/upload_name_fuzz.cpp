// The upload's file name (the X-File-Name header) on hostile text: what is
// accepted is a plain, bounded UTF-8 name with no way to reach another folder,
// and it is exactly what the header's escapes spell.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/text.hpp"
#include "fuzz_check.hpp"
#include "server/api/upload_name.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view header(reinterpret_cast<const char*>(data), size);
  const std::optional<std::string> name = server::upload_file_name(header);
  if (!name) return 0;
  FUZZ_CHECK(!name->empty() && name->size() <= server::kMaxFileName);
  FUZZ_CHECK(core::is_valid_utf8(*name));
  FUZZ_CHECK(name->find_first_of("/\\") == std::string::npos);
  FUZZ_CHECK(*name != "." && *name != "..");
  // No byte that ends a C string or a header line, or is invisible in a list.
  for (const char c : *name) {
    FUZZ_CHECK(static_cast<unsigned char>(c) >= 0x20 && c != 0x7f);
  }
  // The client sends the name percent-encoded; that reads back as the same name.
  FUZZ_CHECK(server::upload_file_name(core::percent_encode(*name)) == name);
  return 0;
}
