// What a sign-up and a password change must hold: one rule for the client's
// forms and the server's routes.
#pragma once

#include <cstddef>
#include <string_view>

namespace core {

constexpr std::size_t kMinPasswordChars = 8;  // characters, not bytes
constexpr std::size_t kMaxPasswordBytes = 1024;
constexpr std::size_t kMaxEmailBytes = 320;

enum class AccountProblem {
  None,
  NoBusiness,     // the business's name is blank
  NoName,         // the owner's name is blank
  BadEmail,       // not name@domain.tld
  ShortPassword,  // under kMinPasswordChars
  LongPassword,   // over kMaxPasswordBytes
};

// name@domain with a dot inside the domain, no spaces or controls, at most kMaxEmailBytes.
bool plausible_email(std::string_view email);
AccountProblem password_problem(std::string_view password);
AccountProblem signup_problem(std::string_view business, std::string_view name,
                              std::string_view email, std::string_view password);

}  // namespace core
