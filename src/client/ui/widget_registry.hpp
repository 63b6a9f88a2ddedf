// The labelled widgets drawn in the last frame and their rectangles in CSS
// pixels. A canvas is opaque to tests and assistive technology; this list is
// what the page publishes about it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ui {

struct PublishedWidget {
  std::string id;     // stable, from the domain: "row:42", "tab:new"
  std::string label;  // what the operator reads
  float x, y, w, h;
};

class WidgetRegistry {
 public:
  void begin_frame() { current_.clear(); }
  // Publishes the last ImGui item under an id.
  void publish_item(std::string_view id, std::string_view label);
  void publish(std::string_view id, std::string_view label, float x, float y, float w, float h);
  // The list as JSON; rebuilt only when the frame's list differs from the last one.
  const std::string& json();

 private:
  std::vector<PublishedWidget> current_;
  std::vector<PublishedWidget> published_;
  std::string json_ = "[]";
};

WidgetRegistry& widgets();

}  // namespace ui
