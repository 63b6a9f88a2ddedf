// The keyboard shortcuts: one table that the handler and the help overlay both
// read, and a pure function from a key chord and its context to an action.
// Keys are DOM keyCodes, as the page feeds them to ImGui's io.KeysDown.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "app/format.hpp"
#include "core/entities.hpp"

namespace app {

enum class Shortcut {
  None,
  NextDialog,
  PrevDialog,
  Reply,
  Note,
  Accept,
  Archive,
  Search,
  Help,
  Close
};

namespace key {
constexpr int kEscape = 27;
constexpr int kUp = 38;
constexpr int kDown = 40;
constexpr int kA = 65;
constexpr int kE = 69;
constexpr int kJ = 74;
constexpr int kK = 75;
constexpr int kN = 78;
constexpr int kR = 82;
constexpr int kF1 = 112;
constexpr int kSlash = 191;  // "/" and, with Shift, "?"
}  // namespace key

struct Chord {
  int key = 0;
  bool ctrl = false;
  bool shift = false;
  bool alt = false;
};

// What is going on when a chord is pressed.
struct ShortcutContext {
  bool typing = false;       // a text field has focus: plain letters type
  bool help_open = false;    // the shortcuts overlay is shown
  bool dialog_open = false;  // a dialog is open on the right
  bool other_modal = false;  // another popup or modal has the keyboard
};

struct ShortcutInfo {
  Shortcut action;
  const char* keys;  // as shown in the overlay
  const char* ru;
  const char* en;
};

// The overlay's rows, in the order shown.
const std::vector<ShortcutInfo>& shortcut_table();
const char* shortcut_label(const ShortcutInfo& info, Locale locale);

// The keys the handler needs to watch.
const std::vector<int>& shortcut_keys();

Shortcut shortcut_for(const Chord& chord, const ShortcutContext& context);

// The row `step` rows away from the open dialog (the first row when none is
// open or it is not in the list); nothing past the ends.
std::optional<core::Id> neighbour_row(const std::vector<core::DialogRow>& rows, core::Id open,
                                      int step);

}  // namespace app
