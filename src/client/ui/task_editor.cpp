// Draws the Tasks section (see task_editor.hpp). Publishes "task-done:<id>",
// "task-edit:<id>", "task-delete:<id>", "task:new", "task:due", "task:assignee",
// "assignee:<id>" (0: nobody), "task:add", "task:save", "task:cancel", and in
// the calendar popup "due-picker", "due-preset:<i>", "due-prev", "due-next",
// "due-month", "due-day:<yyyy-mm-dd>", "due-time", "due-none", "due-done".
#include "ui/task_editor.hpp"

#include <algorithm>
#include <cstring>
#include <string>

#include "ui/controls.hpp"
#include "ui/icons.hpp"
#include "ui/theme.hpp"
#include "ui/widget_registry.hpp"

namespace ui {
namespace {

constexpr const char* kCalendar = "\xef\x81\xb3";      // U+F073
constexpr const char* kChevronLeft = "\xef\x81\x93";   // U+F053
constexpr const char* kChevronRight = "\xef\x81\x94";  // U+F054
constexpr float kCell = 34.0f;
constexpr float kCellH = 30.0f;
constexpr float kCalendarHeight = 440.0f;  // the popup at six weeks, to place it

struct PresetLabel {
  app::DuePreset preset;
  const char* ru;
  const char* en;
};
constexpr PresetLabel kPresets[] = {{app::DuePreset::InAnHour, "Через час", "In an hour"},
                                    {app::DuePreset::Tomorrow, "Завтра", "Tomorrow"},
                                    {app::DuePreset::InThreeDays, "Через 3 дня", "In 3 days"},
                                    {app::DuePreset::InAWeek, "Через неделю", "In a week"}};

void copy(char* buffer, std::size_t size, const std::string& text) {
  const std::size_t n = std::min(text.size(), size - 1);
  std::memcpy(buffer, text.data(), n);
  buffer[n] = '\0';
}

// The form was (re)started: the text fields show what it holds.
void sync_fields(TaskEditorState& state) {
  copy(state.text, sizeof state.text, state.form.text);
  copy(state.clock, sizeof state.clock, state.form.clock);
}

std::string operator_name(const core::Directory& directory, core::Id id) {
  const core::Operator* op = directory.find_operator(id);
  return op ? op->name : std::string();
}

std::string iso_day(std::int64_t day) {
  const app::CivilDate d = app::civil_date(day);
  auto two = [](std::int64_t v) { return (v < 10 ? "0" : "") + std::to_string(v); };
  return std::to_string(d.year) + "-" + two(d.month) + "-" + two(d.day);
}

// A quiet button with a glyph, for the calendar's month arrows.
bool glyph_button(const char* glyph, const char* id, ImVec2 size) {
  const Palette& p = palette();
  ImGui::PushStyleColor(ImGuiCol_Button, 0);
  ImGui::PushStyleColor(ImGuiCol_ButtonHovered, p.row_hover);
  ImGui::PushStyleColor(ImGuiCol_ButtonActive, p.row_selected);
  ImGui::PushStyleColor(ImGuiCol_Border, 0);
  ImGui::PushStyleColor(ImGuiCol_Text, p.text_muted);
  const bool pressed = ImGui::Button((std::string(glyph) + "##" + id).c_str(), size);
  ImGui::PopStyleColor(5);
  widgets().publish_item(id, glyph);
  return pressed;
}

// A full-width field-like button: a glyph, then the value, as the combos look.
bool field_button(const char* id, const char* glyph, const std::string& value, bool muted) {
  const Palette& p = palette();
  const float w = ImGui::GetContentRegionAvail().x;
  const float h = ImGui::GetFrameHeight();
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  ImGui::PushID(id);
  const bool pressed = ImGui::InvisibleButton("field", ImVec2(w, h));
  const bool hovered = ImGui::IsItemHovered();
  ImGui::PopID();
  widgets().publish_item(id, value);
  if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 end(pos.x + w, pos.y + h);
  dl->AddRectFilled(pos, end, hovered ? p.row_hover : ImGui::GetColorU32(ImGuiCol_FrameBg), 8);
  dl->AddRect(pos, end, p.border, 8);
  const float y = pos.y + (h - font_px(fonts().regular)) / 2;
  draw_text(dl, fonts().regular, ImVec2(pos.x + 10, y), p.text_muted, glyph);
  dl->PushClipRect(pos, ImVec2(end.x - 8, end.y), true);
  draw_text(dl, fonts().regular, ImVec2(pos.x + 32, y), muted ? p.text_muted : p.text, value);
  dl->PopClipRect();
  return pressed;
}

// A popup under the last item, or above it when the screen ends first.
void place_popup(float height) {
  const ImVec2 min = ImGui::GetItemRectMin();
  const ImVec2 max = ImGui::GetItemRectMax();
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  const bool room_below = max.y + 4 + height <= vp->Pos.y + vp->Size.y;
  ImGui::SetNextWindowPos(room_below ? ImVec2(min.x, max.y + 4) : ImVec2(min.x, min.y - 4),
                          ImGuiCond_Appearing, room_below ? ImVec2(0, 0) : ImVec2(0, 1));
}

void draw_calendar(const TaskContext& ctx, TaskEditorState& state) {
  const Palette& p = palette();
  app::TaskForm& form = state.form;
  const app::Locale l = ctx.locale;
  widgets().publish("due-picker", tr(l, "Срок задачи", "Due date"), ImGui::GetWindowPos().x,
                    ImGui::GetWindowPos().y, ImGui::GetWindowSize().x, ImGui::GetWindowSize().y);
  // The shortcuts, two to a row.
  const float grid_w = 7 * kCell;
  for (int i = 0; i < 4; ++i) {
    const PresetLabel& pl = kPresets[i];
    if (i % 2) ImGui::SameLine(0, 6);
    ImGui::PushStyleVar(ImGuiStyleVar_FrameRounding, 8);
    ImGui::PushStyleColor(ImGuiCol_Button, p.panel_bg);
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, p.row_hover);
    ImGui::PushStyleColor(ImGuiCol_Border, p.border);
    const std::string id = "due-preset:" + std::to_string(i);
    if (ImGui::Button((std::string(tr(l, pl.ru, pl.en)) + "##" + id).c_str(),
                      ImVec2((grid_w - 6) / 2, 0))) {
      app::choose_preset(form, pl.preset, ctx.now, ctx.utc_offset_ms);
      sync_fields(state);
    }
    ImGui::PopStyleColor(3);
    ImGui::PopStyleVar();
    widgets().publish_item(id, tr(l, pl.ru, pl.en));
  }
  ImGui::Dummy(ImVec2(0, 2));

