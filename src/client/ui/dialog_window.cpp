// Draws the dialog window (see dialog_window.hpp); publishes "dialog",
// "dialog:accept", "dialog:archive", "dialog:close", "dialog:sidebar", each
// bubble as "message:<id>", "history:older" while older messages load, a
// message still in the outbox as "outbox:<n>" with "outbox:<n>:status" (and
// "outbox:<n>:retry", "outbox:<n>:discard" once refused), and "presence".
#include "ui/dialog_window.hpp"

#include <algorithm>
#include <string>

#include "ui/avatar.hpp"
#include "ui/controls.hpp"
#include "ui/file_chip.hpp"
#include "ui/icons.hpp"
#include "ui/theme.hpp"
#include "ui/widget_registry.hpp"

namespace ui {
namespace {

constexpr float kHeaderHeight = 72.0f;
constexpr float kPresenceHeight = 26.0f;  // the «Анна печатает…» line
constexpr float kPad = 20.0f;
constexpr float kSidebarWidth = 300.0f;
constexpr float kSidebarMinScreen = 1100.0f;  // narrower screens hide it unless asked
constexpr float kBubblePadX = 14.0f;
constexpr float kBubblePadY = 9.0f;
constexpr float kBubbleRound = 16.0f;
constexpr float kMaxBubbleWidth = 520.0f;
constexpr float kFileGap = 6.0f;
constexpr const char* kNoteGlyph = "\xef\x81\x80";  // U+F040 pencil

// A rounded button; `primary` fills it with the accent colour.
bool pill_button(const char* label, bool primary, float height) {
  const Palette& p = palette();
  ImGui::PushStyleVar(ImGuiStyleVar_FrameRounding, height / 2);
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(16, (height - ImGui::GetFontSize()) / 2));
  ImGui::PushStyleColor(ImGuiCol_Button, primary ? p.accent : p.window_bg);
  ImGui::PushStyleColor(ImGuiCol_ButtonHovered, primary ? rgb(0x1D4ED8) : p.row_hover);
  ImGui::PushStyleColor(ImGuiCol_ButtonActive, primary ? rgb(0x1E40AF) : p.row_selected);
  ImGui::PushStyleColor(ImGuiCol_Text, primary ? p.accent_text : p.text);
  ImGui::PushStyleColor(ImGuiCol_Border, primary ? p.accent : p.border);
  const bool pressed = ImGui::Button(label);
  ImGui::PopStyleColor(5);
  ImGui::PopStyleVar(2);
  return pressed;
}

const char* mode_word(core::DialogMode mode, app::Locale l) {
  const bool ru = l == app::Locale::Ru;
  switch (mode) {
    case core::DialogMode::New:
      return ru ? "Новый" : "New";
    case core::DialogMode::Accepted:
      return ru ? "Принят" : "Accepted";
    case core::DialogMode::Archived:
      return ru ? "В архиве" : "Archived";
  }
  return "";
}

void draw_header(const DialogContext& ctx, ImVec2 pos, float width, DialogWindowState& state,
                 app::Intents& intents) {
  const Palette& p = palette();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const core::DialogRow& row = ctx.view.row;
  dl->AddRectFilled(pos, ImVec2(pos.x + width, pos.y + kHeaderHeight), p.window_bg);
  dl->AddLine(ImVec2(pos.x, pos.y + kHeaderHeight - 1),
              ImVec2(pos.x + width, pos.y + kHeaderHeight - 1), p.border);
  draw_avatar(dl, ImVec2(pos.x + kPad + 21, pos.y + kHeaderHeight / 2), 42, row, ctx.pictures,
              "avatar:dialog");

  // Actions from the right edge leftwards; the name is cut before them.
  const float button_h = 34;
  float right = pos.x + width - kPad;
  ImGui::SetCursorScreenPos(ImVec2(right - button_h, pos.y + (kHeaderHeight - button_h) / 2));
  ImGui::PushStyleColor(ImGuiCol_Button, 0);
  ImGui::PushStyleColor(ImGuiCol_Border, 0);
  ImGui::PushStyleColor(ImGuiCol_ButtonHovered, p.row_hover);
  ImGui::PushStyleColor(ImGuiCol_Text, p.text_muted);
  ImGui::PushStyleVar(ImGuiStyleVar_FrameRounding, button_h / 2);
  if (ImGui::Button(icon::kClose, ImVec2(button_h, button_h))) intents.close_dialog = true;
  ImGui::PopStyleVar();
  ImGui::PopStyleColor(4);
  widgets().publish_item("dialog:close", "×");
  right -= button_h + 4;
  ImGui::SetCursorScreenPos(ImVec2(right - button_h, pos.y + (kHeaderHeight - button_h) / 2));
  const bool open = state.sidebar_open;
  ImGui::PushStyleColor(ImGuiCol_Button, open ? p.row_selected : 0);
  ImGui::PushStyleColor(ImGuiCol_Border, 0);
  ImGui::PushStyleColor(ImGuiCol_ButtonHovered, p.row_hover);
  ImGui::PushStyleColor(ImGuiCol_Text, open ? p.accent : p.text_muted);
  ImGui::PushStyleVar(ImGuiStyleVar_FrameRounding, button_h / 2);
  if (ImGui::Button(icon::kUser, ImVec2(button_h, button_h))) {
    state.sidebar_mode =
        open ? DialogWindowState::Sidebar::Hidden : DialogWindowState::Sidebar::Shown;
  }
  ImGui::PopStyleVar();
  ImGui::PopStyleColor(4);
  widgets().publish_item("dialog:sidebar",
                         ctx.locale == app::Locale::Ru ? "Карточка клиента" : "Client card");
  right -= button_h + 12;

  if (row.dialog.mode == core::DialogMode::New) {
    const bool ru = ctx.locale == app::Locale::Ru;
    const char* accept = ru ? "Принять" : "Accept";
    const char* archive = ru ? "В архив" : "Archive";
    const float accept_w = ImGui::CalcTextSize(accept).x + 32;
    const float archive_w = ImGui::CalcTextSize(archive).x + 32;
    const float y = pos.y + (kHeaderHeight - button_h) / 2;
    ImGui::SetCursorScreenPos(ImVec2(right - accept_w, y));
    if (pill_button(accept, true, button_h)) intents.accept = true;
    widgets().publish_item("dialog:accept", accept);
    right -= accept_w + 8;
    ImGui::SetCursorScreenPos(ImVec2(right - archive_w, y));
    if (pill_button(archive, false, button_h)) intents.archive = true;
    widgets().publish_item("dialog:archive", archive);
    right -= archive_w + 12;
  } else {
    ImFont* small = fonts().small;
    const char* word = mode_word(row.dialog.mode, ctx.locale);
    const float w = text_size(small, word).x + 20;
    const float h = font_px(small) + 10;
    const ImVec2 chip(right - w, pos.y + (kHeaderHeight - h) / 2);
    dl->AddRectFilled(chip, ImVec2(chip.x + w, chip.y + h), p.panel_bg, h / 2);
    draw_text(dl, small, ImVec2(chip.x + 10, chip.y + 5), p.text_muted, word);
    right -= w + 12;
  }

  const float x = pos.x + kPad + 42 + 14;
  ImFont* bold = fonts().bold;
  const std::string name = client_name(row.client);
  dl->PushClipRect(ImVec2(x, pos.y), ImVec2(right, pos.y + kHeaderHeight), true);
  draw_text_fit(dl, bold, ImVec2(x, pos.y + 15), right - x - 8, p.text, name);
  const icon::ChannelLook look = icon::channel_look(row.dialog.channel);
  ImFont* small = fonts().small;
  const float line2 = pos.y + 40;
  draw_text(dl, small, ImVec2(x, line2), rgb(look.color), look.glyph);
  const core::Source* source = ctx.directory.find_source(row.dialog.source_id);
  if (source) draw_text(dl, small, ImVec2(x + 18, line2), p.text_muted, source->name);
  dl->PopClipRect();
}

// One bubble (or a centred system line) with its files, published as `id`;
// advances the layout past it and returns the bubble's bottom-right corner.
ImVec2 draw_message(const DialogContext& ctx, const core::Message& m, float width,
                    const std::string& id, app::Intents& intents) {
  const Palette& p = palette();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImFont* font = fonts().regular;
  ImFont* small = fonts().small;
  const float size = font_px(font);
  const ImVec2 origin = ImGui::GetCursorScreenPos();

  const std::string& text = m.text;
  if (m.kind == core::MessageKind::System) {
    const ImVec2 ts = text_size(small, text);
    draw_text(dl, small, ImVec2(origin.x + (width - ts.x) / 2, origin.y + 4), p.text_muted, text);
    ImGui::Dummy(ImVec2(width, ts.y + 14));
    return ImGui::GetItemRectMax();
  }

  const bool note = m.kind == core::MessageKind::Note;
  const bool out = note || m.direction == core::Direction::Out;
  const float max_w = std::min(kMaxBubbleWidth, width * 0.75f);
  const float wrap = max_w - 2 * kBubblePadX;
  const ImVec2 ts = text.empty() ? ImVec2(0, 0)
                                 : font->CalcTextSizeA(size, FLT_MAX, wrap, text.c_str(),
                                                       text.c_str() + text.size());
  // Files go under the text, one chip each, as wide as the widest wants.
  float files_w = 0;
  for (const core::Attachment& a : m.attachments) {
    files_w = std::max(files_w, file_chip_width(a, ctx.locale, wrap));
  }
  const float files_h =
      m.attachments.empty() ? 0 : m.attachments.size() * (kFileChipHeight + kFileGap) - kFileGap;
  const float text_gap = text.empty() || m.attachments.empty() ? 0 : kFileGap;
  const float label_h = note ? font_px(small) + 4 : 0;
  const char* note_label = tr(ctx.locale, "Заметка", "Note");
  const float label_w = note ? text_size(small, note_label).x + 22 : 0;
  const float bw = std::max({ts.x, label_w, files_w}) + 2 * kBubblePadX;
  const float bh = ts.y + text_gap + files_h + label_h + 2 * kBubblePadY;
  const float bx = out ? origin.x + width - bw : origin.x;
  const ImVec2 b0(bx, origin.y);
  const ImVec2 b1(bx + bw, origin.y + bh);

  ImU32 fill = p.window_bg;
  ImU32 color = p.text;
  if (note) {
    fill = p.note_bg;
    color = p.note_text;
  } else if (out) {
    fill = p.accent;
    color = p.accent_text;
  }
  const ImDrawFlags corners =
      out ? ImDrawFlags_RoundCornersAll & ~ImDrawFlags_RoundCornersBottomRight
          : ImDrawFlags_RoundCornersAll & ~ImDrawFlags_RoundCornersBottomLeft;
  dl->AddRectFilled(b0, b1, fill, kBubbleRound, corners);
  if (note) {
    dl->AddRect(b0, b1, p.note_border, kBubbleRound, corners);
    draw_text(dl, small, ImVec2(b0.x + kBubblePadX, b0.y + kBubblePadY), p.note_label,
              std::string(kNoteGlyph) + "  " + note_label);
  } else if (!out) {
    dl->AddRect(b0, b1, p.border, kBubbleRound, corners);
  }
  dl->AddText(font, size, ImVec2(b0.x + kBubblePadX, b0.y + kBubblePadY + label_h), color,
              text.c_str(), text.c_str() + text.size(), wrap);
  float file_y = b0.y + kBubblePadY + label_h + ts.y + text_gap;
  for (std::size_t i = 0; i < m.attachments.size(); ++i) {
    const std::string file_id = "file:" + std::to_string(m.id) + ":" + std::to_string(i);
    if (draw_file_chip(file_id, m.attachments[i], ImVec2(b0.x + kBubblePadX, file_y), files_w,
                       out && !note, ctx.locale)) {
      intents.open_file = m.attachments[i];
    }
    file_y += kFileChipHeight + kFileGap;
  }
  ImGui::SetCursorScreenPos(origin);

  // The time (and for outgoing messages the delivery state) under the bubble.
  std::string under = app::format_clock(m.created_at, ctx.utc_offset_ms);
  if (out && !note) {
    switch (m.delivery) {
      case core::DeliveryState::Pending:
        under += "  " + std::string(icon::kClock);
        break;
      case core::DeliveryState::Failed:
        under += ctx.locale == app::Locale::Ru ? "  не доставлено" : "  not delivered";
        break;
      case core::DeliveryState::Delivered:  // two ticks; read ones are coloured
      case core::DeliveryState::Read:
        under += "  " + std::string(icon::kCheck) + std::string(icon::kCheck);
        break;
      default:
        under += "  " + std::string(icon::kCheck);
    }
  }
  const float uw = text_size(small, under).x;
  const float ux = out ? b1.x - uw - 4 : b0.x + 4;
  const ImU32 under_color = m.delivery == core::DeliveryState::Failed ? p.overdue
                            : m.delivery == core::DeliveryState::Read && out && !note
                                ? p.accent
                                : p.text_muted;
  draw_text(dl, small, ImVec2(ux, b1.y + 3), under_color, under);
  ImGui::Dummy(ImVec2(width, bh + font_px(small) + 14));
  if (ImGui::IsItemVisible()) widgets().publish(id, m.text, b0.x, b0.y, bw, bh);
  return b1;
}

// A small text button under a bubble; published as `id`.
bool link_button(const std::string& id, const char* label, ImU32 color) {
  ImGui::PushStyleColor(ImGuiCol_Button, 0);
  ImGui::PushStyleColor(ImGuiCol_ButtonHovered, palette().row_hover);
  ImGui::PushStyleColor(ImGuiCol_ButtonActive, palette().row_selected);
  ImGui::PushStyleColor(ImGuiCol_Border, 0);
  ImGui::PushStyleColor(ImGuiCol_Text, color);
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(8, 2));
  ImGui::PushStyleVar(ImGuiStyleVar_FrameRounding, 6);
  ImGui::PushFont(fonts().small);
  const bool pressed = ImGui::Button((std::string(label) + "##" + id).c_str());
  ImGui::PopFont();
  ImGui::PopStyleVar(2);
  ImGui::PopStyleColor(5);
  widgets().publish_item(id, label);
  return pressed;
}

