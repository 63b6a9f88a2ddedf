// Presence: the board applies events, forgets what runs out and ignores the
// operator's own reports; the reporter says viewing, typing and left on time;
// the line names who is there.
#include <doctest/doctest.h>

#include "app/presence.hpp"
#include "app/presence_text.hpp"

namespace {

using core::PresenceState;
constexpr core::Id kMe = 1;

core::Presence at(core::Id dialog, core::Id op, PresenceState state) {
  return core::Presence{dialog, op, state};
}

core::Directory directory() {
  core::Directory d;
  core::Operator anna;
  anna.id = 2;
  anna.name = "Анна Смирнова";
  core::Operator igor;
  igor.id = 3;
  igor.name = "Игорь Петров";
  core::Operator maria;
  maria.id = 4;
  maria.name = "Мария Козлова";
  d.operators = {anna, igor, maria};
  return d;
}

}  // namespace

TEST_CASE("presence events fill the board; left removes; typing outranks viewing") {
  app::PresenceBoard board;
  board.apply(at(10, 2, PresenceState::Viewing), kMe, 0);
  board.apply(at(10, 3, PresenceState::Typing), kMe, 100);
  CHECK(board.summary(10, 200) == PresenceState::Typing);
  const auto in = board.in_dialog(10, 200);
  REQUIRE(in.size() == 2);
  CHECK(in[0].operator_id == 3);  // typing first
  CHECK(in[0].state == PresenceState::Typing);
  CHECK(in[1].operator_id == 2);
  CHECK(board.summary(11, 200) == PresenceState::Left);  // another dialog: nobody

  board.apply(at(10, 3, PresenceState::Viewing), kMe, 300);  // stopped typing
  CHECK(board.summary(10, 400) == PresenceState::Viewing);
  board.apply(at(10, 3, PresenceState::Left), kMe, 500);
  board.apply(at(10, 2, PresenceState::Left), kMe, 500);
  CHECK(board.in_dialog(10, 600).empty());
  CHECK(board.empty());
}

TEST_CASE("the operator's own presence (another tab) is ignored") {
  app::PresenceBoard board;
  board.apply(at(10, kMe, PresenceState::Typing), kMe, 0);
  CHECK(board.empty());
  CHECK(board.summary(10, 1) == PresenceState::Left);
}

TEST_CASE("presence runs out without refresh: typing falls back to viewing, then it is gone") {
  app::PresenceBoard board;
  board.apply(at(10, 2, PresenceState::Typing), kMe, 0);
  CHECK(board.next_expiry(0) == app::kPresenceTypingTtlMs);
  CHECK(board.summary(10, app::kPresenceTypingTtlMs - 1) == PresenceState::Typing);
  CHECK(board.summary(10, app::kPresenceTypingTtlMs) == PresenceState::Viewing);
  CHECK(board.next_expiry(app::kPresenceTypingTtlMs) == app::kPresenceViewingTtlMs);
  CHECK(board.summary(10, app::kPresenceViewingTtlMs) == PresenceState::Left);
  CHECK(board.next_expiry(app::kPresenceViewingTtlMs) == 0);
  // A refresh keeps it: viewing again at 30 s lasts past the first report's end.
  board.apply(at(11, 2, PresenceState::Viewing), kMe, 0);
  board.apply(at(11, 2, PresenceState::Viewing), kMe, 30000);
  CHECK(board.summary(11, app::kPresenceViewingTtlMs + 1000) == PresenceState::Viewing);
}

TEST_CASE("clearing the board forgets everyone (the stream was lost)") {
  app::PresenceBoard board;
  board.apply(at(10, 2, PresenceState::Viewing), kMe, 0);
  board.clear();
  CHECK(board.in_dialog(10, 1).empty());
}

TEST_CASE("the reporter says viewing on opening and refreshes it every 10 s") {
  app::PresenceReporter r;
  CHECK(r.due(0).empty());  // no dialog open: nothing to say
  CHECK(r.wake_at() == 0);
  r.open(10);
  auto said = r.due(1000);
  REQUIRE(said.size() == 1);
  CHECK(said[0].dialog_id == 10);
  CHECK(said[0].state == PresenceState::Viewing);
  CHECK(r.due(5000).empty());
  CHECK(r.wake_at() == 11000);
  said = r.due(11000);
  REQUIRE(said.size() == 1);
  CHECK(said[0].state == PresenceState::Viewing);
}