  // The month line: ‹ title ›.
  const ImVec2 head = ImGui::GetCursorScreenPos();
  if (glyph_button(kChevronLeft, "due-prev", ImVec2(kCell, kCellH))) app::shift_month(form, -1);
  const std::string title = app::month_title(form.year, form.month, l);
  const ImVec2 ts = text_size(fonts().bold, title);
  draw_text(ImGui::GetWindowDrawList(), fonts().bold,
            ImVec2(head.x + (grid_w - ts.x) / 2, head.y + (kCellH - ts.y) / 2), p.text, title);
  widgets().publish("due-month", title, head.x + kCell, head.y, grid_w - 2 * kCell, kCellH);
  ImGui::SetCursorScreenPos(ImVec2(head.x + grid_w - kCell, head.y));
  if (glyph_button(kChevronRight, "due-next", ImVec2(kCell, kCellH))) app::shift_month(form, 1);

  // Weekday names, then the days; today ringed, the due day filled.
  ImDrawList* dl = ImGui::GetWindowDrawList();
  static const char* ru_days[] = {"Пн", "Вт", "Ср", "Чт", "Пт", "Сб", "Вс"};
  static const char* en_days[] = {"Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"};
  const ImVec2 names = ImGui::GetCursorScreenPos();
  for (int c = 0; c < 7; ++c) {
    const char* name = l == app::Locale::Ru ? ru_days[c] : en_days[c];
    const ImVec2 ns = text_size(fonts().small, name);
    draw_text(dl, fonts().small, ImVec2(names.x + c * kCell + (kCell - ns.x) / 2, names.y + 2),
              c >= 5 ? p.overdue : p.text_muted, name);
  }
  ImGui::Dummy(ImVec2(grid_w, font_px(fonts().small) + 8));
  const app::MonthGrid grid = app::month_grid(form.year, form.month);
  const std::int64_t today = app::local_day(ctx.now, ctx.utc_offset_ms);
  const std::int64_t chosen = form.due > 0 ? app::local_day(form.due, ctx.utc_offset_ms) : -1;
  const ImVec2 top = ImGui::GetCursorScreenPos();
  const int rows = (grid.lead + grid.days + 6) / 7;
  for (int i = 0; i < grid.days; ++i) {
    const int cell = grid.lead + i;
    const std::int64_t day = grid.first_day + i;
    const ImVec2 at(top.x + (cell % 7) * kCell, top.y + (cell / 7) * kCellH);
    ImGui::SetCursorScreenPos(at);
    const std::string id = "due-day:" + iso_day(day);
    if (ImGui::InvisibleButton(id.c_str(), ImVec2(kCell, kCellH))) {
      app::choose_day(form, day, ctx.utc_offset_ms);
      sync_fields(state);
    }
    const bool hovered = ImGui::IsItemHovered();
    const std::string number = std::to_string(i + 1);
    widgets().publish_item(id, number);
    const ImVec2 c(at.x + kCell / 2, at.y + kCellH / 2);
    ImU32 color = day < today ? p.text_muted : p.text;
    if (day == chosen) {
      dl->AddCircleFilled(c, 13, p.accent, 24);
      color = p.accent_text;
    } else if (hovered) {
      dl->AddCircleFilled(c, 13, p.row_hover, 24);
    }
    if (day == today && day != chosen) {
      dl->AddCircle(c, 13, p.accent, 24, 1.5f);
      color = p.accent;
    }
    const ImVec2 ns = text_size(fonts().regular, number);
    draw_text(dl, fonts().regular, ImVec2(c.x - ns.x / 2, c.y - ns.y / 2), color, number);
  }
  ImGui::SetCursorScreenPos(ImVec2(top.x, top.y + rows * kCellH + 6));