// Under a message its channel refused: the channel's reason and «Повторить».
void draw_delivery_failure(const DialogContext& ctx, const core::Message& m, ImVec2 corner,
                           float width, app::Intents& intents) {
  const Palette& p = palette();
  const bool ru = ctx.locale == app::Locale::Ru;
  const std::string reason =
      (ru ? "Канал не принял: " : "The channel refused it: ") +
      (m.delivery_error.empty() ? (ru ? "без объяснения" : "no reason given") : m.delivery_error);
  ImFont* small = fonts().small;
  const float retry_w = text_size(small, ru ? "Повторить" : "Retry").x + 16;
  const float tw = std::min(text_size(small, reason).x, width - retry_w - 12);
  const ImVec2 at = ImGui::GetCursorScreenPos();
  const float x = std::max(at.x, corner.x - tw - retry_w - 8);
  ImGui::GetWindowDrawList()->PushClipRect(ImVec2(x, at.y), ImVec2(x + tw, at.y + 40), true);
  draw_text(ImGui::GetWindowDrawList(), small, ImVec2(x, at.y + 2), p.overdue, reason);
  ImGui::GetWindowDrawList()->PopClipRect();
  ImGui::SetCursorScreenPos(ImVec2(x + tw + 8, at.y));
  if (link_button("retry:" + std::to_string(m.id), ru ? "Повторить" : "Retry", p.accent)) {
    intents.delivery_retry = m.id;
  }
  ImGui::SetCursorScreenPos(ImVec2(at.x, at.y + font_px(small) + 12));
  ImGui::Dummy(ImVec2(width, 2));
}

