// Publishes "toast" (with the whole message as its label) and "toast:close".
#include "ui/toast.hpp"

#include <algorithm>
#include <string>

#include <imgui.h>

#include "app/problem_text.hpp"
#include "ui/icons.hpp"
#include "ui/theme.hpp"
#include "ui/widget_registry.hpp"

namespace ui {
namespace {

constexpr core::TimeMs kShowMs = 6000;

const char* change_title(core::ChangeKind kind, bool ru) {
  using core::ChangeKind;
  switch (kind) {
    case ChangeKind::Accept:
      return ru ? "Диалог не принят" : "The dialog was not accepted";
    case ChangeKind::Archive:
      return ru ? "Диалог не отправлен в архив" : "The dialog was not archived";
    case ChangeKind::SetStatus:
      return ru ? "Статус воронки не изменён" : "The funnel status was not changed";
    case ChangeKind::SetResponsible:
      return ru ? "Ответственный не назначен" : "The responsible was not assigned";
    case ChangeKind::AddTag:
      return ru ? "Тег не добавлен" : "The tag was not added";
    case ChangeKind::RemoveTag:
      return ru ? "Тег не снят" : "The tag was not removed";
    case ChangeKind::SetPrice:
      return ru ? "Цена не сохранена" : "The price was not saved";
    case ChangeKind::SetFields:
      return ru ? "Поля не сохранены" : "The fields were not saved";
    case ChangeKind::AddTask:
      return ru ? "Задача не добавлена" : "The task was not added";
    case ChangeKind::SetTaskDone:
    case ChangeKind::EditTask:
      return ru ? "Задача не изменена" : "The task was not changed";
    case ChangeKind::DeleteTask:
      return ru ? "Задача не удалена" : "The task was not deleted";
    case ChangeKind::MarkRead:
      return ru ? "Не отмечено прочитанным" : "Not marked as read";
    case ChangeKind::MarkUnread:
      return ru ? "Не отмечено непрочитанным" : "Not marked as unread";
  }
  return "";
}

}  // namespace

const char* notice_title(const app::Notice& n, app::Locale locale) {
  const bool ru = locale == app::Locale::Ru;
  switch (n.what) {
    case app::Notice::What::Change:
      return change_title(n.change, ru);
    case app::Notice::What::Upload:
      return ru ? "Файл не загружен" : "The file was not uploaded";
    case app::Notice::What::History:
      return ru ? "История не загрузилась" : "The history did not load";
    case app::Notice::What::OpenFile:
      return ru ? "Файл не открылся" : "The file did not open";
    case app::Notice::What::Retry:
      return ru ? "Сообщение не отправлено снова" : "The message was not sent again";
  }
  return "";
}

bool draw_toast(const app::Notice& notice, core::TimeMs now, app::Locale locale,
                ToastState& state) {
  if (notice.id == 0) return false;
  if (notice.id != state.shown_id) {
    state = {notice.id, now, false};
  }
  if (state.dismissed || now - state.since > kShowMs) return false;

  const Palette& p = palette();
  const std::string title = notice_title(notice, locale);
  const std::string reason = app::problem_text(notice.code, notice.reason, locale);
  ImFont* bold = fonts().bold;
  ImFont* small = fonts().small;
  const float width = std::max(text_size(bold, title).x, text_size(small, reason).x) + 84;
  const float height = font_px(bold) + font_px(small) + 30;
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  const ImVec2 pos(vp->Pos.x + (vp->Size.x - width) / 2, vp->Pos.y + vp->Size.y - height - 28);

  ImGui::SetNextWindowPos(pos);
  ImGui::SetNextWindowSize(ImVec2(width, height));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 12);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0);
  ImGui::PushStyleColor(ImGuiCol_WindowBg, rgb(0x1F2937));
  ImGui::Begin("##toast", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddCircleFilled(ImVec2(pos.x + 24, pos.y + height / 2), 9, p.overdue);
  const float bang = text_size(bold, "!").x;
  draw_text(dl, bold, ImVec2(pos.x + 24 - bang / 2, pos.y + height / 2 - font_px(bold) / 2),
            rgb(0xFFFFFF), "!");
  draw_text(dl, bold, ImVec2(pos.x + 44, pos.y + 12), rgb(0xF9FAFB), title);
  draw_text(dl, small, ImVec2(pos.x + 44, pos.y + 16 + font_px(bold)), rgb(0xD1D5DB), reason);
  ImGui::SetCursorScreenPos(ImVec2(pos.x + width - 32, pos.y + (height - 24) / 2));
  ImGui::PushStyleColor(ImGuiCol_Button, 0);
  ImGui::PushStyleColor(ImGuiCol_ButtonHovered, rgb(0x374151));
  ImGui::PushStyleColor(ImGuiCol_ButtonActive, rgb(0x4B5563));
  ImGui::PushStyleColor(ImGuiCol_Border, 0);
  ImGui::PushStyleColor(ImGuiCol_Text, rgb(0x9CA3AF));
  ImGui::PushStyleVar(ImGuiStyleVar_FrameRounding, 12);
  if (ImGui::Button(icon::kClose, ImVec2(24, 24))) state.dismissed = true;
  ImGui::PopStyleVar();
  ImGui::PopStyleColor(5);
  widgets().publish_item("toast:close", "×");
  widgets().publish("toast", title + ": " + reason, pos.x, pos.y, width, height);
  ImGui::End();
  ImGui::PopStyleColor();
  ImGui::PopStyleVar(2);
  return true;
}

}  // namespace ui
