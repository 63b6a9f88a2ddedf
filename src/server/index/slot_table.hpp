// An id -> slot hash table that stores only 4-byte slots and finds the key in
// the caller's id column: a quarter of the memory of an unordered_map, which
// matters at a million dialogs. Slots are never removed (dialogs and clients
// are never deleted).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "core/entities.hpp"
#include "server/index/huge_pages.hpp"

namespace server::index {

class SlotTable {
 public:
  std::optional<std::uint32_t> find(core::Id id, const Column<core::Id>& ids) const {
    if (table_.empty()) return std::nullopt;
    for (std::size_t i = hash(id) & mask_;; i = (i + 1) & mask_) {
      const std::uint32_t entry = table_[i];
      if (entry == 0) return std::nullopt;
      if (ids[entry - 1] == id) return entry - 1;
    }
  }
  // `slot` must be new and ids[slot] == id.
  void insert(std::uint32_t slot, const Column<core::Id>& ids) {
    if ((count_ + 1) * 2 > table_.size()) grow(ids, table_.empty() ? 1024 : table_.size() * 2);
    place(slot, ids[slot]);
    ++count_;
  }
  // Room for `count` slots without growing.
  void reserve(std::size_t count, const Column<core::Id>& ids) {
    if (count * 2 > table_.size()) grow(ids, count * 2);
  }
  std::size_t memory_bytes() const { return table_.capacity() * sizeof(std::uint32_t); }

 private:
  static std::size_t hash(core::Id id) {
    std::uint64_t x = static_cast<std::uint64_t>(id) * 0x9E3779B97F4A7C15ull;
    return static_cast<std::size_t>(x ^ (x >> 29));
  }
  void place(std::uint32_t slot, core::Id id) {
    std::size_t i = hash(id) & mask_;
    while (table_[i] != 0) i = (i + 1) & mask_;
    table_[i] = slot + 1;
  }
  void grow(const Column<core::Id>& ids, std::size_t at_least) {
    std::size_t size = 1024;
    while (size < at_least) size *= 2;  // a power of two: the mask takes the place of a modulo
    table_.assign(size, 0);
    mask_ = size - 1;
    for (std::uint32_t slot = 0; slot < count_; ++slot) place(slot, ids[slot]);
  }

  Column<std::uint32_t> table_;  // slot + 1; 0 is empty
  std::size_t mask_ = 0;
  std::size_t count_ = 0;
};

}  // namespace server::index