  // The time, typed; a clock that does not read is outlined in red.
  const float clock_w = 82;
  draw_text(dl, fonts().regular,
            ImVec2(top.x + 2, ImGui::GetCursorScreenPos().y +
                                  (ImGui::GetFrameHeight() - font_px(fonts().regular)) / 2),
            p.text_muted, icon::kClock);
  ImGui::SetCursorScreenPos(ImVec2(top.x + 26, ImGui::GetCursorScreenPos().y));
  ImGui::SetNextItemWidth(clock_w);
  // Typing changes clock_bad: pop what was pushed, not what the new state says.
  const bool bad_before = form.clock_bad;
  if (bad_before) ImGui::PushStyleColor(ImGuiCol_Border, p.overdue);
  if (ImGui::InputTextWithHint("##due-time", tr(l, "чч:мм", "hh:mm"), state.clock,
                               sizeof state.clock, ImGuiInputTextFlags_CharsNoBlank)) {
    app::type_clock(form, state.clock, ctx.now, ctx.utc_offset_ms);
  }
  if (bad_before) ImGui::PopStyleColor();
  widgets().publish_item("due-time", state.clock);
  ImGui::SameLine(0, 8);
  ImGui::PushStyleColor(ImGuiCol_Text, form.clock_bad ? p.overdue : p.text_muted);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(form.clock_bad ? tr(l, "например 18:30", "e.g. 18:30")
                                        : tr(l, "время", "time"));
  ImGui::PopStyleColor();