// A message still in the outbox: its bubble with a clock, a line on what it
// waits for, and for a refused one the reason with Retry and Discard.
void draw_outbox_item(const DialogContext& ctx, const app::OutboxItem& item, float width,
                      app::Intents& intents) {
  using State = app::OutboxItem::State;
  const Palette& p = palette();
  const bool ru = ctx.locale == app::Locale::Ru;
  core::Message m;
  m.dialog_id = item.dialog;
  m.direction = core::Direction::Out;
  m.kind = item.message.note ? core::MessageKind::Note : core::MessageKind::Text;
  m.text = item.message.text;
  m.attachments = item.message.attachments;
  m.created_at = item.created_at;
  m.delivery =
      item.state == State::Failed ? core::DeliveryState::Failed : core::DeliveryState::Pending;
  const std::string id = "outbox:" + std::to_string(item.local_id);
  const ImVec2 corner = draw_message(ctx, m, width, id, intents);

  std::string status;
  ImU32 color = p.text_muted;
  if (item.state == State::Failed) {
    status = (ru ? "Не отправлено: " : "Not sent: ") + item.error;
    color = p.overdue;
  } else if (item.attempts > 0) {
    status = ru ? "Нет связи с сервером — отправим, как только она вернётся"
                : "No connection — it goes as soon as the server is back";
  } else {
    status = ru ? "Отправка…" : "Sending…";
  }
  ImFont* small = fonts().small;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 at = ImGui::GetCursorScreenPos();
  const float line_h = font_px(small) + 10;
  const float tw = std::min(text_size(small, status).x, width);
  const float sx = corner.x - tw - 4;
  // Right under the time line of the bubble, cut to the history's width.
  dl->PushClipRect(ImVec2(at.x, at.y - 10), ImVec2(at.x + width, at.y + line_h), true);
  draw_text(dl, small, ImVec2(std::max(at.x, sx), at.y - 8), color, status);
  dl->PopClipRect();
  widgets().publish(id + ":status", status, std::max(at.x, sx), at.y - 8, tw, line_h);
  ImGui::Dummy(ImVec2(width, line_h - 4));
  if (item.state != State::Failed) return;
  const char* retry = ru ? "Повторить" : "Retry";
  const char* discard = ru ? "Удалить" : "Discard";
  const float bw = ImGui::CalcTextSize(retry).x + ImGui::CalcTextSize(discard).x + 48;
  ImGui::SetCursorScreenPos(ImVec2(corner.x - bw, ImGui::GetCursorScreenPos().y - 4));
  if (link_button(id + ":retry", retry, p.accent)) intents.outbox_retry = item.local_id;
  ImGui::SameLine(0, 6);
  if (link_button(id + ":discard", discard, p.text_muted)) intents.outbox_discard = item.local_id;
  ImGui::Dummy(ImVec2(width, 10));
}

