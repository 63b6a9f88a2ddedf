// The toolbar row under the header, then the filters row and the chips row
// when they have something to show.
#include <string>

#include "ui/controls.hpp"
#include "ui/icons.hpp"
#include "ui/list_bars.hpp"
#include "ui/theme.hpp"
#include "ui/widget_registry.hpp"

namespace ui {
namespace {

constexpr float kToolbarHeight = 54.0f;
constexpr float kFiltersHeight = 48.0f;  // one line of pills; each more adds kPillLine
constexpr float kPillLine = 40.0f;
constexpr float kBulkHeight = 50.0f;  // the selection's own row in a narrow list
constexpr float kChipsHeight = 40.0f;
constexpr float kPillHeight = 34.0f;
constexpr float kPad = 20.0f;
constexpr float kIconsOnlyWidth = 560.0f;  // below it the toolbar's buttons show their icons only

void row_background(ImVec2 min, float width, float height) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(min, ImVec2(min.x + width, min.y + height), palette().window_bg);
  dl->AddLine(ImVec2(min.x, min.y + height - 1), ImVec2(min.x + width, min.y + height - 1),
              palette().border);
}

// "Сбросить всё ×" at the right end of a row; resets the filters and the search.
void draw_reset(const ListBarsContext& ctx, float right, float y, bool icon_only,
                app::Intents& intents) {
  const std::string label =
      icon_only ? std::string(icon::kClose)
                : std::string(tr(ctx.locale, "Сбросить всё", "Reset all")) + "  " + icon::kClose;
  const float w = text_size(fonts().regular, label).x + 28;
  ImGui::SetCursorScreenPos(ImVec2(right - w, y));
  if (pill("toolbar:reset", label, PillLook::Plain, kPillHeight)) {
    intents.list.filter = app::FilterState{};
    intents.search = std::string();
  }
}

}  // namespace

float draw_list_bars(const ListBarsContext& ctx, ImVec2 origin, float width, ListBarsState& state,
                     app::Intents& intents) {
  const app::Locale l = ctx.locale;
  const app::FilterState& filter = ctx.app.filter();
  intents.list.clock = {ctx.now, ctx.utc_offset_ms};
  intents.list.locale = l;

  row_background(origin, width, kToolbarHeight);
  const bool icons_only = width < kIconsOnlyWidth;
  const float pad = icons_only ? 12.0f : kPad;
  const float pill_y = origin.y + (kToolbarHeight - kPillHeight) / 2;
  ImGui::SetCursorScreenPos(ImVec2(origin.x + pad, pill_y));
  std::string write = icon::kPencil;
  if (!icons_only) write += std::string("  ") + tr(l, "Написать первым", "Write first");
  if (pill("toolbar:write-first", write, PillLook::Primary, kPillHeight)) {
    state.write_first.opening = true;
  }
  ImGui::SameLine(0, 10);
  const int active = static_cast<int>(app::filter_chips(filter, ctx.app.directory(), l).size());
  std::string filters = icon::kFilter;
  if (!icons_only) filters += std::string("  ") + tr(l, "Фильтры", "Filters");
  if (active > 0) filters += "  " + std::to_string(active);
  if (pill("toolbar:filters", filters,
           state.filters_open || active > 0 ? PillLook::Active : PillLook::Plain, kPillHeight)) {
    state.filters_open = !state.filters_open;
  }
  const bool reset = !filter.empty() || ctx.search_active;
  // A narrow list gives the selection's controls a row of their own.
  if (!icons_only) {
    ImGui::SameLine(0, 18);
    draw_bulk_controls(ctx, false, origin.x + width - pad, intents);
  }
  if (reset) draw_reset(ctx, origin.x + width - pad, pill_y, icons_only, intents);
  float y = origin.y + kToolbarHeight;

  if (icons_only && bulk_controls_shown(ctx)) {
    row_background(ImVec2(origin.x, y), width, kBulkHeight);
    ImGui::SetCursorScreenPos(ImVec2(origin.x + pad, y + (kBulkHeight - kPillHeight) / 2));
    draw_bulk_controls(ctx, true, origin.x + width - pad, intents);
    y += kBulkHeight;
  }
  if (state.filters_open) {
    const float inner = width - 2 * pad;
    const float h = kFiltersHeight + (filter_pill_lines(ctx, inner) - 1) * kPillLine;
    row_background(ImVec2(origin.x, y), width, h);
    ImGui::SetCursorScreenPos(ImVec2(origin.x + pad, y + (kFiltersHeight - 32) / 2));
    draw_filter_pills(ctx, origin.x + width - pad, state, intents);
    y += h;
  }
  if (!filter.empty()) {
    row_background(ImVec2(origin.x, y), width, kChipsHeight);
    ImGui::SetCursorScreenPos(ImVec2(origin.x + pad, y + (kChipsHeight - 28) / 2));
    draw_filter_chips(ctx, origin.x + width - pad, intents);
    y += kChipsHeight;
  }
  draw_write_first_dialog(ctx, state.write_first, intents);
  return y - origin.y;
}

}  // namespace ui
