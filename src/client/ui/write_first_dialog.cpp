// The write-first dialog: a source whose channel allows it, a phone or a
// username, the first message. It closes when the app reports the message
// sent (the new dialog opens beside the list) and shows errors in place.
#include <string>

#include "app/write_first.hpp"
#include "core/channels.hpp"
#include "ui/controls.hpp"
#include "ui/icons.hpp"
#include "ui/list_bars.hpp"
#include "ui/modal_card.hpp"
#include "ui/theme.hpp"
#include "ui/widget_registry.hpp"

namespace ui {
namespace {

constexpr float kWidth = 480.0f;
constexpr const char* kPopup = "write-first";

// The address hint for a channel: a phone for phone channels, else a username.
const char* to_hint(const core::Source* s, app::Locale l) {
  if (!s) return tr(l, "Телефон или имя пользователя", "Phone or username");
  switch (s->channel) {
    case core::ChannelKind::WhatsApp:
    case core::ChannelKind::Viber:
    case core::ChannelKind::Max:
      return tr(l, "Телефон, например +7 999 123-45-67", "Phone, e.g. +7 999 123-45-67");
    case core::ChannelKind::Email:
      return tr(l, "Адрес электронной почты", "E-mail address");
    default:
      return tr(l, "Имя пользователя или телефон", "Username or phone");
  }
}

std::string source_label(const core::Source& s, app::Locale l) {
  const core::ChannelInfo& info = core::channel_info(s.channel);
  return s.name + "  ·  " + std::string(l == app::Locale::Ru ? info.name_ru : info.name_en);
}

void source_combo(const ListBarsContext& ctx, WriteFirstFormState& state, app::Intents& intents) {
  const auto sources = app::write_first_sources(ctx.app.directory());
  const core::Source* chosen = ctx.app.directory().find_source(state.source);
  const std::string preview = chosen ? "        " + source_label(*chosen, ctx.locale)
                                     : tr(ctx.locale, "Выберите источник", "Choose a source");
  ImGui::SetNextItemWidth(-1);
  const ImVec2 at = ImGui::GetCursorScreenPos();
  const bool open = begin_select("##source", preview.c_str());
  widgets().publish_item("write-first:source", preview);
  if (chosen) {
    const icon::ChannelLook look = icon::channel_look(chosen->channel);
    const float h = ImGui::GetFrameHeight();
    draw_text(ImGui::GetWindowDrawList(), fonts().regular,
              ImVec2(at.x + 12, at.y + (h - font_px(fonts().regular)) / 2), rgb(look.color),
              look.glyph);
  }
  if (!open) return;
  for (const core::Source* s : sources) {
    const std::string id = "write-first:source:" + std::to_string(s->id);
    const icon::ChannelLook look = icon::channel_look(s->channel);
    if (ImGui::Selectable(("      " + source_label(*s, ctx.locale) + "##" + id).c_str(),
                          s->id == state.source)) {
      state.source = s->id;
      intents.list.dismiss_write_first_error = true;
    }
    widgets().publish_item(id, s->name);
    const ImVec2 min = ImGui::GetItemRectMin();
    draw_text(ImGui::GetWindowDrawList(), fonts().regular, ImVec2(min.x + 2, min.y),
              rgb(look.color), look.glyph);
  }
  ImGui::EndCombo();
}

void label(const char* text) {
  ImGui::PushStyleColor(ImGuiCol_Text, palette().text_muted);
  ImGui::TextUnformatted(text);
  ImGui::PopStyleColor();
}

// The field a problem is about gets a red frame until it is edited.
void mark_if(bool wrong) {
  if (!wrong) return;
  ImGui::PushStyleColor(ImGuiCol_Border, palette().overdue);
  ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, 1.5f);
}
void unmark_if(bool wrong) {
  if (!wrong) return;
  ImGui::PopStyleVar();
  ImGui::PopStyleColor();
}

// The marked field as the published widget names it (for tests and tools).
const char* field_name(app::WriteFirstField field) {
  switch (field) {
    case app::WriteFirstField::Source:
      return "source";
    case app::WriteFirstField::To:
      return "to";
    case app::WriteFirstField::Text:
      return "text";
    case app::WriteFirstField::None:
      break;
  }
  return "";
}

}  // namespace