void draw_day(const std::string& label, float width) {
  const Palette& p = palette();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImFont* small = fonts().small;
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const ImVec2 ts = text_size(small, label);
  const float w = ts.x + 24;
  const float h = ts.y + 10;
  const ImVec2 c0(origin.x + (width - w) / 2, origin.y + 6);
  dl->AddRectFilled(c0, ImVec2(c0.x + w, c0.y + h), p.border, h / 2);
  draw_text(dl, small, ImVec2(c0.x + 12, c0.y + 5), p.text_muted, label);
  ImGui::Dummy(ImVec2(width, h + 18));
}

void draw_history(const DialogContext& ctx, ImVec2 size, DialogWindowState& state,
                  app::Intents& intents) {
  const Palette& p = palette();
  const app::DialogView& view = ctx.view;
  ImGui::PushStyleColor(ImGuiCol_ChildBg, p.panel_bg);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(kPad, 12));
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(0, 0));
  ImGui::BeginChild("history", size, false, ImGuiWindowFlags_AlwaysUseWindowPadding);
  const float width = ImGui::GetContentRegionAvail().x;
  auto centred = [&](const char* text) {
    const ImVec2 ts = ImGui::CalcTextSize(text);
    ImGui::SetCursorPos(ImVec2((size.x - ts.x) / 2, (size.y - ts.y) / 2));
    ImGui::PushStyleColor(ImGuiCol_Text, p.text_muted);
    ImGui::TextUnformatted(text);
    ImGui::PopStyleColor();
  };
  const bool nothing = view.messages.empty() && (!ctx.outbox || ctx.outbox->shown(view.id).empty());
  if (view.loading && nothing) {
    centred("Загрузка сообщений…");
  } else if (nothing) {
    centred("Сообщений пока нет");
  }
  if (view.loading_older || view.older_before != core::kNoId) {
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const bool ru = ctx.locale == app::Locale::Ru;
    const char* text =
        view.loading_older
            ? (ru ? "Загрузка более ранних сообщений…" : "Loading older messages…")
            : (ru ? "Прокрутите вверх, чтобы загрузить ранние" : "Scroll up for older messages");
    const ImVec2 ts = text_size(fonts().small, text);
    draw_text(ImGui::GetWindowDrawList(), fonts().small,
              ImVec2(at.x + (width - ts.x) / 2, at.y + 4), p.text_muted, text);
    ImGui::Dummy(ImVec2(width, ts.y + 12));
    if (view.loading_older) widgets().publish_item("history:older", text);
  }
  const std::int64_t today = app::local_day(ctx.now, ctx.utc_offset_ms);
  std::int64_t day = INT64_MIN;
  for (const core::Message& m : view.messages) {
    const std::int64_t d = app::local_day(m.created_at, ctx.utc_offset_ms);
    if (d != day) {
      draw_day(app::format_day(d, today, ctx.locale), width);
      day = d;
    }
    const ImVec2 corner = draw_message(ctx, m, width, "message:" + std::to_string(m.id), intents);
    if (m.delivery == core::DeliveryState::Failed && m.kind != core::MessageKind::Note) {
      draw_delivery_failure(ctx, m, corner, width, intents);
    }
  }
  // What is still on its way goes last, in the order written.
  int outgoing = 0;
  if (ctx.outbox) {
    for (const app::OutboxItem* item : ctx.outbox->shown(view.id)) {
      draw_outbox_item(ctx, *item, width, intents);
      outgoing = item->local_id;
    }
  }
  // A new newest message (or another dialog) scrolls to the bottom; older
  // messages added at the top keep what was on screen where it was.
  const float content = ImGui::GetCursorPosY();
  // A bubble added to the outbox counts as a new newest message (negative: apart from ids).
  const core::Id last = outgoing != 0           ? -outgoing
                        : view.messages.empty() ? core::kNoId
                                                : view.messages.back().id;
  const core::Id first = view.messages.empty() ? core::kNoId : view.messages.front().id;
  if (state.scrolled_dialog != view.id || state.scrolled_last != last) {
    ImGui::SetScrollHereY(1.0f);
    state.scrolled_dialog = view.id;
    state.scrolled_last = last;
  } else if (state.first_message != first && state.content_height > 0) {
    ImGui::SetScrollY(ImGui::GetScrollY() + content - state.content_height);
  } else if (ImGui::GetScrollY() <= 1 && ImGui::GetScrollMaxY() > 0 && !view.loading) {
    intents.load_older = true;
  }
  state.first_message = first;
  state.content_height = content;
  ImGui::EndChild();
  ImGui::PopStyleVar(2);
  ImGui::PopStyleColor();
}

