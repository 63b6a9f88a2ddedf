// A short word to the operator about something that did not work out (a
// refused change, an upload that failed), shown as a toast. The app says what
// and why (a code and the backend's text); the UI words it in the operator's
// language with app/problem_text.
#pragma once

#include <string>

#include "core/dialog_change.hpp"

namespace app {

struct Notice {
  enum class What { Change, Upload, History, OpenFile, Retry };
  int id = 0;  // increases, so the UI shows each notice once
  What what = What::Change;
  core::ChangeKind change = core::ChangeKind::MarkRead;  // with What::Change
  std::string code;    // why, for app/problem_text; "" when only `reason` says it
  std::string reason;  // the backend's or the core's own text
};

}  // namespace app
