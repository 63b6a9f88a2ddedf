// Collects labelled widget rectangles and serialises them for the page.
#include "ui/widget_registry.hpp"

#include <cmath>

#include <imgui.h>

#include "core/codec.hpp"
#include "ui/theme.hpp"

namespace ui {
namespace {

bool same(const PublishedWidget& a, const PublishedWidget& b) {
  return a.id == b.id && a.label == b.label && a.x == b.x && a.y == b.y && a.w == b.w &&
         a.h == b.h && a.role == b.role && a.selected == b.selected && a.checked == b.checked &&
         a.value == b.value;
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// A CSS-pixel coordinate on the nearest device pixel's edge.
float on_pixel(float v, float dpr) {
  return std::round(v * dpr) / dpr;
}

}  // namespace

std::string_view role_for(std::string_view id) {
  struct Prefix {
    std::string_view prefix, role;
  };
  // Longer prefixes first where one begins another.
  static constexpr Prefix kPrefixes[] = {
      {"tab:", "tab"},
      {"row:", "row"},
      {"column:", "columnheader"},
      {"status-cell:", "gridcell"},
      {"select:", "checkbox"},
      {"task-done:", "checkbox"},
      {"message:", "article"},
      {"history:", "status"},
      {"search:", "button"},
      {"composer:window-closed", "status"},
      {"channels:error", "alert"},
      {"channels:connect-error", "alert"},
      {"write-first:error", "alert"},
      {"write-first:invalid", "alert"},
      {"write-first:text", "textbox"},
      {"write-first:to", "textbox"},
      {"channels:name", "textbox"},
      {"channels:field:", "textbox"},
      {"channels:base-url", "textbox"},
      {"template:search", "searchbox"},
      {"settings:error", "alert"},
      {"settings:block:search", "searchbox"},
      {"settings:block:value", "textbox"},
      {"settings:operator:source:", "checkbox"},
      {"settings:operator:supervisor", "checkbox"},
      {"settings:operator:name", "textbox"},
      {"settings:operator:email", "textbox"},
      {"settings:operator:password", "textbox"},
      {"settings:operator:invite", "checkbox"},
      {"settings:status:new:name", "textbox"},
      {"settings:tag:new:name", "textbox"},
      {"settings:template:title", "textbox"},
      {"settings:template:text", "textbox"},
      {"profile:error", "alert"},
      {"profile:saved", "status"},
      {"profile:name", "textbox"},
      {"profile:current-password", "textbox"},
      {"profile:new-password", "textbox"},
      {"profile:repeat-password", "textbox"},
      {"login:business", "textbox"},
      {"login:name", "textbox"},
      {"login:email", "textbox"},
      {"login:password", "textbox"},
      {"login:repeat", "textbox"},
      {"login:invited", "status"},
      {"login:error", "alert"},
      {"avatar:", "none"},
      {"toast", "status"},
  };
  for (const Prefix& p : kPrefixes) {
    if (starts_with(id, p.prefix)) return p.role;
  }
  // Exact: their buttons ("profile:avatar:upload", "settings:invitation:copy") stay buttons.
  if (id == "profile:avatar") return "img";
  if (id == "settings:invitation") return "status";
  if (id == "composer") return "textbox";
  if (id == "search") return "searchbox";
  if (id == "dialog") return "region";
  if (id == "settings:account" || id == "channels" || id == "write-first" || id == "profile") {
    return "dialog";
  }
  if (id == "connection" || id == "presence" || id == "upload") return "status";
  if (ends_with(id, ":enabled")) return "switch";
  if (ends_with(id, ":status")) return "status";
  return "button";
}

void WidgetRegistry::publish_item(std::string_view id, std::string_view label, WidgetState state) {
  const ImVec2 min = ImGui::GetItemRectMin();
  const ImVec2 max = ImGui::GetItemRectMax();
  publish(id, label, min.x, min.y, max.x - min.x, max.y - min.y, state);
}

void WidgetRegistry::publish(std::string_view id, std::string_view label, float x, float y, float w,
                             float h, WidgetState state) {
  const std::string_view role = state.role.empty() ? role_for(id) : state.role;
  current_.push_back({std::string(id), std::string(label), x, y, w, h, std::string(role),
                      state.selected, state.checked, std::string(state.value)});
}

void WidgetRegistry::draw_focus_ring(float dpr) const {
  if (focused_.empty()) return;
  for (const PublishedWidget& w : current_) {
    if (w.id != focused_) continue;
    // Two device-independent pixels just outside the widget, on whole device
    // pixels so that it stays sharp at any ratio.
    const float t = on_pixel(2, dpr);
    const float x0 = on_pixel(w.x, dpr), y0 = on_pixel(w.y, dpr);
    const float x1 = on_pixel(w.x + w.w, dpr), y1 = on_pixel(w.y + w.h, dpr);
    // Filled strips, not AddRect: its lines sit half a pixel off the grid.
    ImDrawList* dl = ImGui::GetForegroundDrawList();
    const ImU32 c = palette().accent;
    dl->AddRectFilled(ImVec2(x0 - t, y0 - t), ImVec2(x1 + t, y0), c);
    dl->AddRectFilled(ImVec2(x0 - t, y1), ImVec2(x1 + t, y1 + t), c);
    dl->AddRectFilled(ImVec2(x0 - t, y0), ImVec2(x0, y1), c);
    dl->AddRectFilled(ImVec2(x1, y0), ImVec2(x1 + t, y1), c);
    return;
  }
}

const std::string& WidgetRegistry::json() {
  const bool changed = shown_.size() != published_.size() ||
                       !std::equal(shown_.begin(), shown_.end(), published_.begin(), same);
  if (changed) {
    published_ = shown_;
    core::Json list = core::Json::array();
    for (const PublishedWidget& w : published_) {
      core::Json item = {{"id", w.id}, {"label", w.label}, {"x", w.x},      {"y", w.y},
                         {"w", w.w},   {"h", w.h},         {"role", w.role}};
      if (w.selected >= 0) item["selected"] = w.selected == 1;
      if (w.checked >= 0) item["checked"] = w.checked == 1;
      if (!w.value.empty()) item["value"] = w.value;
      list.push_back(std::move(item));
    }
    json_ = list.dump();
    ++generation_;
  }
  return json_;
}

WidgetRegistry& widgets() {
  static WidgetRegistry registry;
  return registry;
}

}  // namespace ui
