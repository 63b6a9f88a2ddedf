#include "ui/modal_card.hpp"

#include <algorithm>

#include "ui/controls.hpp"
#include "ui/theme.hpp"

namespace ui {
namespace {

constexpr float kMargin = 40;  // the least the viewport shows around a card
constexpr int kStyleVars = 5;  // pushed by begin_modal_card, popped when it ends

}  // namespace

bool begin_modal_card(const char* popup, const ModalCardLook& look) {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  const ImVec2 size(std::min(look.size.x, vp->Size.x - kMargin),
                    look.size.y > 0 ? std::min(look.size.y, vp->Size.y - kMargin) : 0.0f);
  ImGui::SetNextWindowPos(
      ImVec2(vp->Pos.x + vp->Size.x / 2, vp->Pos.y + vp->Size.y * look.center_y), ImGuiCond_Always,
      ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(size);
  const float rounding =
      look.frame_rounding >= 0 ? look.frame_rounding : ImGui::GetStyle().FrameRounding;
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, look.window_padding);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 12);
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(8, 8));
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, look.frame_padding);
  ImGui::PushStyleVar(ImGuiStyleVar_FrameRounding, rounding);
  const int flags = ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize |
                    ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings;
  const bool open = ImGui::BeginPopupModal(popup, nullptr, flags);
  if (!open) ImGui::PopStyleVar(kStyleVars);
  return open;
}

void end_modal_card() {
  ImGui::EndPopup();
  ImGui::PopStyleVar(kStyleVars);
}

bool modal_card_title(const char* title, const char* close_id, app::Locale l) {
  ImGui::PushFont(fonts().title);
  ImGui::TextUnformatted(title);
  ImGui::PopFont();
  constexpr float kCloseWidth = 90;
  ImGui::SameLine(ImGui::GetWindowWidth() - ImGui::GetStyle().WindowPadding.x - kCloseWidth);
  const bool escape = ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape)) &&
                      !ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId);
  return pill(close_id, tr(l, "Закрыть", "Close"), PillLook::Plain, 32) || escape;
}

}  // namespace ui
