// Draws the sidebar (see sidebar.hpp). Every change goes out as an edit of the
// open dialog; the app shows it at once. Publishes "sidebar", "sidebar:status",
// "sidebar:responsible", "responsible:<id>", "sidebar:add-tag", "tag:<id>",
// "tag-remove:<id>", "sidebar:price", "field:<i>", "field:name", "field:value",
// "field:add", "sidebar:accept", "sidebar:archive", "sidebar:read",
// "sidebar:unread"; the Tasks section's are in task_editor.cpp.
#include "ui/sidebar.hpp"

#include <algorithm>
#include <cstring>
#include <iterator>
#include <string>

#include "app/phone.hpp"
#include "app/price_input.hpp"
#include "ui/avatar.hpp"
#include "ui/controls.hpp"
#include "ui/icons.hpp"
#include "ui/status_picker.hpp"
#include "ui/theme.hpp"
#include "ui/widget_registry.hpp"

namespace ui {
namespace {

constexpr float kPad = 18.0f;

void copy(char* buffer, std::size_t size, const std::string& text) {
  const std::size_t n = std::min(text.size(), size - 1);
  std::memcpy(buffer, text.data(), n);
  buffer[n] = '\0';
}

void section(const char* title) {
  const Palette& p = palette();
  ImGui::Dummy(ImVec2(0, 10));
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  const float width = ImGui::GetContentRegionAvail().x;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddLine(ImVec2(pos.x, pos.y), ImVec2(pos.x + width, pos.y), p.border);
  draw_text(dl, fonts().small, ImVec2(pos.x, pos.y + 12), p.text_muted, title);
  ImGui::Dummy(ImVec2(width, font_px(fonts().small) + 20));
}

// A small borderless button in the text colour; `id` names it for tests.
bool flat_button(const char* label, const std::string& id, const std::string& published,
                 ImVec2 size = ImVec2(0, 0)) {
  const Palette& p = palette();
  ImGui::PushStyleColor(ImGuiCol_Button, 0);
  ImGui::PushStyleColor(ImGuiCol_ButtonHovered, p.row_hover);
  ImGui::PushStyleColor(ImGuiCol_Border, 0);
  ImGui::PushStyleColor(ImGuiCol_Text, p.text_muted);
  const bool pressed = ImGui::Button((std::string(label) + "##" + id).c_str(), size);
  ImGui::PopStyleColor(4);
  widgets().publish_item(id, published);
  return pressed;
}

void draw_card(const SidebarContext& ctx) {
  const Palette& p = palette();
  const core::DialogRow& row = ctx.view.row;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  const float width = ImGui::GetContentRegionAvail().x;
  draw_avatar(dl, ImVec2(pos.x + kLargestAvatar / 2, pos.y + kLargestAvatar / 2), kLargestAvatar,
              row, ctx.pictures, "avatar:card");
  const float x = pos.x + 72;
  dl->PushClipRect(ImVec2(x, pos.y), ImVec2(pos.x + width, pos.y + 60), true);
  draw_text_fit(dl, fonts().bold, ImVec2(x, pos.y + 8), pos.x + width - x, p.text,
                client_name(row.client));
  const std::string second = !row.client.nick.empty() && row.client.nick != row.client.display_name
                                 ? "@" + row.client.nick
                                 : std::string(tr(ctx.locale, "Клиент", "Client"));
  draw_text_fit(dl, fonts().small, ImVec2(x, pos.y + 32), pos.x + width - x, p.text_muted, second);
  dl->PopClipRect();
  ImGui::Dummy(ImVec2(width, 64));

  // One line each: phone, the identity per channel, the source.
  ImFont* small = fonts().small;
  auto line = [&](const char* glyph, ImU32 glyph_color, const std::string& text,
                  const std::string& muted) {
    const ImVec2 at = ImGui::GetCursorScreenPos();
    draw_text(dl, fonts().regular, ImVec2(at.x + 2, at.y), glyph_color, glyph);
    dl->PushClipRect(at, ImVec2(at.x + width, at.y + 24), true);
    draw_text(dl, fonts().regular, ImVec2(at.x + 26, at.y), p.text, text);
    if (!muted.empty()) {
      const float tw = text_size(fonts().regular, text).x;
      draw_text(dl, small, ImVec2(at.x + 34 + tw, at.y + 2), p.text_muted, muted);
    }
    dl->PopClipRect();
    ImGui::Dummy(ImVec2(width, 24));
  };
  if (!row.client.phone.empty()) {
    line("\xef\x82\x95", p.text_muted, app::format_phone(row.client.phone), "");  // U+F095 phone
  }
  for (const core::ChannelIdentity& id : row.client.identities) {
    const icon::ChannelLook look = icon::channel_look(id.channel);
    line(look.glyph, rgb(look.color), app::format_phone(id.value), "");
  }
  if (const core::Source* s = ctx.directory.find_source(row.dialog.source_id)) {
    line(icon::kInbox, p.text_muted, s->name, s->address);
  }
  if (row.dialog.post) {
    line(icon::kComments, p.text_muted, row.dialog.post->title, tr(ctx.locale, "пост", "post"));
  }
}

void draw_status(const SidebarContext& ctx) {
  const core::Dialog& d = ctx.view.row.dialog;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  const float width = ImGui::GetContentRegionAvail().x;
  const float h = font_px(fonts().small) + 8;
  const core::FunnelStatus* s = ctx.directory.find_status(d.status_id);
  float w = 0;
  if (s) {
    w = draw_status_chip(dl, pos, *s, width - 24);
  } else {
    core::FunnelStatus none;
    none.name = tr(ctx.locale, "Не выбран", "Not set");
    none.color = 0x6B7280;
    w = draw_status_chip(dl, pos, none, width - 24);
  }
  draw_text(dl, fonts().small, ImVec2(pos.x + w + 6, pos.y + 4), palette().text_muted,
            "\xef\x84\x87");  // U+F107 angle down
  if (ImGui::InvisibleButton("status", ImVec2(w + 20, h))) {
    request_status_picker(d.id, d.status_id, pos, ImVec2(pos.x + w, pos.y + h));
  }
  if (ImGui::IsItemHovered()) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
  widgets().publish_item("sidebar:status", s ? s->name : "");
}

void draw_responsible(const SidebarContext& ctx, app::Intents& intents) {
  const core::Dialog& d = ctx.view.row.dialog;
  const core::Operator* op = ctx.directory.find_operator(d.responsible_id);
  const char* none = tr(ctx.locale, "Не назначен", "Unassigned");
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x);
  const bool open = begin_select("##responsible", op ? op->name.c_str() : none);
  widgets().publish_item("sidebar:responsible", op ? op->name : none);
  if (!open) return;
  if (ImGui::Selectable(none, d.responsible_id == core::kNoId)) {
    intents.edits.push_back({d.id, core::DialogChange::responsible(core::kNoId)});
  }
  widgets().publish_item("responsible:0", none);
  for (const core::Operator& o : ctx.directory.operators) {
    if (!o.active) continue;  // cannot be given dialogs
    ImGui::PushID(static_cast<int>(o.id));
    if (ImGui::Selectable(o.name.c_str(), o.id == d.responsible_id)) {
      intents.edits.push_back({d.id, core::DialogChange::responsible(o.id)});
    }
    widgets().publish_item("responsible:" + std::to_string(o.id), o.name);
    ImGui::PopID();
  }
  ImGui::EndCombo();
}

void draw_tags(const SidebarContext& ctx, SidebarState& state, app::Intents& intents) {
  const Palette& p = palette();
  const core::Dialog& d = ctx.view.row.dialog;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImFont* small = fonts().small;
  const float h = font_px(small) + 10;
  const float left = ImGui::GetCursorScreenPos().x;
  const float right = left + ImGui::GetContentRegionAvail().x;
  ImVec2 at = ImGui::GetCursorScreenPos();
  for (core::Id tag_id : d.tag_ids) {
    const core::Tag* tag = ctx.directory.find_tag(tag_id);
    if (!tag) continue;
    const float w = text_size(small, tag->name).x + 34;
    if (at.x + w > right && at.x > left) at = ImVec2(left, at.y + h + 6);
    dl->AddRectFilled(at, ImVec2(at.x + w, at.y + h), tint(tag->color, 0.16f), h / 2);
    draw_text(dl, small, ImVec2(at.x + 10, at.y + 5), rgb(tag->color), tag->name);
    ImGui::SetCursorScreenPos(ImVec2(at.x + w - 22, at.y + (h - 18) / 2));
    ImGui::PushID(static_cast<int>(tag_id));
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(0, 0));
    ImGui::PushStyleVar(ImGuiStyleVar_FrameRounding, 9);
    ImGui::PushStyleColor(ImGuiCol_Button, 0);
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, tint(tag->color, 0.3f));
    ImGui::PushStyleColor(ImGuiCol_Border, 0);
    ImGui::PushStyleColor(ImGuiCol_Text, rgb(tag->color));
    if (ImGui::Button(icon::kClose, ImVec2(18, 18))) {
      intents.edits.push_back({d.id, core::DialogChange::remove_tag(tag_id)});
    }
    ImGui::PopStyleColor(4);
    ImGui::PopStyleVar(2);
    widgets().publish_item("tag-remove:" + std::to_string(tag_id), tag->name);
    ImGui::PopID();
    at.x += w + 6;
  }
  const char* add = tr(ctx.locale, "+ Тег", "+ Tag");
  const float aw = text_size(small, add).x + 20;
  if (at.x + aw > right && at.x > left) at = ImVec2(left, at.y + h + 6);
  ImGui::SetCursorScreenPos(at);
  ImGui::PushStyleVar(ImGuiStyleVar_FrameRounding, h / 2);
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(10, 3));
  ImGui::PushFont(small);
  const bool open = flat_button(add, "sidebar:add-tag", add, ImVec2(aw, h));
  ImGui::PopFont();
  ImGui::PopStyleVar(2);
  dl->AddRect(at, ImVec2(at.x + aw, at.y + h), p.border, h / 2);
  if (open) {
    state.tag_search[0] = '\0';
    ImGui::OpenPopup("tag-picker");
  }
  ImGui::SetCursorScreenPos(ImVec2(left, at.y + h));
  ImGui::Dummy(ImVec2(right - left, 2));

  ImGui::SetNextWindowSizeConstraints(ImVec2(220, 0), ImVec2(280, 320));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(8, 8));
  ImGui::PushStyleVar(ImGuiStyleVar_PopupRounding, 10);
  if (ImGui::BeginPopup("tag-picker")) {
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    ImGui::SetNextItemWidth(-1);
    ImGui::InputTextWithHint("##tag-search", tr(ctx.locale, "Найти тег", "Find a tag"),
                             state.tag_search, sizeof state.tag_search);
    widgets().publish_item("tag:search", "");
    const std::string needle = state.tag_search;
    for (const core::Tag& tag : ctx.directory.tags) {
      if (std::binary_search(d.tag_ids.begin(), d.tag_ids.end(), tag.id)) continue;
      if (!needle.empty() && tag.name.find(needle) == std::string::npos) continue;
      ImGui::PushID(static_cast<int>(tag.id));
      const ImVec2 row = ImGui::GetCursorScreenPos();
      if (ImGui::Selectable("##tag", false, 0, ImVec2(0, 26))) {
        intents.edits.push_back({d.id, core::DialogChange::add_tag(tag.id)});
        ImGui::CloseCurrentPopup();
      }
      widgets().publish_item("tag:" + std::to_string(tag.id), tag.name);
      ImDrawList* pl = ImGui::GetWindowDrawList();
      pl->AddCircleFilled(ImVec2(row.x + 10, row.y + 13), 4.5f, rgb(tag.color));
      draw_text(pl, fonts().regular, ImVec2(row.x + 22, row.y + 3), p.text, tag.name);
      ImGui::PopID();
    }
    ImGui::EndPopup();
  }
  ImGui::PopStyleVar(2);
}

