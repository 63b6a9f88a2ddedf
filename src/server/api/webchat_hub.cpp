// Held polls of website visitors (see webchat_hub.hpp).
#include "server/api/webchat_hub.hpp"

#include "core/codec.hpp"

namespace server {

HttpResponse WebchatHub::answer(const std::vector<core::Message>& messages) {
  HttpResponse r;
  r.body = "{\"messages\":[";
  for (std::size_t i = 0; i < messages.size(); ++i) {
    if (i) r.body += ',';
    const core::Message& m = messages[i];
    // What a visitor may see of a message: no operator ids, no channel ids.
    core::Json j = {{"id", m.id},
                    {"direction", m.direction == core::Direction::In ? "in" : "out"},
                    {"text", m.text},
                    {"attachments", core::Json::array()},
                    {"delivery", core::to_string(m.delivery)},
                    {"created_at", m.created_at}};
    for (const core::Attachment& a : m.attachments) {
      j["attachments"].push_back({{"name", a.name}, {"mime", a.mime}, {"size", a.size}});
    }
    r.body += j.dump(-1, ' ', false, core::Json::error_handler_t::replace);
  }
  r.body += "]}";
  return r;
}

void WebchatHub::wait(Id account_id, Id dialog_id, const std::string& visitor, Id after,
                      TimeMs deadline, Respond respond) {
  std::unique_lock<std::mutex> lock(mutex_);
  std::vector<core::Message> now;
  if (dialog_id) now = store_.channels().conversation_after(account_id, dialog_id, after, 200);
  if (!now.empty() || deadline == 0) {
    lock.unlock();
    respond(answer(now));
    return;
  }
  Respond replaced;
  auto it = waiters_.find(visitor);
  if (it != waiters_.end()) {
    replaced = std::move(it->second.respond);
    waiters_.erase(it);
  } else if (waiters_.size() >= kWebchatMaxWaiters) {
    lock.unlock();
    respond(answer({}));  // full: the visitor asks again at once, nothing is lost
    return;
  }
  waiters_[visitor] = {account_id, dialog_id, after, deadline, std::move(respond)};
  lock.unlock();
  if (replaced) replaced(answer({}));
}

void WebchatHub::opened(const std::string& visitor, Id dialog_id) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = waiters_.find(visitor);
  if (it != waiters_.end() && it->second.dialog_id == 0) it->second.dialog_id = dialog_id;
}

void WebchatHub::notify(Id, const core::Event& event) {
  if (event.kind != core::EventKind::MessageAdded &&
      event.kind != core::EventKind::MessageUpdated) {
    return;
  }
  if (!event.row || event.row->dialog.channel != core::ChannelKind::WebChat || !event.message) {
    return;
  }
  if (event.message->kind == core::MessageKind::Note) return;  // never shown to the visitor
  answer_dialog(event.row->dialog.id);
}

void WebchatHub::answer_dialog(Id dialog_id) {
  std::vector<std::pair<Respond, std::vector<core::Message>>> ready;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    for (auto it = waiters_.begin(); it != waiters_.end();) {
      if (it->second.dialog_id != dialog_id) {
        ++it;
        continue;
      }
      std::vector<core::Message> found = store_.channels().conversation_after(
          it->second.account_id, dialog_id, it->second.after, 200);
      if (found.empty()) {  // a change to what the visitor has already: nothing to say
        ++it;
        continue;
      }
      ready.emplace_back(std::move(it->second.respond), std::move(found));
      it = waiters_.erase(it);
    }
  }
  for (auto& [respond, messages] : ready) respond(answer(messages));
}

void WebchatHub::tick(TimeMs now) {
  std::vector<Respond> expired;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    for (auto it = waiters_.begin(); it != waiters_.end();) {
      if (it->second.deadline <= now) {
        expired.push_back(std::move(it->second.respond));
        it = waiters_.erase(it);
      } else {
        ++it;
      }
    }
  }
  for (Respond& r : expired) r(answer({}));
}

std::size_t WebchatHub::waiting() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return waiters_.size();
}

}  // namespace server
