// What the app tells the page around it, kept apart from how it is told: the
// app queues notices, the platform layer drains them into host events, the
// URL, the tab title and notifications.
#pragma once

#include <deque>
#include <string>
#include <vector>

#include "app/dialog_view.hpp"
#include "app/list_view.hpp"
#include "core/events.hpp"

namespace app {

enum class HostNoticeKind {
  DialogOpened,   // dialog
  UnreadChanged,  // total: dialogs with unread messages, over every mode
  Incoming,       // dialog, title (the client), text: a message the operator should hear about
  ViewChanged,    // text: the view as a link (deep_link.hpp); push: a new history entry
  Error,          // text
  OpenFile,       // title (the file's name), text (its URL): the page downloads it
};

struct HostNotice {
  HostNoticeKind kind = HostNoticeKind::Error;
  core::Id dialog = core::kNoId;
  int total = 0;
  std::string title;
  std::string text;
  bool push = false;
};

// True when an incoming message concerns this operator: a dialog they are
// responsible for, or one nobody has taken yet in New.
bool concerns(const core::Dialog& dialog, core::Id me);

class HostNotices {
 public:
  void dialog_opened(core::Id dialog);
  void error(std::string message);
  void open_file(const core::Attachment& attachment);
  // A live event: an incoming message that concerns `me` becomes Incoming,
  // once per message (events replayed after a reconnect do not chime again).
  void event(const core::Event& event, core::Id me);
  // Compares the state with what was last reported: the unread total, the
  // view and the connection's error; reports what changed.
  void observe(const ListView& list, const DialogView& dialog, const std::string& status_error);

  std::vector<HostNotice> take();  // and forget them
  bool empty() const { return queue_.empty(); }

 private:
  static constexpr std::size_t kHeardKept = 512;  // more than one reconnect replays at once
  std::vector<HostNotice> queue_;
  std::deque<core::Id> heard_;  // the messages already told, newest last
  int unread_ = -1;             // nothing reported yet
  std::string link_;
  core::ViewQuery link_query_;
  core::Id link_dialog_ = core::kNoId;
  std::string status_error_;
};

}  // namespace app