void draw_price(const SidebarContext& ctx, SidebarState& state, app::Intents& intents) {
  const core::Dialog& d = ctx.view.row.dialog;
  if (!state.price_active && state.price_shown != d.price) {
    copy(state.price, sizeof state.price, d.price ? app::price_text(d.price) : "");
    state.price_shown = d.price;
  }
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x - 30);
  ImGui::InputTextWithHint("##price", "0", state.price, sizeof state.price);
  const bool commit = ImGui::IsItemDeactivatedAfterEdit();
  state.price_active = ImGui::IsItemActive();
  widgets().publish_item("sidebar:price", tr(ctx.locale, "Цена", "Price"));
  ImGui::SameLine(0, 10);
  ImGui::TextUnformatted("\xe2\x82\xbd");  // ₽
  if (!commit) return;
  const std::optional<std::int64_t> price = app::parse_price(state.price);
  if (price && *price != d.price) {
    intents.edits.push_back({d.id, core::DialogChange::set_price(*price)});
    state.price_shown = *price;
  } else if (!price) {
    state.price_shown = -1;  // refill with the row's price
  }
}

void draw_fields(const SidebarContext& ctx, SidebarState& state, app::Intents& intents) {
  const Palette& p = palette();
  const core::Dialog& d = ctx.view.row.dialog;
  const float width = ImGui::GetContentRegionAvail().x;
  for (std::size_t i = 0; i < d.fields.size(); ++i) {
    const core::CustomField& f = d.fields[i];
    ImGui::PushID(static_cast<int>(i));
    ImGui::PushStyleColor(ImGuiCol_Text, p.text_muted);
    ImGui::TextUnformatted(f.name.c_str());
    ImGui::PopStyleColor();
    // One shared buffer for the field being edited; the others show the row's value.
    const bool editing = state.field_editing == static_cast<int>(i);
    char shown[128];
    copy(shown, sizeof shown, f.value);
    ImGui::SetNextItemWidth(width);
    char* buffer = editing ? state.field_edit : shown;
    const bool changed = ImGui::InputText("##value", buffer, sizeof shown);
    if (!editing && (ImGui::IsItemActivated() || changed)) {
      copy(state.field_edit, sizeof state.field_edit, buffer);
      state.field_editing = static_cast<int>(i);
    }
    if (ImGui::IsItemDeactivated() && state.field_editing == static_cast<int>(i)) {
      std::vector<core::CustomField> fields = d.fields;
      if (fields[i].value != state.field_edit) {
        fields[i].value = state.field_edit;
        intents.edits.push_back({d.id, core::DialogChange::set_fields(std::move(fields))});
      }
      state.field_editing = -1;
    }
    widgets().publish_item("field:" + std::to_string(i), f.name);
    ImGui::PopID();
  }
  const float half = (width - 36) / 2;
  ImGui::SetNextItemWidth(half);
  ImGui::InputTextWithHint("##field-name", tr(ctx.locale, "Поле", "Field"), state.field_name,
                           sizeof state.field_name);
  widgets().publish_item("field:name", "");
  ImGui::SameLine(0, 6);
  ImGui::SetNextItemWidth(half);
  ImGui::InputTextWithHint("##field-value", tr(ctx.locale, "Значение", "Value"), state.field_value,
                           sizeof state.field_value);
  widgets().publish_item("field:value", "");
  ImGui::SameLine(0, 6);
  if (flat_button("+", "field:add", tr(ctx.locale, "Добавить поле", "Add a field"),
                  ImVec2(24, 0)) &&
      state.field_name[0] != '\0') {
    std::vector<core::CustomField> fields = d.fields;
    fields.push_back({state.field_name, state.field_value});
    intents.edits.push_back({d.id, core::DialogChange::set_fields(std::move(fields))});
    state.field_name[0] = state.field_value[0] = '\0';
  }
}