  ImGui::Dummy(ImVec2(0, 2));
  const float half = (grid_w - 8) / 2;
  ImGui::PushStyleVar(ImGuiStyleVar_FrameRounding, 8);
  ImGui::PushStyleColor(ImGuiCol_Button, p.panel_bg);
  ImGui::PushStyleColor(ImGuiCol_ButtonHovered, p.row_hover);
  ImGui::PushStyleColor(ImGuiCol_Border, p.border);
  if (ImGui::Button((std::string(tr(l, "Без срока", "No due date")) + "##due-none").c_str(),
                    ImVec2(half, 0))) {
    app::clear_due(form);
    ImGui::CloseCurrentPopup();
  }
  widgets().publish_item("due-none", tr(l, "Без срока", "No due date"));
  ImGui::PopStyleColor(3);
  ImGui::SameLine(0, 8);
  ImGui::PushStyleColor(ImGuiCol_Button, p.accent);
  ImGui::PushStyleColor(ImGuiCol_ButtonHovered, rgb(0x1D4ED8));
  ImGui::PushStyleColor(ImGuiCol_Border, p.accent);
  ImGui::PushStyleColor(ImGuiCol_Text, p.accent_text);
  if (ImGui::Button((std::string(tr(l, "Готово", "Done")) + "##due-done").c_str(),
                    ImVec2(half, 0))) {
    ImGui::CloseCurrentPopup();
  }
  widgets().publish_item("due-done", tr(l, "Готово", "Done"));
  ImGui::PopStyleColor(4);
  ImGui::PopStyleVar();
}

void draw_task_row(const TaskContext& ctx, const core::Task& t, TaskEditorState& state,
                   app::Intents& intents) {
  const Palette& p = palette();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float width = ImGui::GetContentRegionAvail().x;
  const core::Id dialog = ctx.dialog.id;
  ImGui::PushID(static_cast<int>(t.id));
  const bool pending = t.id <= 0;  // the backend has not given it an id yet
  const bool editing = state.form.editing == t.id;
  const bool late = app::overdue(t, ctx.now);
  const ImVec2 at = ImGui::GetCursorScreenPos();
  const float row_h = 44;
  if (editing) {
    dl->AddRectFilled(ImVec2(at.x - 6, at.y - 4), ImVec2(at.x + width + 6, at.y + row_h),
                      p.row_selected, 8);
  }
  bool done = t.done;
  ImGui::BeginDisabled(pending);
  if (ImGui::Checkbox("##done", &done)) {
    intents.edits.push_back({dialog, core::DialogChange::task_done(t.id, done)});
  }
  widgets().publish_item("task-done:" + std::to_string(t.id), t.text);
  ImGui::EndDisabled();

  // The text and its line below are one target: a click edits the task.
  const float x = at.x + 30;
  const float text_w = width - 30 - 28;
  ImGui::SetCursorScreenPos(ImVec2(x - 4, at.y - 2));
  ImGui::BeginDisabled(pending);
  if (ImGui::InvisibleButton("edit", ImVec2(text_w + 4, row_h - 2))) {
    app::start_edit(state.form, t, ctx.now, ctx.utc_offset_ms);
    sync_fields(state);
  }
  const bool hovered = ImGui::IsItemHovered();
  ImGui::EndDisabled();
  widgets().publish_item("task-edit:" + std::to_string(t.id), t.text);
  if (hovered) {
    ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    if (!editing) {
      dl->AddRectFilled(ImVec2(at.x - 6, at.y - 4), ImVec2(at.x + width + 6, at.y + row_h),
                        p.row_hover, 8);
    }
  }
  dl->PushClipRect(ImVec2(x, at.y - 2), ImVec2(x + text_w, at.y + row_h), true);
  const ImU32 text_color = t.done ? p.text_muted : late ? p.overdue : p.text;
  draw_text(dl, fonts().regular, ImVec2(x, at.y + 1), text_color, t.text);
  if (t.done) {
    const float tw = std::min(text_size(fonts().regular, t.text).x, text_w);
    const float my = at.y + 1 + font_px(fonts().regular) / 2 + 1;
    dl->AddLine(ImVec2(x, my), ImVec2(x + tw, my), p.text_muted);
  }
  std::string line = t.due > 0 ? app::format_time_left(t.due, ctx.now, ctx.locale)
                               : std::string(tr(ctx.locale, "без срока", "no due date"));
  const std::string who = operator_name(ctx.directory, t.assignee_id);
  if (!who.empty()) line += "  ·  " + who;
  draw_text(dl, fonts().small, ImVec2(x, at.y + 23), late ? p.overdue : p.text_muted, line);
  dl->PopClipRect();

  ImGui::SetCursorScreenPos(ImVec2(at.x + width - 24, at.y));
  ImGui::BeginDisabled(pending);
  ImGui::PushStyleColor(ImGuiCol_Button, 0);
  ImGui::PushStyleColor(ImGuiCol_ButtonHovered, p.row_hover);
  ImGui::PushStyleColor(ImGuiCol_Border, 0);
  ImGui::PushStyleColor(ImGuiCol_Text, p.text_muted);
  if (ImGui::Button(icon::kClose, ImVec2(24, 24))) {
    intents.edits.push_back({dialog, core::DialogChange::delete_task(t.id)});
    if (editing) {
      app::start_new(state.form, ctx.now, ctx.utc_offset_ms);
      sync_fields(state);
    }
  }
  ImGui::PopStyleColor(4);
  widgets().publish_item("task-delete:" + std::to_string(t.id),
                         tr(ctx.locale, "Удалить задачу", "Delete the task"));
  ImGui::EndDisabled();
  ImGui::SetCursorScreenPos(ImVec2(at.x, at.y + row_h + 4));
  ImGui::PopID();
}

void draw_assignee(const TaskContext& ctx, app::TaskForm& form) {
  const char* nobody = tr(ctx.locale, "Без исполнителя", "No assignee");
  const std::string who = operator_name(ctx.directory, form.assignee);
  const bool open =
      field_button("task:assignee", icon::kUser, who.empty() ? nobody : who, who.empty());
  if (open) ImGui::OpenPopup("##task-assignee");
  const float list_h =
      (ctx.directory.operators.size() + 1) * ImGui::GetFrameHeightWithSpacing() + 16;
  place_popup(list_h);
  ImGui::SetNextWindowSize(ImVec2(ImGui::GetItemRectSize().x, 0));
  if (!ImGui::BeginPopup("##task-assignee")) return;
  if (ImGui::Selectable(nobody, form.assignee == core::kNoId)) form.assignee = core::kNoId;
  widgets().publish_item("assignee:0", nobody);
  for (const core::Operator& o : ctx.directory.operators) {
    if (!o.active) continue;  // cannot be given a task
    ImGui::PushID(static_cast<int>(o.id));
    if (ImGui::Selectable(o.name.c_str(), o.id == form.assignee)) form.assignee = o.id;
    widgets().publish_item("assignee:" + std::to_string(o.id), o.name);
    ImGui::PopID();
  }
  ImGui::EndPopup();
}

void draw_form(const TaskContext& ctx, TaskEditorState& state, app::Intents& intents) {
  const Palette& p = palette();
  app::TaskForm& form = state.form;
  const app::Locale l = ctx.locale;
  const bool editing = form.editing != core::kNoId;
  const float width = ImGui::GetContentRegionAvail().x;
  if (editing) {
    ImGui::PushStyleColor(ImGuiCol_Text, p.text_muted);
    ImGui::TextUnformatted(tr(l, "Изменение задачи", "Editing the task"));
    ImGui::PopStyleColor();
  }
  ImGui::SetNextItemWidth(width);
  const char* hint = tr(l, "Новая задача", "New task");
  const bool enter = ImGui::InputTextWithHint("##task", hint, state.text, sizeof state.text,
                                              ImGuiInputTextFlags_EnterReturnsTrue);
  form.text = state.text;
  widgets().publish_item("task:new", hint);

  if (field_button("task:due", kCalendar, app::format_due(form.due, ctx.now, ctx.utc_offset_ms, l),
                   form.due == 0)) {
    ImGui::OpenPopup("##due-picker");
  }
  place_popup(kCalendarHeight);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(12, 12));
  ImGui::PushStyleVar(ImGuiStyleVar_PopupRounding, 12);
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(6, 6));
  if (ImGui::BeginPopup("##due-picker")) {
    draw_calendar(ctx, state);
    ImGui::EndPopup();
  }
  ImGui::PopStyleVar(3);
  draw_assignee(ctx, form);

  const std::optional<core::DialogChange> change = app::task_change(form);
  bool submit = enter && change;
  if (editing) {
    const float half = (width - 8) / 2;
    if (block_button(tr(l, "Отмена", "Cancel"), "task:cancel", false, half)) {
      app::start_new(form, ctx.now, ctx.utc_offset_ms);
      sync_fields(state);
      return;
    }
    ImGui::SameLine(0, 8);
    ImGui::BeginDisabled(!change);
    submit = block_button(tr(l, "Сохранить", "Save"), "task:save", true, half) || submit;
    ImGui::EndDisabled();
  } else {
    ImGui::BeginDisabled(!change);
    submit =
        block_button(tr(l, "Добавить задачу", "Add the task"), "task:add", false, width) || submit;
    ImGui::EndDisabled();
  }
  if (submit && change) {
    intents.edits.push_back({ctx.dialog.id, *change});
    app::start_new(form, ctx.now, ctx.utc_offset_ms);
    sync_fields(state);
  }
}

}  // namespace

void draw_tasks(const TaskContext& ctx, TaskEditorState& state, app::Intents& intents) {
  app::TaskForm& form = state.form;
  const bool gone = form.editing != core::kNoId &&
                    std::none_of(ctx.dialog.tasks.begin(), ctx.dialog.tasks.end(),
                                 [&form](const core::Task& t) { return t.id == form.editing; });
  if (!form.ready || gone) {
    app::start_new(form, ctx.now, ctx.utc_offset_ms);
    sync_fields(state);
  }
  for (const core::Task& t : ctx.dialog.tasks) draw_task_row(ctx, t, state, intents);
  draw_form(ctx, state, intents);
}

}  // namespace ui