TEST_CASE("the reporter says typing while keys come, every 2 s, and viewing when idle or sent") {
  app::PresenceReporter r;
  r.open(10);
  r.due(0);
  r.typed(1000);
  auto said = r.due(1000);
  REQUIRE(said.size() == 1);
  CHECK(said[0].state == PresenceState::Typing);
  r.typed(1500);
  CHECK(r.due(1500).empty());  // not yet due again
  r.typed(2900);
  said = r.due(3000);  // 2 s after the last report, still typing
  REQUIRE(said.size() == 1);
  CHECK(said[0].state == PresenceState::Typing);
  CHECK(r.wake_at() == 5000);
  CHECK(r.due(5000).size() == 1);  // refresh at 5 s: the last key at 2.9 s is under 4 s old
  said = r.due(6900);              // 4 s without a key
  REQUIRE(said.size() == 1);
  CHECK(said[0].state == PresenceState::Viewing);

  r.typed(8000);
  CHECK(r.due(8000).at(0).state == PresenceState::Typing);
  r.sent();
  said = r.due(8100);
  REQUIRE(said.size() == 1);
  CHECK(said[0].state == PresenceState::Viewing);
}

TEST_CASE("the reporter says left for a closed dialog, and everything again after a reconnect") {
  app::PresenceReporter r;
  r.open(10);
  r.due(0);
  r.open(11);  // another dialog
  auto said = r.due(100);
  REQUIRE(said.size() == 2);
  CHECK(said[0].dialog_id == 10);
  CHECK(said[0].state == PresenceState::Left);
  CHECK(said[1].dialog_id == 11);
  CHECK(said[1].state == PresenceState::Viewing);

  r.reconnected();
  said = r.due(200);  // the server forgot us: viewing again at once, not in 10 s
  REQUIRE(said.size() == 1);
  CHECK(said[0].dialog_id == 11);

  r.open(core::kNoId);
  said = r.due(300);
  REQUIRE(said.size() == 1);
  CHECK(said[0].dialog_id == 11);
  CHECK(said[0].state == PresenceState::Left);
  CHECK(r.due(400).empty());
  CHECK(r.wake_at() == 0);
}

TEST_CASE("a dialog opened and closed before anything was said leaves nothing to take back") {
  app::PresenceReporter r;
  r.open(10);
  r.open(core::kNoId);
  CHECK(r.due(0).empty());
}

TEST_CASE("the presence line names first names, typing before viewing, in both languages") {
  const core::Directory d = directory();
  using app::Locale;
  CHECK(app::presence_line({}, d, Locale::Ru).empty());
  CHECK(app::presence_line({at(10, 2, PresenceState::Typing)}, d, Locale::Ru) == "Анна печатает…");
  CHECK(app::presence_line({at(10, 2, PresenceState::Typing)}, d, Locale::En) == "Анна is typing…");
  CHECK(app::presence_line({at(10, 2, PresenceState::Viewing)}, d, Locale::Ru) ==
        "Анна смотрит этот диалог");
  CHECK(app::presence_line({at(10, 2, PresenceState::Viewing), at(10, 3, PresenceState::Viewing)},
                           d, Locale::En) == "Анна and Игорь are viewing this dialog");
  // Someone typing: only the typists are named.
  CHECK(app::presence_line({at(10, 3, PresenceState::Typing), at(10, 2, PresenceState::Viewing)}, d,
                           Locale::Ru) == "Игорь печатает…");
  CHECK(app::presence_line({at(10, 2, PresenceState::Typing), at(10, 3, PresenceState::Typing),
                            at(10, 4, PresenceState::Typing)},
                           d, Locale::Ru) == "Анна, Игорь и ещё 1 печатают…");
  CHECK(app::presence_line({at(10, 99, PresenceState::Viewing)}, d, Locale::En) ==
        "A colleague is viewing this dialog");
}