// One calm line between the history and the composer: who else is here.
void draw_presence(const DialogContext& ctx, ImVec2 pos, float width) {
  const Palette& p = palette();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImFont* small = fonts().small;
  dl->AddRectFilled(pos, ImVec2(pos.x + width, pos.y + kPresenceHeight), p.panel_bg);
  const bool typing = ctx.typing;
  const ImU32 color = typing ? p.accent : p.text_muted;
  const float y = pos.y + (kPresenceHeight - font_px(small)) / 2 - 2;
  draw_text(dl, small, ImVec2(pos.x + kPad, y), color, typing ? icon::kPencil : icon::kEye);
  dl->PushClipRect(pos, ImVec2(pos.x + width - kPad, pos.y + kPresenceHeight), true);
  draw_text(dl, small, ImVec2(pos.x + kPad + 20, y), color, ctx.presence);
  dl->PopClipRect();
  widgets().publish("presence", ctx.presence, pos.x + kPad, pos.y,
                    text_size(small, ctx.presence).x + 20, kPresenceHeight);
}

}  // namespace

float sidebar_width(float screen_width, DialogWindowState& state) {
  using Sidebar = DialogWindowState::Sidebar;
  state.sidebar_open = state.sidebar_mode == Sidebar::Shown ||
                       (state.sidebar_mode == Sidebar::Auto && screen_width >= kSidebarMinScreen);
  return state.sidebar_open ? kSidebarWidth : 0;
}

