// Collects labelled widget rectangles and serialises them for the page.
#include "ui/widget_registry.hpp"

#include <imgui.h>

#include "core/codec.hpp"

namespace ui {
namespace {

bool same(const PublishedWidget& a, const PublishedWidget& b) {
  return a.id == b.id && a.label == b.label && a.x == b.x && a.y == b.y && a.w == b.w && a.h == b.h;
}

}  // namespace

void WidgetRegistry::publish_item(std::string_view id, std::string_view label) {
  const ImVec2 min = ImGui::GetItemRectMin();
  const ImVec2 max = ImGui::GetItemRectMax();
  publish(id, label, min.x, min.y, max.x - min.x, max.y - min.y);
}

void WidgetRegistry::publish(std::string_view id, std::string_view label, float x, float y, float w,
                             float h) {
  current_.push_back({std::string(id), std::string(label), x, y, w, h});
}

const std::string& WidgetRegistry::json() {
  const bool changed = shown_.size() != published_.size() ||
                       !std::equal(shown_.begin(), shown_.end(), published_.begin(), same);
  if (changed) {
    published_ = shown_;
    core::Json list = core::Json::array();
    for (const PublishedWidget& w : published_) {
      list.push_back(
          {{"id", w.id}, {"label", w.label}, {"x", w.x}, {"y", w.y}, {"w", w.w}, {"h", w.h}});
    }
    json_ = list.dump();
  }
  return json_;
}

WidgetRegistry& widgets() {
  static WidgetRegistry registry;
  return registry;
}

}  // namespace ui
