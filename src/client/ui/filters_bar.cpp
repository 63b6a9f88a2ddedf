// The eight filters as pills, each opening a multi-select popup with its own
// search; the two date filters offer presets and a custom range. Active
// values show as chips, each removable on its own.
#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "core/channels.hpp"
#include "core/text.hpp"
#include "ui/controls.hpp"
#include "ui/icons.hpp"
#include "ui/list_bars.hpp"
#include "ui/theme.hpp"
#include "ui/widget_registry.hpp"

namespace ui {
namespace {

constexpr const char* kCaret = "\xef\x83\x97";  // U+F0D7 caret-down
constexpr float kPopupWidth = 300.0f;
constexpr float kListHeight = 300.0f;

using app::FilterKind;

constexpr float kPillGap = 8.0f;
constexpr float kPillLine = 40.0f;  // a line of pills, when they wrap

const char* kind_key(FilterKind k) {
  static const char* keys[] = {"channel", "source",  "status",       "responsible",
                               "tag",     "created", "last_message", "type"};
  return keys[static_cast<int>(k)];
}

std::string pill_label(const ListBarsContext& ctx, FilterKind kind);
float pill_width(const std::string& label);

struct Option {
  std::int64_t value;
  std::string label;
  const char* glyph = nullptr;
  std::uint32_t color = 0;
  bool dot = false;
};

std::vector<Option> options(const ListBarsContext& ctx, FilterKind kind) {
  const core::Directory& dir = ctx.app.directory();
  const app::Locale l = ctx.locale;
  std::vector<Option> out;
  switch (kind) {
    case FilterKind::Channel: {
      std::set<int> seen;
      for (const core::Source& s : dir.sources) seen.insert(static_cast<int>(s.channel));
      for (int c : seen) {
        const auto kind_c = static_cast<core::ChannelKind>(c);
        const core::ChannelInfo& info = core::channel_info(kind_c);
        const icon::ChannelLook look = icon::channel_look(kind_c);
        out.push_back({c, std::string(l == app::Locale::Ru ? info.name_ru : info.name_en),
                       look.glyph, look.color});
      }
      break;
    }
    case FilterKind::Source:
      for (const core::Source& s : dir.sources) {
        const icon::ChannelLook look = icon::channel_look(s.channel);
        out.push_back({s.id, s.name, look.glyph, look.color});
      }
      break;
    case FilterKind::Status:
      out.push_back({core::kNoId, tr(l, "Без статуса", "No status"), nullptr, 0xCBD5E1, true});
      for (const core::FunnelStatus& s : dir.statuses) {
        out.push_back({s.id, s.name, nullptr, s.color, true});
      }
      break;
    case FilterKind::Responsible:
      out.push_back({core::kNoId, tr(l, "Без ответственного", "Nobody responsible")});
      for (const core::Operator& o : dir.operators) out.push_back({o.id, o.name});
      break;
    case FilterKind::Tag:
      for (const core::Tag& t : dir.tags) out.push_back({t.id, t.name, nullptr, t.color, true});
      break;
    case FilterKind::Type:
      for (core::ReadType t : {core::ReadType::Unread, core::ReadType::Read,
                               core::ReadType::Unanswered, core::ReadType::Answered}) {
        out.push_back({static_cast<std::int64_t>(t), app::read_type_label(t, l)});
      }
      break;
    default:
      break;
  }
  return out;
}

bool checked(const app::FilterState& s, FilterKind kind, std::int64_t v) {
  auto has = [](const auto& values, auto x) {
    return std::find(values.begin(), values.end(), x) != values.end();
  };
  switch (kind) {
    case FilterKind::Channel:
      return has(s.channels, static_cast<core::ChannelKind>(v));
    case FilterKind::Source:
      return has(s.sources, v);
    case FilterKind::Status:
      return has(s.statuses, v);
    case FilterKind::Responsible:
      return has(s.responsibles, v);
    case FilterKind::Tag:
      return has(s.tags, v);
    case FilterKind::Type:
      return has(s.types, static_cast<core::ReadType>(v));
    default:
      return false;
  }
}

void toggle(app::FilterState& s, FilterKind kind, std::int64_t v) {
  switch (kind) {
    case FilterKind::Channel:
      app::toggle_value(s.channels, static_cast<core::ChannelKind>(v));
      break;
    case FilterKind::Source:
      app::toggle_value(s.sources, v);
      break;
    case FilterKind::Status:
      app::toggle_value(s.statuses, v);
      break;
    case FilterKind::Responsible:
      app::toggle_value(s.responsibles, v);
      break;
    case FilterKind::Tag:
      app::toggle_value(s.tags, v);
      break;
    case FilterKind::Type:
      app::toggle_value(s.types, static_cast<core::ReadType>(v));
      break;
    default:
      break;
  }
}

int count_of(const app::FilterState& s, FilterKind kind) {
  switch (kind) {
    case FilterKind::Channel:
      return static_cast<int>(s.channels.size());
    case FilterKind::Source:
      return static_cast<int>(s.sources.size());
    case FilterKind::Status:
      return static_cast<int>(s.statuses.size());
    case FilterKind::Responsible:
      return static_cast<int>(s.responsibles.size());
    case FilterKind::Tag:
      return static_cast<int>(s.tags.size());
    case FilterKind::Created:
      return s.created.preset != app::DatePreset::Any;
    case FilterKind::LastMessage:
      return s.last_message.preset != app::DatePreset::Any;
    case FilterKind::Type:
      return static_cast<int>(s.types.size());
  }
  return 0;
}

void search_box(const ListBarsContext& ctx, char* buffer, std::size_t size, FilterKind kind) {
  ImGui::SetNextItemWidth(-1);
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(10, 7));
  ImGui::InputTextWithHint("##search", tr(ctx.locale, "Найти", "Find"), buffer, size);
  ImGui::PopStyleVar();
  widgets().publish_item(std::string("filter-search:") + kind_key(kind),
                         tr(ctx.locale, "Найти", "Find"));
}

void multi_select(const ListBarsContext& ctx, FilterKind kind, char* search, std::size_t size,
                  app::Intents& intents) {
  search_box(ctx, search, size, kind);
  const std::string needle = core::fold_case(core::trim(search));
  const app::FilterState& current = ctx.app.filter();
  ImGui::BeginChild("options", ImVec2(0, 0), false, ImGuiWindowFlags_AlwaysUseWindowPadding);
  int shown = 0;
  for (const Option& o : options(ctx, kind)) {
    if (!needle.empty() && core::fold_case(o.label).find(needle) == std::string::npos) continue;
    ++shown;
    const std::string id =
        std::string("filter-option:") + kind_key(kind) + ":" + std::to_string(o.value);
    if (option_row(id, o.label, checked(current, kind, o.value), o.glyph, o.color, o.dot)) {
      app::FilterState next = intents.list.filter ? *intents.list.filter : current;
      toggle(next, kind, o.value);
      intents.list.filter = next;
    }
  }
  if (shown == 0) ImGui::TextDisabled("%s", tr(ctx.locale, "Ничего не найдено", "Nothing found"));
  ImGui::EndChild();
}

void date_select(const ListBarsContext& ctx, FilterKind kind, ListBarsState& state,
                 app::Intents& intents) {
  const app::FilterState& current = ctx.app.filter();
  const app::DateChoice& choice =
      kind == FilterKind::Created ? current.created : current.last_message;
  auto set = [&](app::DateChoice c) {
    app::FilterState next = current;
    (kind == FilterKind::Created ? next.created : next.last_message) = c;
    intents.list.filter = next;
  };
  static const char* preset_keys[] = {"any", "today", "yesterday", "7days", "30days"};
  for (int i = 0; i <= static_cast<int>(app::DatePreset::Last30Days); ++i) {
    const auto preset = static_cast<app::DatePreset>(i);
    const std::string id = std::string("filter-option:") + kind_key(kind) + ":" + preset_keys[i];
    if (option_row(id, app::date_preset_label(preset, ctx.locale), choice.preset == preset, nullptr,
                   0, false)) {
      set({preset});
    }
  }
  ImGui::Spacing();
  ImGui::Separator();
  ImGui::Spacing();
  ImGui::TextDisabled("%s",
                      tr(ctx.locale, "Свой период (дд.мм.гггг)", "Custom range (dd.mm.yyyy)"));
  const float half = (ImGui::GetContentRegionAvail().x - 8) / 2;
  ImGui::SetNextItemWidth(half);
  ImGui::InputTextWithHint("##from", tr(ctx.locale, "с", "from"), state.custom_from,
                           sizeof state.custom_from);
  widgets().publish_item(std::string("filter-from:") + kind_key(kind), "from");
  ImGui::SameLine(0, 8);
  ImGui::SetNextItemWidth(half);
  ImGui::InputTextWithHint("##to", tr(ctx.locale, "по", "to"), state.custom_to,
                           sizeof state.custom_to);
  widgets().publish_item(std::string("filter-to:") + kind_key(kind), "to");
  if (pill((std::string("filter-apply:") + kind_key(kind)).c_str(),
           tr(ctx.locale, "Применить", "Apply"), PillLook::Primary, 30)) {
    app::DateChoice c{app::DatePreset::Custom};
    const bool from_ok = app::parse_day_input(state.custom_from, c.from_day);
    const bool to_ok = state.custom_to[0] == '\0' ? (c.to_day = c.from_day, from_ok)
                                                  : app::parse_day_input(state.custom_to, c.to_day);
    if (from_ok && to_ok) {
      state.custom_error.clear();
      set(c);
    } else {
      state.custom_error =
          tr(ctx.locale, "Даты пишутся как 12.03.2026", "Dates are written as 12.03.2026");
    }
  }
  if (!state.custom_error.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, palette().overdue);
    ImGui::TextWrapped("%s", state.custom_error.c_str());
    ImGui::PopStyleColor();
  }
}