void draw_dialog_window(const DialogContext& ctx, ImVec2 pos, ImVec2 size, DialogWindowState& state,
                        app::Intents& intents) {
  const Palette& p = palette();
  const float composer_h = composer_height(ctx.view, ctx.now);
  ImGui::SetCursorScreenPos(pos);
  ImGui::PushStyleColor(ImGuiCol_ChildBg, p.window_bg);
  ImGui::BeginChild("dialog", size, false,
                    ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
  ImGui::PopStyleColor();
  widgets().publish("dialog", client_name(ctx.view.row.client), pos.x, pos.y, size.x, size.y);
  ImGui::PushID(static_cast<int>(ctx.view.id));
  draw_header(ctx, pos, size.x, state, intents);
  ImGui::SetCursorScreenPos(ImVec2(pos.x, pos.y + kHeaderHeight));
  const float presence_h = ctx.presence.empty() ? 0 : kPresenceHeight;
  draw_history(ctx, ImVec2(size.x, size.y - kHeaderHeight - composer_h - presence_h), state,
               intents);
  if (presence_h > 0) {
    draw_presence(ctx, ImVec2(pos.x, pos.y + size.y - composer_h - presence_h), size.x);
  }
  draw_composer({ctx.view, ctx.directory, ctx.locale, ctx.now, ctx.operator_id},
                ImVec2(pos.x, pos.y + size.y - composer_h), size.x, state.composer, intents);
  ImGui::PopID();
  // A hairline between the table and the window.
  ImGui::GetWindowDrawList()->AddLine(pos, ImVec2(pos.x, pos.y + size.y), p.border, 1);
  ImGui::EndChild();
}

}  // namespace ui