// Accept and Archive side by side (what the dialog's mode allows), read state below.
void draw_actions(const SidebarContext& ctx, app::Intents& intents) {
  const core::Dialog& d = ctx.view.row.dialog;
  const bool accept = d.mode == core::DialogMode::New;
  const bool archive = d.mode != core::DialogMode::Archived;
  const float width = ImGui::GetContentRegionAvail().x;
  const float half = (width - 8) / 2;
  if (accept) {
    if (block_button(tr(ctx.locale, "Принять", "Accept"), "sidebar:accept", true,
                     archive ? half : width)) {
      intents.edits.push_back({d.id, core::DialogChange::accept()});
    }
    if (archive) ImGui::SameLine(0, 8);
  }
  if (archive && block_button(tr(ctx.locale, "В архив", "Archive"), "sidebar:archive", false,
                              accept ? half : width)) {
    intents.edits.push_back({d.id, core::DialogChange::archive()});
  }
  if (d.unread > 0) {
    if (block_button(tr(ctx.locale, "Отметить прочитанным", "Mark as read"), "sidebar:read", false,
                     width)) {
      intents.edits.push_back({d.id, core::DialogChange::mark_read()});
    }
  } else if (block_button(tr(ctx.locale, "Отметить непрочитанным", "Mark as unread"),
                          "sidebar:unread", false, width)) {
    intents.edits.push_back({d.id, core::DialogChange::mark_unread()});
  }
}

}  // namespace

