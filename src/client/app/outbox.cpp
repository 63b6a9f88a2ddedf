// The outbox's states: Queued → Sending → gone (sent) | Queued again with
// backoff (no answer) | Failed (refused) → Queued by the operator or discarded.
#include "app/outbox.hpp"

#include <algorithm>

namespace app {

int Outbox::add(core::Id dialog, net::Outgoing message, core::TimeMs now) {
  OutboxItem item;
  item.local_id = next_id_++;
  item.dialog = dialog;
  item.message = std::move(message);
  item.message.idempotency_key = new_key();
  item.created_at = now;
  item.next_try = now;
  items_.push_back(std::move(item));
  return items_.back().local_id;
}

std::optional<OutboxItem> Outbox::next(core::TimeMs now) {
  for (OutboxItem& item : items_) {
    if (item.state == OutboxItem::State::Failed) continue;
    if (item.state == OutboxItem::State::Sending || item.next_try > now) return std::nullopt;
    item.state = OutboxItem::State::Sending;
    return item;
  }
  return std::nullopt;
}

void Outbox::sent(int local_id) {
  items_.erase(std::remove_if(items_.begin(), items_.end(),
                              [local_id](const OutboxItem& i) { return i.local_id == local_id; }),
               items_.end());
}

void Outbox::retry_later(int local_id, const std::string& reason, core::TimeMs now) {
  OutboxItem* item = find(local_id);
  if (!item) return;
  item->state = OutboxItem::State::Queued;
  item->error = reason;
  item->next_try = now + backoff(item->attempts++);
}

void Outbox::refused(int local_id, const std::string& reason) {
  OutboxItem* item = find(local_id);
  if (!item) return;
  item->state = OutboxItem::State::Failed;
  item->error = reason;
  item->echoed = core::kNoId;
}

void Outbox::retry(int local_id, core::TimeMs now) {
  OutboxItem* item = find(local_id);
  if (!item || item->state != OutboxItem::State::Failed) return;
  item->state = OutboxItem::State::Queued;
  item->error.clear();
  item->attempts = 0;
  item->next_try = now;
  item->message.idempotency_key = new_key();
  // Behind what was written after it, as a message written now would be.
  OutboxItem moved = std::move(*item);
  sent(local_id);
  items_.push_back(std::move(moved));
}

void Outbox::discard(int local_id) {
  OutboxItem* item = find(local_id);
  if (item && item->state == OutboxItem::State::Failed) sent(local_id);
}

void Outbox::wake(core::TimeMs now) {
  for (OutboxItem& item : items_) {
    if (item.state == OutboxItem::State::Queued) item.next_try = std::min(item.next_try, now);
  }
}

void Outbox::echo(const core::Message& m) {
  const bool note = m.kind == core::MessageKind::Note;
  if (!note && m.direction != core::Direction::Out) return;
  for (OutboxItem& item : items_) {
    if (item.state == OutboxItem::State::Sending && item.echoed == core::kNoId &&
        item.dialog == m.dialog_id && item.message.note == note && item.message.text == m.text) {
      item.echoed = m.id;
      return;
    }
  }
}

void Outbox::adopt(OutboxItem item, core::TimeMs now) {
  item.local_id = next_id_++;
  if (item.state == OutboxItem::State::Sending) item.state = OutboxItem::State::Queued;
  item.attempts = 0;
  item.next_try = now;
  item.echoed = core::kNoId;
  items_.push_back(std::move(item));
}

std::vector<const OutboxItem*> Outbox::shown(core::Id dialog) const {
  std::vector<const OutboxItem*> out;
  for (const OutboxItem& item : items_) {
    if (item.dialog == dialog && item.echoed == core::kNoId) out.push_back(&item);
  }
  return out;
}

core::TimeMs Outbox::wake_at() const {
  for (const OutboxItem& item : items_) {
    if (item.state == OutboxItem::State::Failed) continue;
    return item.state == OutboxItem::State::Queued ? std::max<core::TimeMs>(item.next_try, 1) : 0;
  }
  return 0;
}

core::TimeMs Outbox::backoff(int attempts) {
  core::TimeMs delay = kFirstRetryMs;
  for (int i = 0; i < attempts && delay < kMaxRetryMs; ++i) delay *= 2;
  return std::min(delay, kMaxRetryMs);
}

OutboxItem* Outbox::find(int local_id) {
  for (OutboxItem& item : items_) {
    if (item.local_id == local_id) return &item;
  }
  return nullptr;
}

std::string Outbox::new_key() {
  return prefix_ + "-" + std::to_string(++keys_);
}

}  // namespace app
