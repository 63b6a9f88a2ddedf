// Names are first names (the operator's name up to the first space); an
// operator the directory does not know yet reads as «Коллега» / "A colleague".
#include "app/presence_text.hpp"

namespace app {
namespace {

std::string first_name(const core::Directory& directory, core::Id id, Locale l) {
  const core::Operator* op = directory.find_operator(id);
  if (!op || op->name.empty()) return l == Locale::Ru ? "Коллега" : "A colleague";
  return op->name.substr(0, op->name.find(' '));
}

}  // namespace

std::string presence_line(const std::vector<core::Presence>& present,
                          const core::Directory& directory, Locale l) {
  const bool ru = l == Locale::Ru;
  std::vector<core::Id> typing;
  std::vector<core::Id> viewing;
  for (const core::Presence& p : present) {
    if (p.state == core::PresenceState::Typing) typing.push_back(p.operator_id);
    if (p.state == core::PresenceState::Viewing) viewing.push_back(p.operator_id);
  }
  const bool types = !typing.empty();
  const std::vector<core::Id>& who = types ? typing : viewing;
  if (who.empty()) return std::string();
  std::string names = first_name(directory, who[0], l);
  if (who.size() == 2) {
    names += (ru ? " и " : " and ") + first_name(directory, who[1], l);
  } else if (who.size() > 2) {
    names += ", " + first_name(directory, who[1], l) + (ru ? " и ещё " : " and ") +
             std::to_string(who.size() - 2) + (ru ? "" : " more");
  }
  const bool one = who.size() == 1;
  if (types) {
    if (ru) return names + (one ? " печатает…" : " печатают…");
    return names + (one ? " is typing…" : " are typing…");
  }
  if (ru) return names + (one ? " смотрит этот диалог" : " смотрят этот диалог");
  return names + (one ? " is viewing this dialog" : " are viewing this dialog");
}

}  // namespace app
