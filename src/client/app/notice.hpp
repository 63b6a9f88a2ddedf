// A short word to the operator about something that did not work out (a
// refused change, an upload that failed), shown as a toast. The app says what
// and why; the UI words it in the operator's language.
#pragma once

#include <string>

#include "core/dialog_change.hpp"

namespace app {

struct Notice {
  enum class What { Change, Upload, History };
  int id = 0;  // increases, so the UI shows each notice once
  What what = What::Change;
  core::ChangeKind change = core::ChangeKind::MarkRead;  // with What::Change
  std::string reason;                                    // the backend's or the core's words
};

}  // namespace app
