// Draws the composer (see composer.hpp). Publishes "composer", "composer:send",
// "composer:message", "composer:note", "reply:direct", "reply:comment",
// "composer:templates", "template:search", "template:<id>", "composer:unread",
// "composer:attach", "attachment:<i>" (its remove button) and "upload".
#include "ui/composer.hpp"

#include <algorithm>
#include <cstring>
#include <string>

#include "app/window_notice.hpp"
#include "core/template_fill.hpp"
#include "core/text.hpp"
#include "ui/controls.hpp"
#include "ui/icons.hpp"
#include "ui/theme.hpp"
#include "ui/widget_registry.hpp"

namespace ui {
namespace {

constexpr float kPad = 20.0f;
constexpr float kFieldHeight = 74.0f;
constexpr float kToolbarHeight = 44.0f;
constexpr float kStripHeight = 34.0f;                   // the reply target, the attachments
constexpr const char* kSendGlyph = "\xef\x87\x98";      // U+F1D8 paper plane
constexpr const char* kAttachGlyph = "\xef\x83\x86";    // U+F0C6 paperclip
constexpr const char* kTemplateGlyph = "\xef\x83\xa7";  // U+F0E7 bolt
constexpr const char* kUnreadGlyph = "\xef\x83\xa0";    // U+F0E0 envelope
constexpr std::uint32_t kNoteAccent = 0xD97706;

void copy(char* buffer, std::size_t size, const std::string& text) {
  const std::size_t n = std::min(text.size(), size - 1);
  std::memcpy(buffer, text.data(), n);
  buffer[n] = '\0';
}

// Two or more options side by side, the current one raised; returns the one clicked or -1.
int segmented(const char* const* labels, const char* const* ids, int count, int current,
              ImU32 current_text) {
  const Palette& p = palette();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImFont* small = fonts().small;
  const float h = font_px(small) + 12;
  const ImVec2 start = ImGui::GetCursorScreenPos();
  float total = 4;
  for (int i = 0; i < count; ++i) total += text_size(small, labels[i]).x + 24;
  dl->AddRectFilled(start, ImVec2(start.x + total, start.y + h + 4), p.panel_bg, (h + 4) / 2);
  int clicked = -1;
  float x = start.x + 2;
  for (int i = 0; i < count; ++i) {
    const float w = text_size(small, labels[i]).x + 24;
    ImGui::SetCursorScreenPos(ImVec2(x, start.y + 2));
    if (ImGui::InvisibleButton(ids[i], ImVec2(w, h))) clicked = i;
    const bool hovered = ImGui::IsItemHovered();
    widgets().publish_item(ids[i], labels[i]);
    if (i == current) {
      dl->AddRectFilled(ImVec2(x, start.y + 2), ImVec2(x + w, start.y + 2 + h), p.window_bg, h / 2);
      dl->AddRect(ImVec2(x, start.y + 2), ImVec2(x + w, start.y + 2 + h), p.border, h / 2);
    }
    draw_text(dl, small, ImVec2(x + 12, start.y + 8),
              i == current ? current_text : (hovered ? p.text : p.text_muted), labels[i]);
    x += w;
  }
  ImGui::SetCursorScreenPos(ImVec2(start.x, start.y + h + 4));
  return clicked;
}

// A round icon button of the toolbar.
bool tool_button(const char* glyph, const char* id, const char* label, bool on = false) {
  const Palette& p = palette();
  ImGui::PushStyleVar(ImGuiStyleVar_FrameRounding, 17);
  ImGui::PushStyleColor(ImGuiCol_Button, on ? p.row_selected : 0);
  ImGui::PushStyleColor(ImGuiCol_ButtonHovered, p.row_hover);
  ImGui::PushStyleColor(ImGuiCol_Border, 0);
  ImGui::PushStyleColor(ImGuiCol_Text, on ? p.accent : p.text_muted);
  const bool pressed = ImGui::Button((std::string(glyph) + "##" + id).c_str(), ImVec2(34, 34));
  ImGui::PopStyleColor(4);
  ImGui::PopStyleVar();
  widgets().publish_item(id, label);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", label);
  return pressed;
}

std::string size_text(std::int64_t bytes, app::Locale l) {
  const bool ru = l == app::Locale::Ru;
  if (bytes < 1024) return std::to_string(bytes) + (ru ? " Б" : " B");
  if (bytes < 1024 * 1024) return std::to_string(bytes / 1024) + (ru ? " КБ" : " KB");
  return std::to_string(bytes / (1024 * 1024)) + (ru ? " МБ" : " MB");
}

void draw_attachments(const ComposerContext& ctx, ImVec2 pos, float width, app::Intents& intents) {
  const Palette& p = palette();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImFont* small = fonts().small;
  const float h = font_px(small) + 12;
  float x = pos.x;
  for (std::size_t i = 0; i < ctx.view.attachments.size(); ++i) {
    const core::Attachment& a = ctx.view.attachments[i];
    const std::string text =
        std::string(kAttachGlyph) + "  " + a.name + "  " + size_text(a.size, ctx.locale);
    const float w = std::min(text_size(small, text).x + 44, width - (x - pos.x));
    if (w < 60) break;
    dl->AddRectFilled(ImVec2(x, pos.y), ImVec2(x + w, pos.y + h), p.panel_bg, 8);
    dl->AddRect(ImVec2(x, pos.y), ImVec2(x + w, pos.y + h), p.border, 8);
    dl->PushClipRect(ImVec2(x, pos.y), ImVec2(x + w - 26, pos.y + h), true);
    draw_text(dl, small, ImVec2(x + 10, pos.y + 6), p.text, text);
    dl->PopClipRect();
    ImGui::SetCursorScreenPos(ImVec2(x + w - 24, pos.y + (h - 20) / 2));
    ImGui::PushID(static_cast<int>(i));
    ImGui::PushStyleColor(ImGuiCol_Button, 0);
    ImGui::PushStyleColor(ImGuiCol_Border, 0);
    ImGui::PushStyleColor(ImGuiCol_Text, p.text_muted);
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(0, 0));
    if (ImGui::Button(icon::kClose, ImVec2(20, 20))) intents.drop_attachment = i;
    ImGui::PopStyleVar();
    ImGui::PopStyleColor(3);
    widgets().publish_item("attachment:" + std::to_string(i), a.name);
    ImGui::PopID();
    x += w + 8;
  }
  const app::Upload& up = ctx.view.upload;
  if (up.active) {
    const float w = std::min(240.0f, width - (x - pos.x));
    dl->AddRectFilled(ImVec2(x, pos.y), ImVec2(x + w, pos.y + h), p.panel_bg, 8);
    dl->AddRectFilled(ImVec2(x, pos.y + h - 3),
                      ImVec2(x + w * static_cast<float>(up.progress), pos.y + h), p.accent, 2);
    const std::string text = std::to_string(static_cast<int>(up.progress * 100)) + "%  " + up.name;
    dl->PushClipRect(ImVec2(x, pos.y), ImVec2(x + w - 8, pos.y + h), true);
    draw_text(dl, small, ImVec2(x + 10, pos.y + 5), p.text_muted, text);
    dl->PopClipRect();
    widgets().publish("upload", text, x, pos.y, w, h);
  }
}

// Puts a template into the field with its variables filled from the dialog.
void use_template(const ComposerContext& ctx, const core::Template& t, ComposerState& state) {
  const core::Client& client = ctx.view.row.client;
  core::TemplateValues values;
  values.client_name = !client.display_name.empty() ? client.display_name : client.nick;
  if (const core::Operator* me = ctx.directory.find_operator(ctx.operator_id)) {
    values.operator_name = me->name;
  }
  if (ctx.view.row.dialog.price > 0) {
    values.dialog_price = app::format_price(ctx.view.row.dialog.price, ctx.locale);
  }
  core::FilledTemplate filled = core::fill_template(t.text, values);
  copy(state.text, sizeof state.text, filled.text);
  state.unfilled = std::move(filled.unfilled);
}

// The first unfilled variable still in the text ("" when none): the field's warning.
const std::string* unfilled_left(const ComposerState& state) {
  for (const std::string& name : state.unfilled) {
    const std::string mark = core::template_placeholder(name);
    if (std::strstr(state.text, mark.c_str())) return &name;
  }
  return nullptr;
}

// The templates matching the query, in a list over the history; a click puts
// one into the field. With `search`, the list has its own search field.
void draw_templates(const ComposerContext& ctx, ImVec2 bottom_left, float width,
                    const std::string& query, ComposerState& state, bool search) {
  const Palette& p = palette();
  std::vector<const core::Template*> hits;
  const std::string needle = core::fold_case(query);
  for (const core::Template& t : ctx.directory.templates) {
    if (needle.empty() || core::fold_case(t.title).find(needle) != std::string::npos ||
        core::fold_case(t.text).find(needle) != std::string::npos) {
      hits.push_back(&t);
    }
  }
  const float row_h = 50;
  const float list_h = std::min<float>(5, std::max<std::size_t>(hits.size(), 1)) * row_h;
  const float height = list_h + (search ? 44 : 0) + 16;
  ImGui::SetNextWindowPos(ImVec2(bottom_left.x, bottom_left.y - height - 6));
  ImGui::SetNextWindowSize(ImVec2(width, height));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 12);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(8, 8));
  ImGui::PushStyleColor(ImGuiCol_WindowBg, p.window_bg);
  ImGui::PushStyleColor(ImGuiCol_Border, p.border);
  ImGui::Begin("##templates", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing);
  const ImVec2 at = ImGui::GetWindowPos();
  widgets().publish("templates", tr(ctx.locale, "Шаблоны", "Templates"), at.x, at.y, width, height);
  if (search) {
    ImGui::SetNextItemWidth(-1);
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(10, 7));
    ImGui::InputTextWithHint("##template-search", tr(ctx.locale, "Найти шаблон", "Find a template"),
                             state.template_search, sizeof state.template_search);
    ImGui::PopStyleVar();
    widgets().publish_item("template:search", "");
  }
  ImGui::BeginChild("list", ImVec2(0, list_h));
  if (hits.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, p.text_muted);
    ImGui::TextUnformatted(tr(ctx.locale, "Нет подходящих шаблонов", "No matching templates"));
    ImGui::PopStyleColor();
  }
  ImDrawList* dl = ImGui::GetWindowDrawList();
  for (const core::Template* t : hits) {
    ImGui::PushID(static_cast<int>(t->id));
    const ImVec2 row = ImGui::GetCursorScreenPos();
    if (ImGui::Selectable("##template", false, 0, ImVec2(0, row_h - 4))) {
      use_template(ctx, *t, state);
      state.templates_open = false;
      state.refocus = true;
      state.report = true;
    }
    widgets().publish_item("template:" + std::to_string(t->id), t->title);
    const float w = ImGui::GetContentRegionAvail().x;
    dl->PushClipRect(row, ImVec2(row.x + w - 8, row.y + row_h), true);
    draw_text(dl, fonts().bold, ImVec2(row.x + 8, row.y + 4), p.text, t->title);
    std::string preview = t->text;
    std::replace(preview.begin(), preview.end(), '\n', ' ');
    draw_text(dl, fonts().small, ImVec2(row.x + 8, row.y + 26), p.text_muted, preview);
    dl->PopClipRect();
    ImGui::PopID();
  }
  ImGui::EndChild();
  ImGui::End();
  ImGui::PopStyleColor(2);
  ImGui::PopStyleVar(2);
}

}  // namespace

