// The website chat's long polls: a visitor's request for new messages waits
// here until a message of the visitor's dialog is added or changes, or until
// its time is up. Told of every committed event (ApiContext::deliver) and of
// the time (the server's tick).
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <vector>

#include "core/events.hpp"
#include "server/storage/store.hpp"
#include "server/transport/http_types.hpp"

namespace server {

constexpr int kWebchatMaxWaitSeconds = 30;
constexpr std::size_t kWebchatMaxWaiters = 10000;  // polls held at once, over every dialog

class WebchatHub {
 public:
  explicit WebchatHub(Store& store) : store_(store) {}

  // Answers at once when the dialog has messages after `after`, else when
  // one comes or at `deadline`. dialog_id 0: the visitor has no dialog yet.
  // A visitor's later poll replaces its earlier one (a reload, a second tab
  // of the same session answers the older with what it has).
  void wait(Id account_id, Id dialog_id, const std::string& visitor, Id after, TimeMs deadline,
            Respond respond);
  // A visitor's first message opened its dialog: its waiting poll follows it.
  void opened(const std::string& visitor, Id dialog_id);
  void notify(Id account_id, const core::Event& event);
  void tick(TimeMs now);  // answers the polls whose time is up, with nothing
  std::size_t waiting() const;

  // The answer of a poll: {"messages": [...]} of the visitor's conversation.
  static HttpResponse answer(const std::vector<core::Message>& messages);

 private:
  struct Waiter {
    Id account_id = 0;
    Id dialog_id = 0;
    Id after = 0;
    TimeMs deadline = 0;
    Respond respond;
  };
  void answer_dialog(Id dialog_id);

  Store& store_;
  mutable std::mutex mutex_;
  std::map<std::string, Waiter> waiters_;  // by visitor
};

}  // namespace server
