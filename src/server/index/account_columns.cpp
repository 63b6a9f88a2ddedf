// AccountColumns: keeping the columns equal to the dialogs and clients stored.
#include "server/index/account_columns.hpp"

#include <algorithm>

namespace server::index {
namespace {

// Room per client in the text columns at the load: above the demo data's
// averages (60 and 11 bytes), so that a load does not grow the buffers.
constexpr std::size_t kSearchTextBytes = 72;
constexpr std::size_t kPhoneDigitsBytes = 16;

}  // namespace

std::uint32_t AccountColumns::client_slot(Id id) {
  if (std::optional<std::uint32_t> slot = client_slots.find(id, client_id)) return *slot;
  const auto slot = static_cast<std::uint32_t>(client_id.size());
  max_client_id = std::max(max_client_id, id);
  client_id.push_back(id);
  client_slots.insert(slot, client_id);
  texts.set(slot, {});
  digits.set(slot, {});
  return slot;
}

void AccountColumns::reserve(std::size_t clients, std::size_t dialogs) {
  // Growing by doubling would fault in and copy every column about twice.
  for (auto* column : {&client, &source, &status, &responsible}) column->reserve(dialogs);
  for (auto* column : {&mode, &channel, &flags}) column->reserve(dialogs);
  for (auto* column : {&created_at, &last_message_at, &response_time_ms, &price}) {
    column->reserve(dialogs);
  }
  id.reserve(dialogs);
  unread.reserve(dialogs);
  tag_mask.reserve(dialogs);
  dialog_slots.reserve(dialogs, id);
  client_id.reserve(clients);
  client_slots.reserve(clients, client_id);
  texts.reserve(clients, kSearchTextBytes);
  digits.reserve(clients, kPhoneDigitsBytes);
}

void AccountColumns::build_orders() {
  for (int k = 0; k < kSortKeyCount; ++k) orders[k].build(*this, static_cast<core::SortKey>(k));
}

void AccountColumns::put_client(const ClientListKeys& keys) {
  std::uint32_t slot = 0;
  std::optional<std::uint32_t> found;
  if (keys.id <= max_client_id) found = client_slots.find(keys.id, client_id);
  if (found) {
    slot = *found;
  } else {
    max_client_id = std::max(max_client_id, keys.id);
    slot = static_cast<std::uint32_t>(client_id.size());
    client_id.push_back(keys.id);
    client_slots.insert(slot, client_id);
  }
  texts.set(slot, distinct_fields(keys.search_text));
  digits.set(slot, keys.phone_digits);
}

void AccountColumns::put_dialog(const DialogListKeys& d) {
  std::uint32_t slot = 0;
  std::optional<std::uint32_t> found;
  if (d.id <= max_dialog_id) found = dialog_slots.find(d.id, id);
  // The dialog leaves the orders whose value changes while its columns still
  // hold the old values, and comes back with the new ones below.
  const std::int64_t now[kSortKeyCount] = {d.last_message_at, d.created_at, d.response_time_ms,
                                           d.price, d.unread};
  bool moves[kSortKeyCount] = {true, true, true, true, true};
  if (found) {
    slot = *found;
    extra_tags.erase(slot);
    --mode_counts[mode[slot]][flags[slot] & kUnreadBit];
    const std::int64_t was[kSortKeyCount] = {last_message_at[slot], created_at[slot],
                                             response_time_ms[slot], price[slot], unread[slot]};
    for (int k = 0; k < kSortKeyCount; ++k) {
      moves[k] = was[k] != now[k];
      if (moves[k]) orders[k].erase(*this, slot);
    }
  } else {
    max_dialog_id = std::max(max_dialog_id, d.id);
    slot = static_cast<std::uint32_t>(id.size());
    id.push_back(d.id);
    dialog_slots.insert(slot, id);
    for (auto* column : {&client, &source, &status, &responsible}) column->emplace_back();
    for (auto* column : {&mode, &channel, &flags}) column->emplace_back();
    for (auto* column : {&created_at, &last_message_at, &response_time_ms, &price}) {
      column->emplace_back();
    }
    unread.emplace_back();
    tag_mask.emplace_back();
  }
  client[slot] = client_slot(d.client_id);
  mode[slot] = static_cast<std::uint8_t>(d.mode);
  channel[slot] = static_cast<std::uint8_t>(d.channel);
  flags[slot] =
      static_cast<std::uint8_t>((d.unread > 0 ? kUnreadBit : 0) | (d.answered ? kAnsweredBit : 0) |
                                (d.last_inbound_at != 0 ? kInboundBit : 0));
  unread[slot] = d.unread;
  source[slot] = sources.intern(d.source_id);
  status[slot] = statuses.intern(d.status_id);
  responsible[slot] = operators.intern(d.responsible_id);
  created_at[slot] = d.created_at;
  last_message_at[slot] = d.last_message_at;
  response_time_ms[slot] = d.response_time_ms;
  price[slot] = d.price;
  std::uint64_t mask = 0;
  for (Id tag : d.tag_ids) {
    const std::uint32_t code = tags.intern(tag);
    if (code < kMaskTags) {
      mask |= std::uint64_t{1} << code;
    } else {
      std::vector<std::uint32_t>& extra = extra_tags[slot];
      if (std::find(extra.begin(), extra.end(), code) == extra.end()) extra.push_back(code);
    }
  }
  tag_mask[slot] = mask;
  ++mode_counts[mode[slot]][flags[slot] & kUnreadBit];
  for (int k = 0; k < kSortKeyCount; ++k) {
    if (moves[k]) orders[k].insert(*this, slot);
  }
}

void AccountColumns::clear_status(Id status_id) {
  const std::optional<std::uint32_t> code = statuses.find(status_id);
  if (!code || *code == 0) return;
  std::replace(status.begin(), status.end(), *code, 0u);
  statuses.release(status_id);
}

void AccountColumns::clear_responsible(Id operator_id) {
  const std::optional<std::uint32_t> code = operators.find(operator_id);
  if (!code || *code == 0) return;
  std::replace(responsible.begin(), responsible.end(), *code, 0u);
  operators.release(operator_id);
}

void AccountColumns::remove_tag(Id tag_id) {
  const std::optional<std::uint32_t> code = tags.find(tag_id);
  if (!code) return;
  if (*code < kMaskTags) {
    const std::uint64_t keep = ~(std::uint64_t{1} << *code);
    for (std::uint64_t& mask : tag_mask) mask &= keep;
  } else {
    for (auto it = extra_tags.begin(); it != extra_tags.end();) {
      std::vector<std::uint32_t>& codes = it->second;
      codes.erase(std::remove(codes.begin(), codes.end(), *code), codes.end());
      it = codes.empty() ? extra_tags.erase(it) : std::next(it);
    }
  }
  tags.release(tag_id);
}

std::size_t AccountColumns::memory_bytes() const {
  std::size_t bytes = id.capacity() * 8 + client.capacity() * 4 + mode.capacity() +
                      channel.capacity() + flags.capacity() + unread.capacity() * 4 +
                      (source.capacity() + status.capacity() + responsible.capacity()) * 4 +
                      (created_at.capacity() + last_message_at.capacity() +
                       response_time_ms.capacity() + price.capacity() + tag_mask.capacity()) *
                          8 +
                      dialog_slots.memory_bytes() + extra_tags.size() * 64;
  bytes += client_id.capacity() * 8 + client_slots.memory_bytes() + texts.memory_bytes() +
           digits.memory_bytes();
  for (const SortOrder& order : orders) bytes += order.memory_bytes();
  return bytes;
}

}  // namespace server::index