std::string pill_label(const ListBarsContext& ctx, FilterKind kind) {
  const int n = count_of(ctx.app.filter(), kind);
  std::string label = app::filter_kind_label(kind, ctx.locale);
  if (n > 0) label += "  " + std::to_string(n);
  return label + "  " + kCaret;
}

// As ui::pill draws it: the text and its padding.
float pill_width(const std::string& label) {
  return text_size(fonts().regular, label).x + 28;
}

}  // namespace

int filter_pill_lines(const ListBarsContext& ctx, float width) {
  int lines = 1;
  float x = 0;
  for (int k = 0; k < app::kFilterKindCount; ++k) {
    const float w = pill_width(pill_label(ctx, static_cast<FilterKind>(k)));
    if (x > 0 && x + w > width) {
      ++lines;
      x = 0;
    }
    x += w + kPillGap;
  }
  return lines;
}

void draw_filter_pills(const ListBarsContext& ctx, float right, ListBarsState& state,
                       app::Intents& intents) {
  const app::FilterState& current = ctx.app.filter();
  const float left = ImGui::GetCursorScreenPos().x;
  const float top = ImGui::GetCursorScreenPos().y;
  int line = 0;
  for (int k = 0; k < app::kFilterKindCount; ++k) {
    const auto kind = static_cast<FilterKind>(k);
    const int n = count_of(current, kind);
    const std::string label = pill_label(ctx, kind);
    const std::string id = std::string("filter:") + kind_key(kind);
    // A narrow list wraps the pills onto more lines (filter_pill_lines counts them).
    if (k > 0) {
      const float x = ImGui::GetCursorScreenPos().x;
      if (x > left && x + pill_width(label) > right) {
        ++line;
        ImGui::SetCursorScreenPos(ImVec2(left, top + line * kPillLine));
      }
    }
    const ImVec2 at = ImGui::GetCursorScreenPos();
    if (pill(id.c_str(), label, n > 0 ? PillLook::Active : PillLook::Plain, 32)) {
      ImGui::OpenPopup(id.c_str());
      state.search[k][0] = '\0';
      state.custom_error.clear();
      const app::DateChoice& c =
          kind == FilterKind::Created ? current.created : current.last_message;
      const bool custom = c.preset == app::DatePreset::Custom;
      snprintf(state.custom_from, sizeof state.custom_from, "%s",
               custom ? app::format_day_input(c.from_day).c_str() : "");
      snprintf(state.custom_to, sizeof state.custom_to, "%s",
               custom ? app::format_day_input(c.to_day).c_str() : "");
    }
    const float bottom = ImGui::GetItemRectMax().y;
    ImGui::SameLine(0, kPillGap);
    const bool dates = kind == FilterKind::Created || kind == FilterKind::LastMessage;
    // The popup stays on screen when its pill is near the right edge.
    const float screen_right = ImGui::GetMainViewport()->Pos.x + ImGui::GetMainViewport()->Size.x;
    ImGui::SetNextWindowPos(
        ImVec2(std::max(0.0f, std::min(at.x, screen_right - kPopupWidth - 8)), bottom + 6));
    // A list popup is as tall as its options, up to kListHeight (then it scrolls).
    const float list_h =
        dates ? 0
              : std::min(kListHeight, (30.0f + ImGui::GetStyle().ItemSpacing.y) *
                                              static_cast<float>(options(ctx, kind).size()) +
                                          12) +
                    62;
    ImGui::SetNextWindowSize(ImVec2(kPopupWidth, list_h));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(10, 10));
    if (ImGui::BeginPopup(id.c_str())) {
      if (dates) {
        date_select(ctx, kind, state, intents);
      } else {
        multi_select(ctx, kind, state.search[k], sizeof state.search[k], intents);
      }
      ImGui::EndPopup();
    }
    ImGui::PopStyleVar();
  }
}

