// Dialog changes sent to the backend and not answered yet. For each dialog it
// keeps the row as the backend last gave it and the changes on top, in order:
// the screen shows them at once, a refusal takes back only the refused one,
// and a live event under them is rebased. Pure state, tested natively.
#pragma once

#include <optional>
#include <unordered_map>
#include <vector>

#include "core/dialog_change.hpp"
#include "core/entities.hpp"

namespace app {

class PendingChanges {
 public:
  struct Started {
    int ticket = 0;  // 0 when the core refused the change here already
    core::Outcome outcome;
    core::DialogRow row;  // to show: the change applied
  };

  // Applies a change to the row as shown and keeps it until the backend answers.
  Started start(const core::DialogRow& shown, const core::DialogChange& change,
                const core::Directory& directory);
  // The backend applied it and answered `row`: the row to show.
  core::DialogRow confirm(int ticket, const core::DialogRow& row, const core::Directory& directory);
  // The backend refused it: the row to show without it; nullopt for an unknown ticket.
  std::optional<core::DialogRow> refuse(int ticket, const core::Directory& directory);
  // A newer row from a live event: the row to show, changes still pending on top.
  core::DialogRow rebase(const core::DialogRow& row, const core::Directory& directory);

  bool pending(core::Id dialog) const { return dialogs_.count(dialog) > 0; }
  std::size_t size() const;
  // What a ticket asked for (to name it in a message); nullopt once answered.
  std::optional<core::DialogChange> change(int ticket) const;

 private:
  struct Entry {
    int ticket = 0;
    core::DialogChange change;
  };
  struct Dialog {
    core::DialogRow base;  // as the backend last gave it
    std::vector<Entry> changes;
  };

  // The base with every pending change applied; one the base already shows is skipped.
  static core::DialogRow replay(const Dialog& d, const core::Directory& directory);
  // The dialog a ticket belongs to, or end().
  std::unordered_map<core::Id, Dialog>::iterator find(int ticket);
  core::DialogRow settle(std::unordered_map<core::Id, Dialog>::iterator it, int ticket,
                         const core::Directory& directory);

  std::unordered_map<core::Id, Dialog> dialogs_;
  int next_ticket_ = 1;
};

}  // namespace app
