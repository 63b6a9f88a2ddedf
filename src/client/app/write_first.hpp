// Writing first: which sources allow it, and the address a conversation is
// started to (a phone or a username), checked before anything is sent.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/format.hpp"
#include "core/entities.hpp"

namespace app {

// The field of the form a problem is about, which the form marks.
enum class WriteFirstField { None, Source, To, Text };

// What the write-first form shows while it is open and after it was sent.
struct WriteFirstView {
  bool sending = false;
  std::string error;  // the last failure in the operator's words; "" when fine
  WriteFirstField error_field = WriteFirstField::None;  // None for the server's refusals
  int done = 0;  // counts successful sends, so the form knows to close
};

// What is missing or wrong in the form, in the operator's words; an empty
// message when it can be sent.
struct WriteFirstProblem {
  WriteFirstField field = WriteFirstField::None;
  std::string message;
};

// The sources the operator may start a conversation on (their channel allows it).
std::vector<const core::Source*> write_first_sources(const core::Directory& directory);

// The address as the channel knows it (phone digits, a folded username or e-mail),
// or nothing with `error` set in the operator's words.
std::optional<std::string> write_first_address(core::ChannelKind channel, const std::string& to,
                                               Locale locale, std::string& error);

WriteFirstProblem check_write_first(const core::Directory& directory, core::Id source,
                                    const std::string& to, const std::string& text, Locale locale);

}  // namespace app
