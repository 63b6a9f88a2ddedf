// SortOrder: the build (a sort of every slot, cut in blocks), a write's move
// of one dialog, and the positions a walk reads.
#include "server/index/sort_order.hpp"

#include <algorithm>

#include "server/index/sort_keys.hpp"

namespace server::index {
namespace {

// Slots a block gets at the build, and past which a block is split in two:
// a write moves at most a few kilobytes, a query's view holds ~1,000 blocks
// at a million dialogs.
constexpr std::size_t kBlockSlots = 1024;
constexpr std::size_t kSplitSlots = 2 * kBlockSlots;

SortKey ascending_key(const AccountColumns& c, core::SortKey key, std::uint32_t slot) {
  return slot_key(c, core::Sort{key, false}, slot);
}

bool has_value(const AccountColumns& c, core::SortKey key, std::uint32_t slot) {
  return key != core::SortKey::ResponseTime || c.response_time_ms[slot] >= 0;
}

struct Keyed {
  SortKey key;
  std::uint32_t slot;
};

}  // namespace

void SortOrder::build(const AccountColumns& c, core::SortKey key) {
  key_ = key;
  built_ = true;
  const auto n = static_cast<std::uint32_t>(c.id.size());
  std::vector<Keyed> keyed(n);
  for (std::uint32_t slot = 0; slot < n; ++slot) keyed[slot] = {ascending_key(c, key, slot), slot};
  std::sort(keyed.begin(), keyed.end(),
            [](const Keyed& a, const Keyed& b) { return a.key < b.key; });
  blocks_.clear();
  with_value_ = 0;
  for (std::size_t i = 0; i < n; i += kBlockSlots) {
    Block block;
    for (std::size_t j = i; j < std::min<std::size_t>(n, i + kBlockSlots); ++j) {
      block.slots.push_back(keyed[j].slot);
    }
    block.last = keyed[i + block.slots.size() - 1].key;
    blocks_.push_back(std::move(block));
  }
  for (std::uint32_t slot = 0; slot < n; ++slot) with_value_ += has_value(c, key, slot);
}

std::size_t SortOrder::block_of(SortKey key) const {
  const auto it = std::lower_bound(blocks_.begin(), blocks_.end(), key,
                                   [](const Block& b, SortKey k) { return b.last < k; });
  return static_cast<std::size_t>(it - blocks_.begin());
}

void SortOrder::erase(const AccountColumns& c, std::uint32_t slot) {
  if (!built_) return;
  const SortKey key = ascending_key(c, key_, slot);
  const std::size_t b = block_of(key);
  if (b == blocks_.size()) return;  // not in the order (never the case)
  std::vector<std::uint32_t>& slots = blocks_[b].slots;
  const auto it =
      std::lower_bound(slots.begin(), slots.end(), key,
                       [&](std::uint32_t s, SortKey k) { return ascending_key(c, key_, s) < k; });
  if (it == slots.end() || *it != slot) return;
  slots.erase(it);
  with_value_ -= has_value(c, key_, slot);
  if (slots.empty()) {
    blocks_.erase(blocks_.begin() + static_cast<std::ptrdiff_t>(b));
  } else {
    blocks_[b].last = ascending_key(c, key_, slots.back());
  }
}

void SortOrder::insert(const AccountColumns& c, std::uint32_t slot) {
  if (!built_) return;
  const SortKey key = ascending_key(c, key_, slot);
  with_value_ += has_value(c, key_, slot);
  if (blocks_.empty()) {
    Block block;
    block.slots.push_back(slot);
    block.last = key;
    blocks_.push_back(std::move(block));
    return;
  }
  // Past every block's last key: the end of the last block.
  const std::size_t b = std::min(block_of(key), blocks_.size() - 1);
  Block& block = blocks_[b];
  const auto it =
      std::lower_bound(block.slots.begin(), block.slots.end(), key,
                       [&](std::uint32_t s, SortKey k) { return ascending_key(c, key_, s) < k; });
  block.slots.insert(it, slot);
  if (block.last < key) block.last = key;
  if (block.slots.size() > kSplitSlots) {
    Block upper;
    const auto middle = block.slots.begin() + static_cast<std::ptrdiff_t>(block.slots.size() / 2);
    upper.slots.assign(middle, block.slots.end());
    upper.last = block.last;
    block.slots.erase(middle, block.slots.end());
    block.last = ascending_key(c, key_, block.slots.back());
    blocks_.insert(blocks_.begin() + static_cast<std::ptrdiff_t>(b) + 1, std::move(upper));
  }
}

SortOrder::View::View(const SortOrder& order) : order_(order) {
  prefix_.reserve(order.blocks_.size() + 1);
  prefix_.push_back(0);
  for (const Block& block : order.blocks_) prefix_.push_back(prefix_.back() + block.slots.size());
}

std::uint32_t SortOrder::View::at(std::size_t position, bool descending) const {
  // A descending walk reads the part with values backwards, then the "none" part backwards.
  const std::size_t n = size();
  const std::size_t values = order_.key_ == core::SortKey::ResponseTime ? order_.with_value_ : n;
  std::size_t p = position;
  if (descending) p = position < values ? values - 1 - position : n - 1 - (position - values);
  const auto after = std::upper_bound(prefix_.begin(), prefix_.end(), p);
  const auto b = static_cast<std::size_t>(after - prefix_.begin()) - 1;
  return order_.blocks_[b].slots[p - prefix_[b]];
}

std::size_t SortOrder::memory_bytes() const {
  std::size_t bytes = blocks_.capacity() * sizeof(Block);
  for (const Block& block : blocks_) bytes += block.slots.capacity() * 4;
  return bytes;
}

}  // namespace server::index
