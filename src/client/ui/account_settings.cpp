// The account settings window: a modal with the sections' rail on the left,
// the chosen section on the right, the last refusal above it. Publishes
// "settings:account", "settings:account:close", "settings:rail:<section>",
// "settings:error" and the swatches "<id>:<i>".
#include "ui/account_settings.hpp"

#include "ui/controls.hpp"
#include "ui/icons.hpp"
#include "ui/modal_card.hpp"
#include "ui/settings_parts.hpp"
#include "ui/theme.hpp"
#include "ui/widget_registry.hpp"

namespace ui {
namespace {

constexpr const char* kPopup = "account-settings";
const ImVec2 kSize(980, 640);
constexpr float kRailWidth = 210;

struct RailItem {
  SettingsSection section;
  const char* id;
  const char* glyph;
  const char* ru;
  const char* en;
};

constexpr RailItem kRail[] = {
    {SettingsSection::Operators, "operators", icon::kUser, "Операторы", "Operators"},
    {SettingsSection::Statuses, "statuses", icon::kFilter, "Статусы воронки", "Funnel statuses"},
    {SettingsSection::Tags, "tags", icon::kTag, "Теги", "Tags"},
    {SettingsSection::Templates, "templates", icon::kComments, "Шаблоны ответов",
     "Reply templates"},
    {SettingsSection::BlockList, "block-list", icon::kClose, "Чёрный список", "Block list"},
    {SettingsSection::Sources, "sources", icon::kInbox, "Источники", "Sources"},
};

void rail(const SettingsContext& ctx, AccountSettingsState& s, app::Intents& intents) {
  const Palette& p = palette();
  ImGui::BeginChild("rail", ImVec2(kRailWidth, 0), false);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  for (const RailItem& item : kRail) {
    const bool current = s.section == item.section;
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const float w = ImGui::GetContentRegionAvail().x;
    const float h = 40;
    ImGui::PushID(item.id);
    if (ImGui::InvisibleButton("##rail", ImVec2(w, h))) {
      s.section = item.section;
      s.renaming = core::kNoId;
      s.deleting_status = core::kNoId;
      if (item.section == SettingsSection::Sources) intents.load_channels = true;
    }
    const bool hovered = ImGui::IsItemHovered();
    const char* label = tr(ctx.locale, item.ru, item.en);
    widgets().publish_item(std::string("settings:rail:") + item.id, label);
    ImGui::PopID();
    if (current || hovered) {
      dl->AddRectFilled(at, ImVec2(at.x + w, at.y + h), current ? p.row_selected : p.row_hover, 8);
    }
    const ImU32 color = current ? p.selected_text : p.text;
    draw_text(dl, fonts().regular, ImVec2(at.x + 12, at.y + 10), current ? color : p.text_muted,
              item.glyph);
    draw_text(dl, current ? fonts().bold : fonts().regular, ImVec2(at.x + 40, at.y + 10), color,
              label);
  }
  ImGui::EndChild();
}

}  // namespace

void section_title(const char* title, const char* note) {
  ImGui::PushFont(fonts().bold);
  ImGui::TextUnformatted(title);
  ImGui::PopFont();
  if (note && *note) muted_text(note);
  ImGui::Spacing();
}

void muted_text(const std::string& text) {
  ImGui::PushStyleColor(ImGuiCol_Text, palette().text_muted);
  ImGui::TextWrapped("%s", text.c_str());
  ImGui::PopStyleColor();
}

std::uint32_t color_swatch(const std::string& id, std::uint32_t color) {
  const Palette& p = palette();
  std::uint32_t picked = 0;
  const ImVec2 at = ImGui::GetCursorScreenPos();
  const float size = 26;
  ImGui::PushID(id.c_str());
  if (ImGui::InvisibleButton("##swatch", ImVec2(size, size))) ImGui::OpenPopup("palette");
  widgets().publish_item(id, "color");
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 c(at.x + size / 2, at.y + size / 2);
  dl->AddCircleFilled(c, 9, rgb(color));
  if (ImGui::IsItemHovered()) dl->AddCircle(c, 12, p.border, 0, 2);
  if (ImGui::BeginPopup("palette")) {
    int i = 0;
    for (std::uint32_t option : app::kSettingsPalette) {
      if (i % 5 != 0) ImGui::SameLine(0, 6);
      const ImVec2 o = ImGui::GetCursorScreenPos();
      ImGui::PushID(i);
      if (ImGui::InvisibleButton("##option", ImVec2(28, 28))) {
        picked = option;
        ImGui::CloseCurrentPopup();
      }
      widgets().publish_item(id + ":" + std::to_string(i), "swatch");
      ImGui::PopID();
      ImDrawList* pdl = ImGui::GetWindowDrawList();
      pdl->AddCircleFilled(ImVec2(o.x + 14, o.y + 14), 11, rgb(option));
      if (option == color) pdl->AddCircle(ImVec2(o.x + 14, o.y + 14), 13, p.text, 0, 2);
      ++i;
    }
    ImGui::EndPopup();
  }
  ImGui::PopID();
  return picked;
}

void form_field(const char* label, const char* id, char* buffer, std::size_t size, bool secret) {
  muted_text(label);
  ImGui::SetNextItemWidth(-1);
  ImGui::PushID(id);
  ImGui::InputText("##f", buffer, size, secret ? ImGuiInputTextFlags_Password : 0);
  ImGui::PopID();
  widgets().publish_item(id, secret ? "" : buffer);
}

void end_row(ImVec2 at, float w, float height) {
  ImGui::SetCursorScreenPos(ImVec2(at.x, at.y + height));
  ImGui::Dummy(ImVec2(w, 0));
}

bool icon_button(const std::string& id, const char* glyph, const char* label) {
  const Palette& p = palette();
  const ImVec2 at = ImGui::GetCursorScreenPos();
  const float size = 28;
  ImGui::PushID(id.c_str());
  const bool clicked = ImGui::InvisibleButton("##icon", ImVec2(size, size));
  const bool hovered = ImGui::IsItemHovered();
  ImGui::PopID();
  widgets().publish_item(id, label);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  if (hovered) {
    dl->AddRectFilled(at, ImVec2(at.x + size, at.y + size), p.row_hover, 6);
    ImGui::SetTooltip("%s", label);
  }
  const ImVec2 gs = text_size(fonts().regular, glyph);
  draw_text(dl, fonts().regular, ImVec2(at.x + (size - gs.x) / 2, at.y + (size - gs.y) / 2),
            hovered ? p.text : p.text_muted, glyph);
  return clicked;
}

void draw_account_settings(const SettingsContext& ctx, AccountSettingsState& s,
                           app::Intents& intents) {
  const app::Locale l = ctx.locale;
  const app::SettingsView& view = ctx.app.settings();
  if (s.opening) {
    s.opening = false;
    s.open = true;
    intents.load_settings = true;
    if (s.section == SettingsSection::Sources) intents.load_channels = true;
    ImGui::OpenPopup(kPopup);
  }
  if (!s.open) return;
  ModalCardLook look;
  look.size = kSize;
  look.frame_padding = ImVec2(10, 7);
  look.frame_rounding = 8;
  if (begin_modal_card(kPopup, look)) {
    const ImVec2 win = ImGui::GetWindowPos();
    const char* title = tr(l, "Настройки аккаунта", "Account settings");
    widgets().publish("settings:account", title, win.x, win.y, ImGui::GetWindowWidth(),
                      ImGui::GetWindowHeight());
    if (modal_card_title(title, "settings:account:close", l)) {
      s.open = false;
      ImGui::CloseCurrentPopup();
    }
    if (!view.error.empty()) {
      ImGui::PushStyleColor(ImGuiCol_Text, palette().overdue);
      ImGui::TextWrapped("%s", view.error.c_str());
      ImGui::PopStyleColor();
      widgets().publish_item("settings:error", view.error);
    } else if (view.in_flight > 0) {
      muted_text(tr(l, "Сохранение…", "Saving…"));
    } else {
      ImGui::Dummy(ImVec2(0, ImGui::GetTextLineHeight()));
    }
    rail(ctx, s, intents);
    ImGui::SameLine(0, 24);
    ImGui::BeginChild("section", ImVec2(0, 0), false);
    switch (s.section) {
      case SettingsSection::Operators:
        draw_operators_section(ctx, s, intents);
        break;
      case SettingsSection::Statuses:
        draw_statuses_section(ctx, s, intents);
        break;
      case SettingsSection::Tags:
        draw_tags_section(ctx, s, intents);
        break;
      case SettingsSection::Templates:
        draw_templates_section(ctx, s, intents);
        break;
      case SettingsSection::BlockList:
        draw_block_list_section(ctx, s, intents);
        break;
      case SettingsSection::Sources:
        draw_sources_section(ctx, s, intents);
        break;
    }
    ImGui::EndChild();
    end_modal_card();
  }
}

}  // namespace ui
