// Phone numbers as people read them: "+7 999 123-45-67" for Russia and
// Kazakhstan, "+1 415 555-01-23"-like grouping by country code elsewhere.
// Numbers are stored as international digits (core::Client::phone).
#pragma once

#include <string>
#include <string_view>

#include "core/entities.hpp"

namespace app {

// International digits (a leading + and separators are allowed) grouped for
// display; anything that is not a phone number (a username, an e-mail, too
// few or too many digits) comes back as it was.
std::string format_phone(std::string_view number);

// The client's formatted phone when `search` found the client by it (digits
// of the phone, typed in any format), else "": the list shows what matched.
std::string phone_match(const core::Client& client, std::string_view search);

}  // namespace app