bool draw_filter_chips(const ListBarsContext& ctx, float right, app::Intents& intents) {
  const auto chips = app::filter_chips(ctx.app.filter(), ctx.app.directory(), ctx.locale);
  if (chips.empty()) return false;
  const float start_x = ImGui::GetCursorScreenPos().x;
  ImGui::SetCursorScreenPos(ImVec2(start_x, ImGui::GetCursorScreenPos().y));
  for (std::size_t i = 0; i < chips.size(); ++i) {
    const app::FilterChip& chip = chips[i];
    const std::string id =
        std::string("chip:") + kind_key(chip.kind) + ":" + std::to_string(chip.value);
    const std::string remove =
        std::string("chip-remove:") + kind_key(chip.kind) + ":" + std::to_string(chip.value);
    if (ImGui::GetCursorScreenPos().x + text_size(fonts().small, chip.label).x + 60 > right) {
      // No room for the rest: say how many more are active (the pills show which).
      const std::string more = "+" + std::to_string(chips.size() - i);
      const ImVec2 at = ImGui::GetCursorScreenPos();
      draw_text(ImGui::GetWindowDrawList(), fonts().small,
                ImVec2(at.x + 4, at.y + (28 - font_px(fonts().small)) / 2), palette().text_muted,
                more);
      widgets().publish("chips:more", more, at.x, at.y, 24, 28);
      break;
    }
    if (removable_chip(id, remove, chip.label, chip.color, 28)) {
      app::FilterState next = ctx.app.filter();
      app::remove_chip(next, chip);
      intents.list.filter = next;
    }
    ImGui::SameLine(0, 6);
  }
  return true;
}

}  // namespace ui
