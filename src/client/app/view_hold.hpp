// Whether a frame the app just built goes on the screen. When the operator
// picks another view (a mode, a filter), its rows usually come within
// kViewHoldMs; until then the screen keeps the old view whole, rather than
// show the new tabs over the old rows, and then the rows a frame later.
// The first screen waits the same way for the first rows, a little longer:
// the page shows the app whole instead of an empty list, and the frames built
// meanwhile have already paid for the start (the font atlas, compiling code).
#pragma once

namespace app {

constexpr double kViewHoldMs = 80;
constexpr double kFirstViewHoldMs = 400;

class ViewHold {
 public:
  // How many ms more to keep the frame just built off the screen (0: draw it).
  // `loading`: the list waits for a view's first rows; `typing`: a text field
  // has the cursor, and what is typed must show at once. Times are a
  // monotonic clock in ms.
  int hold_ms(bool loading, bool typing, double now_ms);
  // A frame went on the screen.
  void drawn() { drawn_once_ = true; }

 private:
  bool drawn_once_ = false;
  double loading_since_ = -1;  // -1 while the list is not loading
};

}  // namespace app
