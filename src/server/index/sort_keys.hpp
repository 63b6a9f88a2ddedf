// A dialog's place in a view's order as one unsigned 128-bit number, shared by
// the scan (index_query.cpp) and the kept orders (sort_order.hpp): comparing
// two rows is then one branch-free compare. The high half orders by the sort
// value (with a descending order flipped), the low half by id likewise.
// Signed values map to unsigned by flipping the sign bit. A response time of
// "none" sorts after every value in either direction (core::sorts_before):
// values then are >= 0, so they take [0, 2^63) and "none" takes 2^63.
#pragma once

#include <cstdint>
#include <utility>

#include "core/filter.hpp"
#include "server/index/account_columns.hpp"
#include "server/storage/sql/dialog_query.hpp"

namespace server::index {

using SortKey = unsigned __int128;
using Candidate = std::pair<SortKey, std::uint32_t>;  // a row of a window: its key and slot
constexpr std::uint64_t kSignBit = std::uint64_t{1} << 63;

inline std::uint64_t ordered(std::int64_t v, bool descending) {
  return static_cast<std::uint64_t>(descending ? ~v : v) ^ kSignBit;
}

inline SortKey make_key(const core::Sort& sort, bool has_value, std::int64_t value, Id id) {
  std::uint64_t high = 0;
  if (!has_value) {
    high = kSignBit;
  } else if (sort.key == core::SortKey::ResponseTime) {
    high = static_cast<std::uint64_t>(sort.descending ? INT64_MAX - value : value);
  } else {
    high = ordered(value, sort.descending);
  }
  return (static_cast<SortKey>(high) << 64) | ordered(id, sort.descending);
}

// A cursor's key: a row's, except that a response-time cursor naming a
// negative value (never made by us) sits before every value ascending and
// between the values and "none" descending, as the SQL's segments read it.
inline SortKey cursor_key(const core::Sort& sort, const sql::Cursor& cursor) {
  if (sort.key == core::SortKey::ResponseTime && cursor.has_value && cursor.value < 0) {
    return sort.descending ? (static_cast<SortKey>(kSignBit) << 64) - 1 : 0;
  }
  return make_key(sort, cursor.has_value, cursor.value, cursor.id);
}

inline std::int64_t sort_value(const AccountColumns& c, core::SortKey key, std::uint32_t slot) {
  switch (key) {
    case core::SortKey::LastMessage:
      return c.last_message_at[slot];
    case core::SortKey::Created:
      return c.created_at[slot];
    case core::SortKey::ResponseTime:
      return c.response_time_ms[slot];
    case core::SortKey::Price:
      return c.price[slot];
    case core::SortKey::Unread:
      return c.unread[slot];
  }
  return 0;
}

// The slot's key in the order `sort` asks for.
inline SortKey slot_key(const AccountColumns& c, const core::Sort& sort, std::uint32_t slot) {
  const std::int64_t value = sort_value(c, sort.key, slot);
  const bool has_value = sort.key != core::SortKey::ResponseTime || value >= 0;
  return make_key(sort, has_value, value, c.id[slot]);
}

}  // namespace server::index
