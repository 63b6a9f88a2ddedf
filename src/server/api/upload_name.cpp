// The upload's file name (see upload_name.hpp).
#include "server/api/upload_name.hpp"

#include <algorithm>

#include "core/text.hpp"

namespace server {
namespace {

// A control character cuts a name short in C strings and logs, breaks a header
// line (a mail's Content-Disposition, a channel's multipart) and hides in a list.
bool is_control(char c) {
  return static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
}

}  // namespace

std::optional<std::string> upload_file_name(std::string_view header) {
  std::optional<std::string> name = core::percent_decode(header, false);
  if (!name || name->empty() || name->size() > kMaxFileName || !core::is_valid_utf8(*name) ||
      name->find_first_of("/\\") != std::string::npos ||
      std::any_of(name->begin(), name->end(), is_control) || *name == "." || *name == "..") {
    return std::nullopt;
  }
  return name;
}

}  // namespace server
