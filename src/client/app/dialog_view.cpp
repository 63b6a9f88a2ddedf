// History kept sorted by (created_at, id) and unique by id, so a message that
// arrives both as the send answer and as a live event is shown once.
#include "app/dialog_view.hpp"

#include <algorithm>

#include "core/delivery.hpp"

namespace app {
namespace {

bool earlier(const core::Message& a, const core::Message& b) {
  return a.created_at != b.created_at ? a.created_at < b.created_at : a.id < b.id;
}

}  // namespace

void open_dialog(DialogView& view, const core::DialogRow& row) {
  if (view.id == row.dialog.id) {
    view.row = row;
    return;
  }
  const int generation = view.generation + 1;
  view = DialogView{};
  view.generation = generation;
  view.id = row.dialog.id;
  view.row = row;
}

void close_dialog(DialogView& view) {
  const int generation = view.generation + 1;
  view = DialogView{};
  view.generation = generation;
}

void merge_message(DialogView& view, const core::Message& message) {
  if (message.dialog_id != view.id) return;
  auto& list = view.messages;
  auto same = std::find_if(list.begin(), list.end(),
                           [&message](const core::Message& m) { return m.id == message.id; });
  core::Message merged = message;
  if (same != list.end()) {
    // Answers and events race: a copy of older news never takes a state back.
    if (same->delivery != message.delivery &&
        !core::delivery_advances(same->delivery, message.delivery)) {
      merged.delivery = same->delivery;
      merged.delivery_error = same->delivery_error;
    }
    list.erase(same);
  }
  list.insert(std::upper_bound(list.begin(), list.end(), merged, earlier), merged);
}

void merge_history(DialogView& view, const std::vector<core::Message>& messages) {
  for (const core::Message& m : messages) merge_message(view, m);
  view.loading = false;
}

bool apply(DialogView& view, const core::Event& e) {
  if (!view.open()) return false;
  // A message's delivery state moved (sent, delivered, read, failed): its ticks.
  if (e.kind == core::EventKind::MessageUpdated && e.message) {
    if (e.message->dialog_id != view.id) return false;
    merge_message(view, *e.message);
    return true;
  }
  const bool row_event =
      e.kind == core::EventKind::DialogChanged || e.kind == core::EventKind::MessageAdded;
  if (!row_event || !e.row || e.row->dialog.id != view.id) return false;
  view.row = *e.row;
  if (e.kind == core::EventKind::MessageAdded && e.message) merge_message(view, *e.message);
  return true;
}

}  // namespace app
