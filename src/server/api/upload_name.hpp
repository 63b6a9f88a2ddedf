// The name an upload is kept under: the X-File-Name header of POST /api/uploads,
// read on its own so that it can be checked (and fuzzed) without a request.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace server {

constexpr std::size_t kMaxFileName = 255;  // bytes, as most file systems allow

// The URL-decoded header when it is a plain file name: 1..kMaxFileName bytes of
// valid UTF-8 with no '/', '\\' or control character, and not "." or "..";
// nullopt otherwise.
std::optional<std::string> upload_file_name(std::string_view header);

}  // namespace server
