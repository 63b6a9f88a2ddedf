// The presence of other operators in words: «Анна печатает…», «Анна и Игорь
// смотрят этот диалог» / "Anna is typing…". Typing wins over viewing.
#pragma once

#include <string>
#include <vector>

#include "app/format.hpp"
#include "core/entities.hpp"
#include "core/events.hpp"

namespace app {

// One line for the operators in a dialog (PresenceBoard::in_dialog); "" for none.
std::string presence_line(const std::vector<core::Presence>& present,
                          const core::Directory& directory, Locale locale);

}  // namespace app
