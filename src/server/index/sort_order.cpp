// SortOrder: the build (a sort of every slot), the changes and their merge.
#include "server/index/sort_order.hpp"

#include <algorithm>

#include "server/index/sort_keys.hpp"

namespace server::index {
namespace {

// Changed dialogs a query may have to sort before a write merges them: a few
// hundred microseconds of a query's time at most.
constexpr std::size_t kMinChanged = 4096;
constexpr std::size_t kChangedShare = 128;  // or one in this many of the base

struct Keyed {
  SortKey key;
  std::uint32_t slot;
};

bool key_less(const Keyed& a, const Keyed& b) {
  return a.key < b.key;
}

SortKey ascending_key(const AccountColumns& c, core::SortKey key, std::uint32_t slot) {
  return slot_key(c, core::Sort{key, false}, slot);
}

// The first position of base[from..) whose unchanged dialog sorts after
// `key` (changed ones hold stale places and are stepped over).
std::size_t first_after(const AccountColumns& c, core::SortKey sort_key,
                        const Column<std::uint32_t>& base, const Column<std::uint8_t>& changed,
                        std::size_t from, SortKey key) {
  std::size_t lo = from;
  std::size_t hi = base.size();
  while (lo < hi) {
    const std::size_t mid = lo + (hi - lo) / 2;
    std::size_t j = mid;
    while (j < hi && changed[base[j]]) ++j;
    if (j == hi) {
      hi = mid;
    } else if (ascending_key(c, sort_key, base[j]) < key) {
      lo = j + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

}  // namespace

void SortOrder::build(const AccountColumns& c, core::SortKey key) {
  key_ = key;
  built_ = true;
  const auto n = static_cast<std::uint32_t>(c.id.size());
  std::vector<Keyed> keyed(n);
  for (std::uint32_t slot = 0; slot < n; ++slot) keyed[slot] = {ascending_key(c, key, slot), slot};
  std::sort(keyed.begin(), keyed.end(), key_less);
  base_.resize(n);
  none_start_ = n;
  for (std::uint32_t i = 0; i < n; ++i) {
    base_[i] = keyed[i].slot;
    if (none_start_ == n && static_cast<std::uint64_t>(keyed[i].key >> 64) == kSignBit &&
        key == core::SortKey::ResponseTime) {
      none_start_ = i;
    }
  }
  changed_mark_.assign(n, 0);
  changed_.clear();
}

void SortOrder::touch(std::uint32_t slot) {
  if (!built_) return;
  if (slot >= changed_mark_.size()) changed_mark_.resize(slot + 1, 0);
  if (changed_mark_[slot]) return;
  changed_mark_[slot] = 1;
  changed_.push_back(slot);
}

void SortOrder::maybe_merge(const AccountColumns& c) {
  if (changed_.size() > std::max(kMinChanged, base_.size() / kChangedShare)) merge(c);
}

void SortOrder::merge(const AccountColumns& c) {
  std::vector<Keyed> changed;
  changed.reserve(changed_.size());
  for (std::uint32_t slot : changed_) changed.push_back({ascending_key(c, key_, slot), slot});
  std::sort(changed.begin(), changed.end(), key_less);
  // Each changed dialog goes where a binary search over the base puts it; the
  // stretches between are copied without their stale entries, so the pass
  // reads no dialog's columns.
  Column<std::uint32_t> merged;
  merged.reserve(base_.size() + changed.size());
  auto copy_unchanged = [&](std::size_t from, std::size_t to) {
    for (std::size_t i = from; i < to; ++i) {
      if (!changed_mark_[base_[i]]) merged.push_back(base_[i]);
    }
  };
  std::size_t from = 0;
  for (const Keyed& k : changed) {
    const std::size_t at = first_after(c, key_, base_, changed_mark_, from, k.key);
    copy_unchanged(from, at);
    merged.push_back(k.slot);
    from = at;
  }
  copy_unchanged(from, base_.size());
  base_ = std::move(merged);
  for (std::uint32_t slot : changed_) changed_mark_[slot] = 0;
  changed_.clear();
  none_start_ = base_.size();
  if (key_ == core::SortKey::ResponseTime) {
    // The "none" part is the tail: its first entry is the first without a value.
    std::size_t lo = 0;
    std::size_t hi = base_.size();
    while (lo < hi) {
      const std::size_t mid = lo + (hi - lo) / 2;
      if (c.response_time_ms[base_[mid]] >= 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    none_start_ = lo;
  }
}

std::size_t SortOrder::memory_bytes() const {
  return base_.capacity() * 4 + changed_mark_.capacity() + changed_.capacity() * 4;
}

}  // namespace server::index
