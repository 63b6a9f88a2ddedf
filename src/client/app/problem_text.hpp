// The one place where what went wrong is put into the operator's words: a
// stable code (a core rule's refusal, the server's error "reason" or "code",
// or the client's own: offline, session_expired, bad_answer, server_error)
// becomes Russian or English; an unknown code shows the server's text.
#pragma once

#include <string>
#include <string_view>

#include "app/format.hpp"
#include "core/account_rules.hpp"

namespace app {

std::string problem_text(std::string_view code, std::string_view fallback, Locale locale);
// What a sign-up form or a new password lacks ("" for AccountProblem::None).
std::string account_problem_text(core::AccountProblem problem, Locale locale);

}  // namespace app
