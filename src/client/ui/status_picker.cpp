// Publishes "status-picker" and each choice as "status:<id>".
#include "ui/status_picker.hpp"

#include <algorithm>
#include <string>

#include "ui/theme.hpp"
#include "ui/widget_registry.hpp"

namespace ui {
namespace {

constexpr const char* kPopup = "status-picker";

// The one request a frame may make; drawn at the root of the screen so that
// opening and drawing the popup share an ID stack.
struct Request {
  core::Id dialog = core::kNoId;
  core::Id current = core::kNoId;
  ImVec2 top;
  ImVec2 bottom;
  bool open_now = false;
};
Request g_request;

const char* group_title(core::StatusGroup group, app::Locale l) {
  const bool ru = l == app::Locale::Ru;
  switch (group) {
    case core::StatusGroup::Active:
      return ru ? "В работе" : "In progress";
    case core::StatusGroup::Success:
      return ru ? "Успешно завершён" : "Won";
    case core::StatusGroup::Failure:
      return ru ? "Неуспешно завершён" : "Lost";
    case core::StatusGroup::NotALead:
      return ru ? "Не лид" : "Not a lead";
  }
  return "";
}

}  // namespace

void request_status_picker(core::Id dialog, core::Id current_status, ImVec2 top, ImVec2 bottom) {
  g_request = {dialog, current_status, top, bottom, true};
}

float draw_status_chip(ImDrawList* dl, ImVec2 pos, const core::FunnelStatus& s, float max_width) {
  ImFont* font = fonts().small;
  const float h = font_px(font) + 8;
  const float tw = text_size(font, s.name).x;
  const float w = std::min(tw + 28, max_width);
  dl->AddRectFilled(pos, ImVec2(pos.x + w, pos.y + h), tint(s.color, 0.16f), h / 2);
  dl->AddCircleFilled(ImVec2(pos.x + 10, pos.y + h / 2), 3.5f, rgb(s.color));
  // The name's own width when it fits: w - 28 may round below it and cut a letter.
  draw_text_fit(dl, font, ImVec2(pos.x + 19, pos.y + 4), std::min(tw, max_width - 28), rgb(s.color),
                s.name);
  return w;
}

void draw_status_picker(const core::Directory& directory, app::Locale locale,
                        app::Intents& intents) {
  const Palette& p = palette();
  if (g_request.open_now) {
    ImGui::OpenPopup(kPopup);
    g_request.open_now = false;
  }
  // Below the chip, or above it when the lower half of the screen would not hold it.
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  const bool above = g_request.bottom.y > vp->Pos.y + vp->Size.y * 0.55f;
  ImGui::SetNextWindowPos(
      ImVec2(g_request.top.x, above ? g_request.top.y - 4 : g_request.bottom.y + 4),
      ImGuiCond_Appearing, ImVec2(0, above ? 1.0f : 0.0f));
  ImGui::SetNextWindowSizeConstraints(ImVec2(240, 0), ImVec2(320, 460));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(8, 8));
  ImGui::PushStyleVar(ImGuiStyleVar_PopupRounding, 10);
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(4, 2));
  if (!ImGui::BeginPopup(kPopup)) {
    ImGui::PopStyleVar(3);
    return;
  }
  const ImVec2 at = ImGui::GetWindowPos();
  const ImVec2 size = ImGui::GetWindowSize();
  widgets().publish(kPopup, locale == app::Locale::Ru ? "Статус воронки" : "Funnel status", at.x,
                    at.y, size.x, size.y);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImFont* small = fonts().small;
  for (core::StatusGroup group : {core::StatusGroup::Active, core::StatusGroup::Success,
                                  core::StatusGroup::Failure, core::StatusGroup::NotALead}) {
    bool titled = false;
    for (const core::FunnelStatus& s : directory.statuses) {
      if (s.group != group) continue;
      if (!titled) {
        const ImVec2 pos = ImGui::GetCursorScreenPos();
        draw_text(dl, small, ImVec2(pos.x + 8, pos.y + 6), p.text_muted,
                  group_title(group, locale));
        ImGui::Dummy(ImVec2(220, font_px(small) + 10));
        titled = true;
      }
      ImGui::PushID(static_cast<int>(s.id));
      const ImVec2 pos = ImGui::GetCursorScreenPos();
      const bool current = s.id == g_request.current;
      if (ImGui::Selectable("##status", current, 0, ImVec2(0, 30))) {
        intents.edits.push_back({g_request.dialog, core::DialogChange::status(s.id)});
        ImGui::CloseCurrentPopup();
      }
      widgets().publish_item("status:" + std::to_string(s.id), s.name);
      draw_status_chip(dl, ImVec2(pos.x + 6, pos.y + 4), s, 260);
      ImGui::PopID();
    }
  }
  ImGui::EndPopup();
  ImGui::PopStyleVar(3);
}

}  // namespace ui
