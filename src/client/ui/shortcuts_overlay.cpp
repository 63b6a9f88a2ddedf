// Draws the shortcuts overlay and applies shortcut keys (see shortcuts_overlay.hpp).
#include "ui/shortcuts_overlay.hpp"

#include <string>

#include "app/shortcuts.hpp"
#include "ui/controls.hpp"
#include "ui/theme.hpp"
#include "ui/widget_registry.hpp"

namespace ui {
namespace {

constexpr const char* kPopup = "##shortcuts";
constexpr float kWidth = 460.0f;
constexpr float kKeysColumn = 150.0f;
constexpr float kButtonSize = 32.0f;

bool repeats(int key) {
  return key == app::key::kUp || key == app::key::kDown || key == app::key::kJ ||
         key == app::key::kK;
}

}  // namespace

void handle_shortcuts(const app::InboxApp& app, ShortcutsState& state, ComposerState& composer,
                      app::Intents& intents) {
  const ImGuiIO& io = ImGui::GetIO();
  app::ShortcutContext ctx;
  ctx.typing = io.WantTextInput;
  ctx.help_open = state.open;
  ctx.dialog_open = app.dialog().open();
  ctx.other_modal =
      ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId | ImGuiPopupFlags_AnyPopupLevel);
  for (int key : app::shortcut_keys()) {
    if (!ImGui::IsKeyPressed(key, repeats(key))) continue;
    const app::Chord chord{key, io.KeyCtrl, io.KeyShift, io.KeyAlt};
    switch (app::shortcut_for(chord, ctx)) {
      case app::Shortcut::None:
        break;
      case app::Shortcut::NextDialog:
      case app::Shortcut::PrevDialog: {
        const int step = app::shortcut_for(chord, ctx) == app::Shortcut::NextDialog ? 1 : -1;
        if (auto row = app::neighbour_row(app.list().page.rows, app.dialog().id, step)) {
          intents.click_row = *row;
        }
        break;
      }
      case app::Shortcut::Reply:
        composer.refocus = true;
        break;
      case app::Shortcut::Note:
        intents.note = true;
        composer.refocus = true;
        break;
      case app::Shortcut::Accept:
        intents.accept = true;
        break;
      case app::Shortcut::Archive:
        intents.archive = true;
        break;
      case app::Shortcut::Search:
        state.focus_search = true;
        break;
      case app::Shortcut::Help:
        state.open = !state.open;
        break;
      case app::Shortcut::Close:
        if (state.open) {
          state.open = false;
        } else {
          intents.close_dialog = true;
        }
        break;
    }
  }
}

void draw_shortcuts_button(ShortcutsState& state, app::Locale locale, float height) {
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  ImGui::SetCursorScreenPos(ImVec2(pos.x, pos.y + (height - kButtonSize) / 2));
  ImGui::PushStyleVar(ImGuiStyleVar_FrameRounding, kButtonSize / 2);
  ImGui::PushStyleColor(ImGuiCol_Button, 0);
  if (ImGui::Button("?##shortcuts", ImVec2(kButtonSize, kButtonSize))) state.open = true;
  ImGui::PopStyleColor();
  ImGui::PopStyleVar();
  widgets().publish_item("shortcuts:open", tr(locale, "Горячие клавиши", "Keyboard shortcuts"));
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip("%s", tr(locale, "Горячие клавиши (?)", "Keyboard shortcuts (?)"));
  }
}

void draw_shortcuts_overlay(app::Locale locale, ShortcutsState& state) {
  const bool shown = ImGui::IsPopupOpen(kPopup);
  if (state.open && !shown) ImGui::OpenPopup(kPopup);
  if (!state.open && !shown) return;
  const Palette& p = palette();
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + vp->Size.x / 2, vp->Pos.y + vp->Size.y * 0.45f),
                          ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(kWidth, 0));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(24, 22));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 12);
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(8, 10));
  const int flags = ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize |
                    ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings;
  if (ImGui::BeginPopupModal(kPopup, nullptr, flags)) {
    if (!state.open) ImGui::CloseCurrentPopup();
    const char* title = tr(locale, "Горячие клавиши", "Keyboard shortcuts");
    const ImVec2 win = ImGui::GetWindowPos();
    widgets().publish("shortcuts", title, win.x, win.y, ImGui::GetWindowWidth(),
                      ImGui::GetWindowHeight());
    ImGui::PushFont(fonts().title);
    ImGui::TextUnformatted(title);
    ImGui::PopFont();
    ImGui::PushStyleColor(ImGuiCol_Text, p.text_muted);
    ImGui::TextWrapped("%s", tr(locale, "Буквы работают, когда курсор не стоит в поле ввода.",
                                "Letters work when no text field has the cursor."));
    ImGui::PopStyleColor();
    ImGui::Separator();
    for (const app::ShortcutInfo& s : app::shortcut_table()) {
      const float x = ImGui::GetCursorPosX();
      ImGui::PushFont(fonts().bold);
      ImGui::TextUnformatted(s.keys);
      ImGui::PopFont();
      ImGui::SameLine(x + kKeysColumn);
      ImGui::TextUnformatted(app::shortcut_label(s, locale));
      widgets().publish_item(std::string("shortcut:") + s.keys, app::shortcut_label(s, locale));
    }
    ImGui::Separator();
    const char* close = tr(locale, "Закрыть", "Close");
    ImGui::SetCursorPosX(ImGui::GetWindowWidth() - 24 - text_size(fonts().regular, close).x - 24);
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(12, 7));
    if (ImGui::Button(close)) {
      state.open = false;
      ImGui::CloseCurrentPopup();
    }
    ImGui::PopStyleVar();
    widgets().publish_item("shortcuts:close", close);
    ImGui::EndPopup();
  } else {
    state.open = false;
  }
  ImGui::PopStyleVar(3);
}

}  // namespace ui
