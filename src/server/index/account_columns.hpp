// One account's dialogs as columns (struct of arrays, indexed by slot) and its
// clients' search texts: what DialogIndex scans; and what it keeps so that a
// view without a filter needs no scan (counts per mode, an order per sort
// key). About 75 bytes per dialog, and 20-40 more for the orders.
// The big columns live in huge pages (huge_pages.hpp).
#pragma once

#include <cstdint>
#include <unordered_map>
#include <vector>

#include "server/index/huge_pages.hpp"
#include "server/index/id_codes.hpp"
#include "server/index/slot_table.hpp"
#include "server/index/sort_order.hpp"
#include "server/index/text_column.hpp"
#include "server/storage/store.hpp"

namespace server::index {

// Bits of AccountColumns::flags: what the type filter (core::ReadType) asks.
constexpr std::uint8_t kUnreadBit = 1;
constexpr std::uint8_t kAnsweredBit = 2;
constexpr std::uint8_t kInboundBit = 4;  // last_inbound_at != 0
// Tags with a code below this live in the dialog's mask; the rest in extra_tags.
constexpr std::uint32_t kMaskTags = 64;
constexpr int kSortKeyCount = 5;  // core::SortKey's values

struct AccountColumns {
  // Dialogs.
  Column<Id> id;
  Column<std::uint32_t> client;  // client slot
  Column<std::uint8_t> mode;
  Column<std::uint8_t> channel;
  Column<std::uint8_t> flags;
  Column<std::int32_t> unread;
  Column<std::uint32_t> source;       // codes of `sources`
  Column<std::uint32_t> status;       // codes of `statuses` (0: none)
  Column<std::uint32_t> responsible;  // codes of `operators` (0: none)
  Column<std::int64_t> created_at;
  Column<std::int64_t> last_message_at;
  Column<std::int64_t> response_time_ms;
  Column<std::int64_t> price;
  Column<std::uint64_t> tag_mask;  // bit c: the tag of code c < kMaskTags
  std::unordered_map<std::uint32_t, std::vector<std::uint32_t>> extra_tags;  // slot -> codes
  SlotTable dialog_slots;
  Id max_dialog_id = 0;  // a higher id is new: the load (in id order) skips the lookup
  IdCodes sources, statuses, operators, tags;
  // Kept as dialogs are put, so that a view without a filter needs no scan:
  // dialogs per [mode][unread > 0], and the order of each sort key.
  int mode_counts[256][2] = {};
  SortOrder orders[kSortKeyCount];

  // Clients.
  Column<Id> client_id;
  SlotTable client_slots;
  Id max_client_id = 0;
  TextColumn texts;   // client_search_text, folded
  TextColumn digits;  // the phone's digits

  // The client's slot; an unknown client (never the case when every save goes
  // through IndexedStore) gets one with empty texts, matching no search.
  std::uint32_t client_slot(Id id);
  void reserve(std::size_t clients, std::size_t dialogs);
  void build_orders();  // orders every dialog by each sort key; kept from then on
  void put_client(const ClientListKeys& keys);
  void put_dialog(const DialogListKeys& keys);
  void clear_status(Id status_id);
  void clear_responsible(Id operator_id);
  void remove_tag(Id tag_id);
  std::size_t memory_bytes() const;
};

}  // namespace server::index
