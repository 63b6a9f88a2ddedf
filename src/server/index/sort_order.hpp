// One sort key's order of an account's dialogs, kept between queries so that
// a list window is read from the front of the order instead of a scan of
// every dialog. Ascending (value, id), as make_key orders; a descending view
// walks it backwards (response times of "none" stay last, sort_keys.hpp).
//
// A write moves a dialog in the order at once, so the order is cut in blocks
// of about a thousand slots (a sorted array would cost a memmove of megabytes
// per write; one array plus a list of changes merged now and then stalled
// the readers for tens of milliseconds per merge): a write finds the block by
// its last key, then its place by a binary search inside.
#pragma once

#include <cstdint>
#include <vector>

#include "core/filter.hpp"

namespace server::index {

struct AccountColumns;
using SortKey = unsigned __int128;

class SortOrder {
 public:
  // Orders every dialog of `c` by `key`. Until the first build the order is
  // not kept (erase and insert do nothing): a load builds once, at its end.
  void build(const AccountColumns& c, core::SortKey key);
  bool built() const { return built_; }
  // A dialog leaves the order before its value of the key changes (its place
  // is found by the value it has), and comes back after.
  void erase(const AccountColumns& c, std::uint32_t slot);
  void insert(const AccountColumns& c, std::uint32_t slot);

  // Positions of the order for a walk in either direction.
  class View {
   public:
    explicit View(const SortOrder& order);
    std::size_t size() const { return prefix_.back(); }
    std::uint32_t at(std::size_t position, bool descending) const;

   private:
    const SortOrder& order_;
    std::vector<std::size_t> prefix_;  // slots in the blocks before each block
  };

  std::size_t memory_bytes() const;

 private:
  struct Block {
    std::vector<std::uint32_t> slots;
    SortKey last = 0;  // the ascending key of slots.back()
  };
  std::size_t block_of(SortKey key) const;  // the first block whose last key is >= key

  core::SortKey key_ = core::SortKey::LastMessage;
  bool built_ = false;
  std::vector<Block> blocks_;   // none empty
  std::size_t with_value_ = 0;  // dialogs with a value: the "none" part starts there
};

}  // namespace server::index
