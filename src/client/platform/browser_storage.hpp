// The browser's localStorage for the app's small saved things. A browser
// without storage (private mode, a sandboxed frame) loads nothing and saves
// nowhere: the app then works as if nothing had been saved.
#pragma once

#include <optional>
#include <string>

namespace platform {

std::optional<std::string> storage_load(const std::string& key);
void storage_save(const std::string& key, const std::string& text);
void storage_remove(const std::string& key);

}  // namespace platform