void draw_sidebar(const SidebarContext& ctx, ImVec2 pos, ImVec2 size, SidebarState& state,
                  app::Intents& intents) {
  const Palette& p = palette();
  if (state.dialog != ctx.view.id) {
    state = SidebarState{};
    state.dialog = ctx.view.id;
  }
  ImGui::SetCursorScreenPos(pos);
  ImGui::PushStyleColor(ImGuiCol_ChildBg, p.window_bg);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(kPad, 16));
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(6, 8));
  ImGui::PushStyleVar(ImGuiStyleVar_FrameRounding, 8);
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(10, 6));
  ImGui::BeginChild("sidebar", size, false, ImGuiWindowFlags_AlwaysUseWindowPadding);
  widgets().publish("sidebar", tr(ctx.locale, "Карточка клиента", "Client card"), pos.x, pos.y,
                    size.x, size.y);
  ImGui::PushID(static_cast<int>(ctx.view.id));
  draw_card(ctx);
  ImGui::Dummy(ImVec2(0, 2));
  draw_actions(ctx, intents);
  section(tr(ctx.locale, "СТАТУС ВОРОНКИ", "FUNNEL STATUS"));
  draw_status(ctx);
  section(tr(ctx.locale, "ОТВЕТСТВЕННЫЙ", "RESPONSIBLE"));
  draw_responsible(ctx, intents);
  section(tr(ctx.locale, "ТЕГИ", "TAGS"));
  draw_tags(ctx, state, intents);
  section(tr(ctx.locale, "ЦЕНА", "PRICE"));
  draw_price(ctx, state, intents);
  section(tr(ctx.locale, "ДОПОЛНИТЕЛЬНЫЕ ПОЛЯ", "CUSTOM FIELDS"));
  draw_fields(ctx, state, intents);
  section(tr(ctx.locale, "ЗАДАЧИ", "TASKS"));
  draw_tasks({ctx.view.row.dialog, ctx.directory, ctx.now, ctx.utc_offset_ms, ctx.locale},
             state.tasks, intents);
  ImGui::Dummy(ImVec2(0, 8));
  ImGui::PopID();
  ImGui::EndChild();
  ImGui::PopStyleVar(4);
  ImGui::PopStyleColor();
  ImGui::GetWindowDrawList()->AddLine(pos, ImVec2(pos.x, pos.y + size.y), p.border, 1);
}

}  // namespace ui
