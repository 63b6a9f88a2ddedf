// A JSON string literal written straight onto text, for code that writes JSON
// without building a Json tree (the codec's write_json, the server's error bodies).
#pragma once

#include <string>
#include <string_view>

namespace core {

// `text` quoted as nlohmann's dump() writes it: UTF-8 kept as it is, the
// two-character escapes where JSON has them, other control characters as
// \u00xx. Throws what dump() throws for text that is not valid UTF-8.
void write_json_string(std::string& out, std::string_view text);

}  // namespace core
