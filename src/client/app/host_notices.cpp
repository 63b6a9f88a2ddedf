// Change detection for the notices: each is queued once per change, so the
// page can forward every one without filtering.
#include "app/host_notices.hpp"

#include <algorithm>

#include "app/deep_link.hpp"
#include "core/lifecycle.hpp"

namespace app {

bool concerns(const core::Dialog& dialog, core::Id me) {
  if (dialog.responsible_id == core::kNoId) return dialog.mode == core::DialogMode::New;
  return me != core::kNoId && dialog.responsible_id == me;
}

void HostNotices::dialog_opened(core::Id dialog) {
  HostNotice n;
  n.kind = HostNoticeKind::DialogOpened;
  n.dialog = dialog;
  queue_.push_back(std::move(n));
}

void HostNotices::error(std::string message) {
  HostNotice n;
  n.kind = HostNoticeKind::Error;
  n.text = std::move(message);
  queue_.push_back(std::move(n));
}

void HostNotices::open_file(const core::Attachment& attachment) {
  HostNotice n;
  n.kind = HostNoticeKind::OpenFile;
  n.title = attachment.name;
  n.text = attachment.url;
  queue_.push_back(std::move(n));
}

void HostNotices::event(const core::Event& event, core::Id me) {
  if (event.kind != core::EventKind::MessageAdded || !event.message || !event.row) return;
  const core::Message& m = *event.message;
  if (m.direction != core::Direction::In || m.kind == core::MessageKind::Note) return;
  if (!concerns(event.row->dialog, me)) return;
  if (m.id != core::kNoId) {
    if (std::find(heard_.begin(), heard_.end(), m.id) != heard_.end()) return;
    heard_.push_back(m.id);
    if (heard_.size() > kHeardKept) heard_.pop_front();
  }
  HostNotice n;
  n.kind = HostNoticeKind::Incoming;
  n.dialog = event.row->dialog.id;
  const core::Client& client = event.row->client;
  n.title = client.display_name.empty() ? client.nick : client.display_name;
  n.text = core::message_preview(m);
  queue_.push_back(std::move(n));
}

void HostNotices::observe(const ListView& list, const DialogView& dialog,
                          const std::string& status_error) {
  if (!list.loading) {
    int total = 0;
    for (const ModeCount& c : list.page.counts) total += c.unread;
    if (total != unread_) {
      unread_ = total;
      HostNotice n;
      n.kind = HostNoticeKind::UnreadChanged;
      n.total = total;
      queue_.push_back(std::move(n));
    }
  }
  // Encoding the link is most of an idle frame's app work: only after a change.
  const bool view_same = !link_.empty() && list.query == link_query_ && dialog.id == link_dialog_;
  const std::string link = view_same ? link_ : encode_link({list.query, dialog.id});
  if (link != link_) {
    HostNotice n;
    n.kind = HostNoticeKind::ViewChanged;
    n.text = link;
    // Mode, filter and dialog changes are steps back can return to; typing a
    // search or re-sorting only replaces the current entry.
    core::ViewQuery without_search = list.query;
    without_search.filter.search = link_query_.filter.search;
    without_search.sort = link_query_.sort;
    n.push = !link_.empty() &&
             (dialog.id != link_dialog_ || encode_link({without_search, core::kNoId}) !=
                                               encode_link({link_query_, core::kNoId}));
    link_ = link;
    link_query_ = list.query;
    link_dialog_ = dialog.id;
    queue_.push_back(std::move(n));
  }
  if (status_error != status_error_) {
    status_error_ = status_error;
    if (!status_error.empty()) error(status_error);
  }
}

std::vector<HostNotice> HostNotices::take() {
  std::vector<HostNotice> out;
  out.swap(queue_);
  return out;
}

}  // namespace app
