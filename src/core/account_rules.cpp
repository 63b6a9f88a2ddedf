#include "core/account_rules.hpp"

#include "core/text.hpp"

namespace core {
namespace {

std::size_t code_points(std::string_view text) {
  std::size_t n = 0;
  for (unsigned char c : text) n += (c & 0xC0) != 0x80;  // count lead bytes
  return n;
}

}  // namespace

bool plausible_email(std::string_view email) {
  if (email.empty() || email.size() > kMaxEmailBytes) return false;
  for (const char c : email) {
    if (static_cast<unsigned char>(c) <= ' ' || c == 0x7f) return false;  // spaces, controls
  }
  const std::size_t at = email.find('@');
  if (at == 0 || at == std::string_view::npos ||
      email.find('@', at + 1) != std::string_view::npos) {
    return false;
  }
  const std::string_view domain = email.substr(at + 1);
  const std::size_t dot = domain.find('.');
  return dot != std::string_view::npos && dot > 0 && domain.back() != '.' &&
         domain.find("..") == std::string_view::npos;
}

AccountProblem password_problem(std::string_view password) {
  if (password.size() > kMaxPasswordBytes) return AccountProblem::LongPassword;
  if (code_points(password) < kMinPasswordChars) return AccountProblem::ShortPassword;
  return AccountProblem::None;
}

AccountProblem signup_problem(std::string_view business, std::string_view name,
                              std::string_view email, std::string_view password) {
  if (trim(business).empty()) return AccountProblem::NoBusiness;
  if (trim(name).empty()) return AccountProblem::NoName;
  if (!plausible_email(trim(email))) return AccountProblem::BadEmail;
  return password_problem(password);
}

}  // namespace core
