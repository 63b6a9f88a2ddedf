// The labelled widgets of the last frame on the screen and their rectangles in
// CSS pixels. A canvas is opaque to tests and assistive technology; this list
// is what the page publishes about it. A frame built but kept off the screen
// (app/view_hold) publishes nothing: its widgets are not where a click lands.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ui {

// What assistive technology is told about a widget beyond its label: its ARIA
// role (empty: derived from the id's prefix, see role_for) and its state
// (-1: the role has no such state).
struct WidgetState {
  std::string_view role = {};
  int selected = -1;
  int checked = -1;
  std::string_view value = {};  // read after the label: a tab's counts
};

inline WidgetState selectable(bool selected, std::string_view value = {}) {
  WidgetState s;
  s.selected = selected ? 1 : 0;
  s.value = value;
  return s;
}
inline WidgetState checkable(bool checked) {
  WidgetState s;
  s.checked = checked ? 1 : 0;
  return s;
}

struct PublishedWidget {
  std::string id;     // stable, from the domain: "row:42", "tab:new"
  std::string label;  // what the operator reads
  float x, y, w, h;
  std::string role = {};
  int selected = -1, checked = -1;
  std::string value = {};
};

// The ARIA role of a widget published without one, from its id's prefix.
std::string_view role_for(std::string_view id);

class WidgetRegistry {
 public:
  void begin_frame() { current_.clear(); }
  // Publishes the last ImGui item under an id.
  void publish_item(std::string_view id, std::string_view label, WidgetState state = {});
  void publish(std::string_view id, std::string_view label, float x, float y, float w, float h,
               WidgetState state = {});
  // The widget the page's keyboard focus is on ("" for none): drawn with a ring.
  void set_focused(std::string_view id) { focused_ = id; }
  // Draws the focus ring around the focused widget of the frame being built.
  void draw_focus_ring(float dpr) const;
  // The frame just built went on the screen.
  void frame_shown() { shown_.swap(current_); }
  // The shown frame's list as JSON; rebuilt only when it differs from the last one.
  const std::string& json();
  // Counts the changes of json(): the page reads the list only when it moved on.
  int generation() {
    json();
    return generation_;
  }

 private:
  std::vector<PublishedWidget> current_;    // the frame being built
  std::vector<PublishedWidget> shown_;      // the last frame on the screen
  std::vector<PublishedWidget> published_;  // what json_ says
  std::string json_ = "[]";
  std::string focused_;
  int generation_ = 0;
};

WidgetRegistry& widgets();

}  // namespace ui
