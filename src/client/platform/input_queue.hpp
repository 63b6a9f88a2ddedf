// Browser input arrives faster than frames: a click's press and release can
// both land between two frames, and ImGui 1.86 reads only the state at frame
// start. The queue replays events so that each frame sees at most one change
// per button or key, and every press is seen by at least one frame.
#pragma once

#include <deque>
#include <string>

#include <imgui.h>

namespace platform {

class InputQueue {
 public:
  void mouse_move(float x, float y) { events_.push_back({Kind::Move, 0, false, x, y, 0}); }
  void mouse_button(int button, bool down) {
    events_.push_back({Kind::Button, button, down, 0, 0, 0});
  }
  // mods: 1 ctrl, 2 shift, 4 alt, 8 super
  void key(int code, bool down, int mods) {
    events_.push_back({Kind::Key, code, down, 0, 0, mods});
  }
  void text(const char* utf8) { events_.push_back({Kind::Text, 0, false, 0, 0, 0, utf8}); }

  // Applies events to io up to the first one that would change a button or key
  // a second time in this frame, or that would reorder typing and keys. True when events remain for
  // the next frame.
  bool apply(ImGuiIO& io);
  void clear_keys(ImGuiIO& io);

 private:
  enum class Kind { Move, Button, Key, Text };
  struct Event {
    Kind kind = Kind::Move;
    int code = 0;
    bool down = false;
    float x = 0, y = 0;
    int mods = 0;
    std::string text = {};
  };
  std::deque<Event> events_;
};

}  // namespace platform
