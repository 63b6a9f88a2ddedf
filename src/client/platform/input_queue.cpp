// Replays queued input into ImGui's per-frame state.
#include "platform/input_queue.hpp"

#include <algorithm>
#include <bitset>

namespace platform {

bool InputQueue::apply(ImGuiIO& io) {
  std::bitset<5> buttons_changed;
  std::bitset<512> keys_changed;
  bool typed = false;
  bool moved = false;
  while (!events_.empty()) {
    const Event& e = events_.front();
    if (e.kind == Kind::Move) {
      // A move after a press in this frame waits, so the press lands where it happened.
      if (buttons_changed.any()) break;
      io.MousePos = ImVec2(e.x, e.y);
      moved = true;
    } else if (e.kind == Kind::Button) {
      // A press right after a move waits a frame: ImGui needs a frame of hover
      // over an item (rows overlap their checkbox) before it takes a click.
      if (moved) break;
      if (e.code < 0 || e.code >= 5) {
        events_.pop_front();
        continue;
      }
      if (buttons_changed[e.code]) break;
      buttons_changed[e.code] = true;
      io.MouseDown[e.code] = e.down;
    } else if (e.kind == Kind::Text) {
      if (keys_changed.any()) break;
      io.AddInputCharactersUTF8(e.text.c_str());
      typed = true;
    } else {
      if (e.code > 0 && e.code < 512) {
        if (keys_changed[e.code] || typed) break;
        keys_changed[e.code] = true;
        io.KeysDown[e.code] = e.down;
      }
      io.KeyCtrl = e.mods & 1;
      io.KeyShift = e.mods & 2;
      io.KeyAlt = e.mods & 4;
      io.KeySuper = e.mods & 8;
    }
    events_.pop_front();
  }
  return !events_.empty();
}

void InputQueue::clear_keys(ImGuiIO& io) {
  // Keys and text wait no more; a click that is still queued (focus can leave
  // between its press and the frame) keeps its place, and so does Escape: the
  // page sends its press and release just before it gives the focus back.
  constexpr int kEscape = 27;
  events_.erase(std::remove_if(events_.begin(), events_.end(),
                               [](const Event& e) {
                                 return (e.kind == Kind::Key && e.code != kEscape) ||
                                        e.kind == Kind::Text;
                               }),
                events_.end());
  for (bool& k : io.KeysDown) k = false;
  io.KeyCtrl = io.KeyShift = io.KeyAlt = io.KeySuper = false;
}

}  // namespace platform
