// The labelled widgets of the last frame on the screen and their rectangles in
// CSS pixels. A canvas is opaque to tests and assistive technology; this list
// is what the page publishes about it. A frame built but kept off the screen
// (app/view_hold) publishes nothing: its widgets are not where a click lands.
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
  // The frame just built went on the screen.
  void frame_shown() { shown_.swap(current_); }
  // The shown frame's list as JSON; rebuilt only when it differs from the last one.
  const std::string& json();

 private:
  std::vector<PublishedWidget> current_;    // the frame being built
  std::vector<PublishedWidget> shown_;      // the last frame on the screen
  std::vector<PublishedWidget> published_;  // what json_ says
  std::string json_ = "[]";
};

WidgetRegistry& widgets();

}  // namespace ui
