#include <doctest/doctest.h>

#include "app/view_hold.hpp"

using app::kFirstViewHoldMs;
using app::kViewHoldMs;
using app::ViewHold;

TEST_CASE("the first screen waits for the first rows, for at most kFirstViewHoldMs") {
  ViewHold hold;
  CHECK(hold.hold_ms(true, false, 1000) == static_cast<int>(kFirstViewHoldMs));
  CHECK(hold.hold_ms(true, false, 1100) == static_cast<int>(kFirstViewHoldMs) - 100);
  CHECK(hold.hold_ms(true, false, 1000 + kFirstViewHoldMs) == 0);  // drawn, rows or not
}

TEST_CASE("a first screen with nothing to load is drawn at once") {
  ViewHold hold;
  CHECK(hold.hold_ms(false, false, 1000) == 0);  // the sign-in form, the demo
}

TEST_CASE("once a frame was drawn, a view is held for the shorter kViewHoldMs") {
  ViewHold hold;
  CHECK(hold.hold_ms(true, false, 1000) > 0);
  CHECK(hold.hold_ms(false, false, 1050) == 0);
  hold.drawn();
  CHECK(hold.hold_ms(true, false, 2000) == static_cast<int>(kViewHoldMs));
}

TEST_CASE("a view that began loading is held until its rows come, for at most kViewHoldMs") {
  ViewHold hold;
  hold.drawn();
  CHECK(hold.hold_ms(false, false, 1000) == 0);
  CHECK(hold.hold_ms(true, false, 1000) == static_cast<int>(kViewHoldMs));
  CHECK(hold.hold_ms(true, false, 1030) == static_cast<int>(kViewHoldMs) - 30);
  CHECK(hold.hold_ms(true, false, 1000 + kViewHoldMs) == 0);  // drawn, rows or not
  CHECK(hold.hold_ms(true, false, 1000 + kViewHoldMs + 500) == 0);
  // The rows came: the next view change is held from its own start.
  CHECK(hold.hold_ms(false, false, 2000) == 0);
  CHECK(hold.hold_ms(true, false, 2010) == static_cast<int>(kViewHoldMs));
}

TEST_CASE("nothing is held while a text field has the cursor") {
  ViewHold hold;
  hold.drawn();
  CHECK(hold.hold_ms(true, true, 1000) == 0);
  CHECK(hold.hold_ms(true, false, 1010) == static_cast<int>(kViewHoldMs) - 10);
}

TEST_CASE("a hold of less than a millisecond left still asks for a timer of 1 ms") {
  ViewHold hold;
  hold.drawn();
  CHECK(hold.hold_ms(true, false, 0) > 0);
  CHECK(hold.hold_ms(true, false, kViewHoldMs - 0.5) == 1);
}
