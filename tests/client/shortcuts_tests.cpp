// The keyboard shortcuts: which chord does what, and where plain letters type.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "app/shortcuts.hpp"

using app::Chord;
using app::Shortcut;
using app::ShortcutContext;
namespace key = app::key;

namespace {

Chord plain(int k) {
  return Chord{k, false, false, false};
}
Chord alt(int k) {
  return Chord{k, false, false, true};
}
Chord shift(int k) {
  return Chord{k, false, true, false};
}

}  // namespace

TEST_CASE("letters move through the list and act on the open dialog when nothing is typed into") {
  ShortcutContext ctx;
  ctx.dialog_open = true;
  CHECK(app::shortcut_for(plain(key::kJ), ctx) == Shortcut::NextDialog);
  CHECK(app::shortcut_for(plain(key::kK), ctx) == Shortcut::PrevDialog);
  CHECK(app::shortcut_for(plain(key::kR), ctx) == Shortcut::Reply);
  CHECK(app::shortcut_for(plain(key::kN), ctx) == Shortcut::Note);
  CHECK(app::shortcut_for(plain(key::kA), ctx) == Shortcut::Accept);
  CHECK(app::shortcut_for(plain(key::kE), ctx) == Shortcut::Archive);
  CHECK(app::shortcut_for(plain(key::kSlash), ctx) == Shortcut::Search);
  CHECK(app::shortcut_for(shift(key::kSlash), ctx) == Shortcut::Help);
  CHECK(app::shortcut_for(plain(key::kF1), ctx) == Shortcut::Help);
  CHECK(app::shortcut_for(plain(key::kEscape), ctx) == Shortcut::Close);
}

TEST_CASE("letters type when a text field is focused") {
  ShortcutContext ctx;
  ctx.dialog_open = true;
  ctx.typing = true;
  for (int k : {key::kJ, key::kK, key::kR, key::kN, key::kA, key::kE, key::kSlash, key::kEscape}) {
    CHECK(app::shortcut_for(plain(k), ctx) == Shortcut::None);
  }
  CHECK(app::shortcut_for(shift(key::kSlash), ctx) == Shortcut::None);  // "?" is typed
  // Chords that type nothing still work.
  CHECK(app::shortcut_for(alt(key::kDown), ctx) == Shortcut::NextDialog);
  CHECK(app::shortcut_for(alt(key::kUp), ctx) == Shortcut::PrevDialog);
  CHECK(app::shortcut_for(plain(key::kF1), ctx) == Shortcut::Help);
}

TEST_CASE("dialog actions need an open dialog; modifiers other than the listed ones do nothing") {
  ShortcutContext ctx;
  CHECK(app::shortcut_for(plain(key::kA), ctx) == Shortcut::None);
  CHECK(app::shortcut_for(plain(key::kEscape), ctx) == Shortcut::None);
  CHECK(app::shortcut_for(plain(key::kJ), ctx) == Shortcut::NextDialog);  // opens the first row
  CHECK(app::shortcut_for(Chord{key::kA, true, false, false}, ctx) == Shortcut::None);  // Ctrl+A
  CHECK(app::shortcut_for(plain(key::kDown), ctx) == Shortcut::None);
}

TEST_CASE("the open overlay takes only its own keys; another modal takes all of them") {
  ShortcutContext ctx;
  ctx.dialog_open = true;
  ctx.help_open = true;
  CHECK(app::shortcut_for(plain(key::kEscape), ctx) == Shortcut::Close);
  CHECK(app::shortcut_for(shift(key::kSlash), ctx) == Shortcut::Help);
  CHECK(app::shortcut_for(plain(key::kJ), ctx) == Shortcut::None);
  ctx.help_open = false;
  ctx.other_modal = true;
  CHECK(app::shortcut_for(plain(key::kJ), ctx) == Shortcut::None);
  CHECK(app::shortcut_for(plain(key::kF1), ctx) == Shortcut::None);
}

TEST_CASE("every action in the table has keys and both languages") {
  for (const app::ShortcutInfo& s : app::shortcut_table()) {
    CHECK(s.action != Shortcut::None);
    CHECK(std::string(s.keys).size() > 0);
    CHECK(std::string(app::shortcut_label(s, app::Locale::Ru)) !=
          app::shortcut_label(s, app::Locale::En));
  }
}

TEST_CASE("the neighbouring row of the open dialog, the first one when none is open") {
  std::vector<core::DialogRow> rows(3);
  rows[0].dialog.id = 10;
  rows[1].dialog.id = 20;
  rows[2].dialog.id = 30;
  CHECK(app::neighbour_row(rows, core::kNoId, 1) == core::Id{10});
  CHECK(app::neighbour_row(rows, core::kNoId, -1) == core::Id{10});
  CHECK(app::neighbour_row(rows, 10, 1) == core::Id{20});
  CHECK(app::neighbour_row(rows, 20, -1) == core::Id{10});
  CHECK_FALSE(app::neighbour_row(rows, 30, 1).has_value());
  CHECK_FALSE(app::neighbour_row(rows, 10, -1).has_value());
  CHECK(app::neighbour_row(rows, 99, 1) == core::Id{10});  // the open one left the list
  CHECK_FALSE(app::neighbour_row({}, core::kNoId, 1).has_value());
}
