// The shortcut table and the chord-to-action mapping (see shortcuts.hpp).
#include "app/shortcuts.hpp"

namespace app {

const std::vector<ShortcutInfo>& shortcut_table() {
  static const std::vector<ShortcutInfo> table = {
      {Shortcut::NextDialog, "J  ·  Alt+Down", "Следующий диалог", "Next dialog"},
      {Shortcut::PrevDialog, "K  ·  Alt+Up", "Предыдущий диалог", "Previous dialog"},
      {Shortcut::Reply, "R", "Ответить", "Reply"},
      {Shortcut::Note, "N", "Заметка", "Note"},
      {Shortcut::Accept, "A", "Принять диалог", "Accept the dialog"},
      {Shortcut::Archive, "E", "В архив", "Archive"},
      {Shortcut::Search, "/", "Поиск", "Search"},
      {Shortcut::Help, "?  ·  F1", "Горячие клавиши", "Keyboard shortcuts"},
      {Shortcut::Close, "Esc", "Закрыть окно или диалог", "Close the window or the dialog"},
  };
  return table;
}

const char* shortcut_label(const ShortcutInfo& info, Locale locale) {
  return locale == Locale::Ru ? info.ru : info.en;
}

const std::vector<int>& shortcut_keys() {
  static const std::vector<int> keys = {key::kEscape, key::kUp, key::kDown, key::kA,
                                        key::kE,      key::kJ,  key::kK,    key::kN,
                                        key::kR,      key::kF1, key::kSlash};
  return keys;
}

Shortcut shortcut_for(const Chord& c, const ShortcutContext& ctx) {
  const bool plain = !c.ctrl && !c.alt && !c.shift;
  const bool help_key = (c.key == key::kF1 && !c.ctrl && !c.alt) ||
                        (c.key == key::kSlash && c.shift && !c.ctrl && !c.alt && !ctx.typing);
  if (ctx.help_open) {
    if (help_key) return Shortcut::Help;
    if (c.key == key::kEscape) return Shortcut::Close;
    return Shortcut::None;
  }
  if (ctx.other_modal) return Shortcut::None;
  if (help_key) return Shortcut::Help;
  // Alt with an arrow types nothing, so it works from inside the composer too.
  if (c.alt && !c.ctrl && !c.shift) {
    if (c.key == key::kDown) return Shortcut::NextDialog;
    if (c.key == key::kUp) return Shortcut::PrevDialog;
  }
  if (ctx.typing || !plain) return Shortcut::None;
  switch (c.key) {
    case key::kJ:
      return Shortcut::NextDialog;
    case key::kK:
      return Shortcut::PrevDialog;
    case key::kSlash:
      return Shortcut::Search;
    case key::kR:
      return ctx.dialog_open ? Shortcut::Reply : Shortcut::None;
    case key::kN:
      return ctx.dialog_open ? Shortcut::Note : Shortcut::None;
    case key::kA:
      return ctx.dialog_open ? Shortcut::Accept : Shortcut::None;
    case key::kE:
      return ctx.dialog_open ? Shortcut::Archive : Shortcut::None;
    case key::kEscape:
      return ctx.dialog_open ? Shortcut::Close : Shortcut::None;
    default:
      return Shortcut::None;
  }
}

std::optional<core::Id> neighbour_row(const std::vector<core::DialogRow>& rows, core::Id open,
                                      int step) {
  if (rows.empty()) return std::nullopt;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (rows[i].dialog.id != open) continue;
    const long next = static_cast<long>(i) + step;
    if (next < 0 || next >= static_cast<long>(rows.size())) return std::nullopt;
    return rows[static_cast<std::size_t>(next)].dialog.id;
  }
  return rows.front().dialog.id;
}

}  // namespace app