float composer_height(const app::DialogView& view, core::TimeMs now) {
  float h = kFieldHeight + kToolbarHeight + 24;
  if (!view.note && !app::service_window_notice(view.row.dialog, now, app::Locale::En).empty()) {
    h += 20;
  }
  if (view.row.dialog.post && !view.note) h += kStripHeight;
  if (!view.attachments.empty() || view.upload.active) h += kStripHeight;
  if (!view.error.empty()) h += 20;
  return h;
}

void draw_composer(const ComposerContext& ctx, ImVec2 pos, float width, ComposerState& state,
                   app::Intents& intents) {
  const Palette& p = palette();
  const app::DialogView& view = ctx.view;
  const float height = composer_height(view, ctx.now);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(pos, ImVec2(pos.x + width, pos.y + height), p.window_bg);
  dl->AddLine(pos, ImVec2(pos.x + width, pos.y), p.border);
  if (state.dialog != view.id || state.revision != view.draft_revision) {
    if (state.dialog != view.id) state.templates_open = false;
    copy(state.text, sizeof state.text, view.draft);
    state.dialog = view.id;
    state.revision = view.draft_revision;
  }
  const bool note = view.note;
  float y = pos.y + 12;
  if (!view.error.empty()) {
    draw_text(dl, fonts().small, ImVec2(pos.x + kPad, y), p.overdue, view.error);
    y += 20;
  }
  const std::string window =
      note ? "" : app::service_window_notice(view.row.dialog, ctx.now, ctx.locale);
  if (!window.empty()) {
    draw_text(dl, fonts().small, ImVec2(pos.x + kPad, y), p.overdue, window);
    widgets().publish("composer:window-closed", window, pos.x + kPad, y,
                      text_size(fonts().small, window).x, 18);
    y += 20;
  }

  // The reply target, for a dialog that came from a post.
  if (view.row.dialog.post && !note) {
    ImGui::SetCursorScreenPos(ImVec2(pos.x + kPad, y));
    const char* labels[] = {tr(ctx.locale, "В личные сообщения", "Direct message"),
                            tr(ctx.locale, "В комментарии к посту", "Comment on the post")};
    const char* ids[] = {"reply:direct", "reply:comment"};
    const int current = view.reply_to == core::ReplyTarget::Comment ? 1 : 0;
    const int clicked = segmented(labels, ids, 2, current, p.accent);
    if (clicked == 0) intents.reply_to = core::ReplyTarget::Direct;
    if (clicked == 1) intents.reply_to = core::ReplyTarget::Comment;
    y += kStripHeight;
  }
  if (!view.attachments.empty() || view.upload.active) {
    draw_attachments(ctx, ImVec2(pos.x + kPad, y), width - 2 * kPad, intents);
    y += kStripHeight;
  }

  // The field: Enter sends; with Shift held it is a plain Enter of a multi-line field.
  ImGui::SetCursorScreenPos(ImVec2(pos.x + kPad, y));
  if (state.refocus) {
    ImGui::SetKeyboardFocusHere();
    state.refocus = false;
  }
  const ImGuiInputTextFlags flags =
      ImGuiInputTextFlags_EnterReturnsTrue |
      (ImGui::GetIO().KeyShift ? 0 : ImGuiInputTextFlags_CtrlEnterForNewLine);
  ImGui::PushStyleVar(ImGuiStyleVar_FrameRounding, 12);
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(14, 11));
  const ImU32 field_bg = note ? p.note_bg : p.panel_bg;
  ImGui::PushStyleColor(ImGuiCol_FrameBg, field_bg);
  ImGui::PushStyleColor(ImGuiCol_FrameBgHovered, field_bg);
  ImGui::PushStyleColor(ImGuiCol_FrameBgActive, note ? p.note_bg : p.window_bg);
  if (note) ImGui::PushStyleColor(ImGuiCol_Text, p.note_text);
  const bool enter = ImGui::InputTextMultiline("##composer", state.text, sizeof state.text,
                                               ImVec2(width - 2 * kPad, kFieldHeight), flags);
  if (note) ImGui::PopStyleColor();
  ImGui::PopStyleColor(3);
  ImGui::PopStyleVar(2);
  const bool edited = ImGui::IsItemEdited() || state.report;
  state.report = false;
  const bool active = ImGui::IsItemActive();
  const ImVec2 field_min = ImGui::GetItemRectMin();
  const ImVec2 field_max = ImGui::GetItemRectMax();
  widgets().publish_item("composer", note ? "Заметка" : "Сообщение");
  if (note) {
    dl->AddRect(field_min, ImGui::GetItemRectMax(), p.note_border, 12);
  }
  if (state.text[0] == '\0' && !active) {
    const char* hint =
        note ? tr(ctx.locale, "Заметка видна только сотрудникам…", "A note only your team sees…")
             : tr(ctx.locale, "Напишите сообщение… («/» — шаблоны)",
                  "Write a message… (\"/\" for templates)");
    draw_text(dl, fonts().regular, ImVec2(field_min.x + 15, field_min.y + 11), p.text_muted, hint);
  }
  // A template variable without a value: a warning chip over the field's
  // bottom edge, so the operator fills it in before sending.
  if (!state.unfilled.empty()) {
    if (const std::string* name = unfilled_left(state)) {
      const std::string warn = std::string(tr(ctx.locale, "Не заполнено: ", "Not filled in: ")) +
                               core::template_placeholder(*name);
      const ImVec2 ws = text_size(fonts().small, warn);
      const ImVec2 at(field_max.x - ws.x - 20, field_max.y - ws.y - 8);
      dl->AddRectFilled(ImVec2(at.x - 8, at.y - 3), ImVec2(at.x + ws.x + 8, at.y + ws.y + 3),
                        p.window_bg, 8);
      dl->AddRect(ImVec2(at.x - 8, at.y - 3), ImVec2(at.x + ws.x + 8, at.y + ws.y + 3), p.overdue,
                  8);
      draw_text(dl, fonts().small, at, p.overdue, warn);
      widgets().publish("composer:unfilled", warn, at.x, at.y, ws.x, ws.y);
    } else {
      state.unfilled.clear();
    }
  }
  y += kFieldHeight + 8;

  // The toolbar: message or note on the left, the tools and Send on the right.
  ImGui::SetCursorScreenPos(ImVec2(pos.x + kPad, y + 4));
  const char* modes[] = {tr(ctx.locale, "Сообщение", "Message"), tr(ctx.locale, "Заметка", "Note")};
  const char* mode_ids[] = {"composer:message", "composer:note"};
  const int mode = segmented(modes, mode_ids, 2, note ? 1 : 0, note ? rgb(kNoteAccent) : p.accent);
  if (mode >= 0 && (mode == 1) != note) {
    intents.note = mode == 1;
    state.refocus = true;
  }

  // A narrow window (beside the sidebar on a small screen) gets an icon-only Send.
  const bool compact = width < 480;
  const float send_w = compact ? 52 : 150;
  float x = pos.x + width - kPad - send_w;
  const char* glyph = note ? icon::kPencil : kSendGlyph;
  // Sending never blocks the composer: the message waits in the outbox.
  const std::string label =
      compact ? std::string(glyph)
      : note  ? std::string(glyph) + "  " + tr(ctx.locale, "В заметку", "Add note")
              : std::string(glyph) + "  " + tr(ctx.locale, "Отправить", "Send");
  const bool empty = state.text[0] == '\0' && (note || view.attachments.empty());
  const std::uint32_t accent = note ? kNoteAccent : 0x2563EB;
  ImGui::SetCursorScreenPos(ImVec2(x, y));
  ImGui::PushStyleVar(ImGuiStyleVar_FrameRounding, 12);
  ImGui::PushStyleColor(ImGuiCol_Button, empty ? tint(accent, 0.45f) : rgb(accent));
  ImGui::PushStyleColor(ImGuiCol_ButtonHovered, empty ? tint(accent, 0.45f) : tint(accent, 0.85f));
  ImGui::PushStyleColor(ImGuiCol_ButtonActive, rgb(accent));
  ImGui::PushStyleColor(ImGuiCol_Text, rgb(0xFFFFFF));
  ImGui::PushStyleColor(ImGuiCol_Border, 0);
  const bool clicked = ImGui::Button((label + "###send").c_str(), ImVec2(send_w, 38));
  ImGui::PopStyleColor(5);
  ImGui::PopStyleVar();
  widgets().publish_item("composer:send", note ? "В заметку" : "Отправить");

  const float tools_y = y + 2;
  x -= 12 + 34;
  ImGui::SetCursorScreenPos(ImVec2(x, tools_y));
  if (tool_button(kAttachGlyph, "composer:attach",
                  tr(ctx.locale, "Прикрепить файл", "Attach a file")) &&
      !view.upload.active) {
    intents.pick_file = true;
  }
  x -= 38;
  ImGui::SetCursorScreenPos(ImVec2(x, tools_y));
  if (tool_button(kUnreadGlyph, "composer:unread",
                  tr(ctx.locale, "Пометить непрочитанным", "Mark as unread"),
                  view.row.dialog.unread > 0)) {
    intents.edits.push_back({view.id, core::DialogChange::mark_unread()});
  }
  x -= 38;
  ImGui::SetCursorScreenPos(ImVec2(x, tools_y));
  if (tool_button(kTemplateGlyph, "composer:templates", tr(ctx.locale, "Шаблоны", "Templates"),
                  state.templates_open)) {
    state.templates_open = !state.templates_open;
    state.template_search[0] = '\0';
  }

  // Templates: from the button with a search field, or by typing "/" first.
  const bool slash = state.text[0] == '/' && !note;
  const std::string slash_query = slash ? std::string(state.text + 1) : std::string();
  bool picked_by_enter = false;
  if (slash && enter) {
    // Enter in "/" mode takes the first match instead of sending "/...".
    const std::string needle = core::fold_case(slash_query);
    for (const core::Template& t : ctx.directory.templates) {
      if (core::fold_case(t.title).find(needle) != std::string::npos ||
          core::fold_case(t.text).find(needle) != std::string::npos) {
        use_template(ctx, t, state);
        state.refocus = true;
        picked_by_enter = true;
        break;
      }
    }
  }
  if (state.templates_open || (slash && !picked_by_enter)) {
    draw_templates(ctx, ImVec2(pos.x + kPad, pos.y), std::min(width - 2 * kPad, 460.0f),
                   state.templates_open ? std::string(state.template_search) : slash_query, state,
                   state.templates_open);
  }

  if (edited || picked_by_enter) intents.draft = std::string(state.text);
  if (picked_by_enter) return;
  if ((enter || clicked) && !empty && !slash) {
    intents.draft = std::string(state.text);
    intents.send = true;
    state.text[0] = '\0';
    state.refocus = true;
  } else if (enter) {
    state.refocus = true;  // Enter on an empty field keeps the focus there
  }
}

}  // namespace ui
