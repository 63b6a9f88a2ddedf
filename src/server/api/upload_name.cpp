// The upload's file name (see upload_name.hpp).
#include "server/api/upload_name.hpp"

#include "core/text.hpp"

namespace server {

std::optional<std::string> upload_file_name(std::string_view header) {
  std::optional<std::string> name = core::percent_decode(header, false);
  if (!name || name->empty() || name->size() > kMaxFileName || !core::is_valid_utf8(*name) ||
      name->find_first_of("/\\") != std::string::npos) {
    return std::nullopt;
  }
  return name;
}

}  // namespace server