void draw_write_first_dialog(const ListBarsContext& ctx, WriteFirstFormState& state,
                             app::Intents& intents) {
  const app::Locale l = ctx.locale;
  const app::WriteFirstView& view = ctx.app.write_first();
  if (state.opening) {
    state.opening = false;
    state.open = true;
    state.seen_done = view.done;
    state.to[0] = state.text[0] = '\0';
    const auto sources = app::write_first_sources(ctx.app.directory());
    if (!ctx.app.directory().find_source(state.source) && !sources.empty()) {
      state.source = sources.front()->id;
    }
    intents.list.dismiss_write_first_error = true;
    ImGui::OpenPopup(kPopup);
  }
  if (state.open && view.done != state.seen_done) {  // sent: the new dialog is open
    state.open = false;
  }
  ModalCardLook look;
  look.size = ImVec2(kWidth, 0);
  look.center_y = 0.42f;
  look.window_padding = ImVec2(24, 22);
  look.frame_padding = ImVec2(12, 9);
  if (begin_modal_card(kPopup, look)) {
    if (!state.open) ImGui::CloseCurrentPopup();
    const ImVec2 win = ImGui::GetWindowPos();
    widgets().publish("write-first", tr(l, "Написать первым", "Write first"), win.x, win.y,
                      ImGui::GetWindowWidth(), ImGui::GetWindowHeight());
    ImGui::PushFont(fonts().title);
    ImGui::TextUnformatted(tr(l, "Написать первым", "Write first"));
    ImGui::PopFont();
    ImGui::PushStyleColor(ImGuiCol_Text, palette().text_muted);
    ImGui::TextWrapped("%s", tr(l,
                                "Начните диалог с клиентом в канале, который это позволяет. "
                                "Диалог откроется сразу после отправки.",
                                "Start a conversation on a channel that allows it. The dialog "
                                "opens as soon as the message is sent."));
    ImGui::PopStyleColor();
    ImGui::Spacing();

    label(tr(l, "Источник", "Source"));
    source_combo(ctx, state, intents);
    const core::Source* source = ctx.app.directory().find_source(state.source);
    label(tr(l, "Кому", "To"));
    ImGui::SetNextItemWidth(-1);
    mark_if(view.error_field == app::WriteFirstField::To);
    if (ImGui::InputTextWithHint("##to", to_hint(source, l), state.to, sizeof state.to)) {
      intents.list.dismiss_write_first_error = true;
    }
    unmark_if(view.error_field == app::WriteFirstField::To);
    widgets().publish_item("write-first:to", to_hint(source, l));
    label(tr(l, "Сообщение", "Message"));
    mark_if(view.error_field == app::WriteFirstField::Text);
    if (ImGui::InputTextMultiline("##text", state.text, sizeof state.text, ImVec2(-1, 110))) {
      intents.list.dismiss_write_first_error = true;
    }
    unmark_if(view.error_field == app::WriteFirstField::Text);
    widgets().publish_item("write-first:text", tr(l, "Сообщение", "Message"));
    if (view.error_field != app::WriteFirstField::None) {
      widgets().publish_item("write-first:invalid", field_name(view.error_field));
    }

    if (!view.error.empty()) {
      ImGui::PushStyleColor(ImGuiCol_Text, palette().overdue);
      ImGui::TextWrapped("%s", view.error.c_str());
      ImGui::PopStyleColor();
      widgets().publish_item("write-first:error", view.error);
    }
    ImGui::Spacing();
    // Buttons on the right: Cancel, Send.
    const std::string send =
        view.sending ? tr(l, "Отправка…", "Sending…") : tr(l, "Отправить", "Send");
    const std::string cancel = tr(l, "Отмена", "Cancel");
    const float send_w = text_size(fonts().regular, send).x + 28;
    const float cancel_w = text_size(fonts().regular, cancel).x + 28;
    ImGui::SetCursorPosX(ImGui::GetWindowWidth() - 24 - send_w - 10 - cancel_w);
    if (pill("write-first:cancel", cancel, PillLook::Plain, 36) ||
        ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
      state.open = false;
      ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine(0, 10);
    if (pill("write-first:send", send, PillLook::Primary, 36) && !view.sending) {
      intents.list.write_first = app::WriteFirstForm{state.source, state.to, state.text};
    }
    end_modal_card();
  } else {
    state.open = false;
  }
}

}  // namespace ui
