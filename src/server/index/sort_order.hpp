// One sort key's order of an account's dialogs, kept between queries so that
// a list window is read from the front of the order instead of a scan of
// every dialog. Ascending (value, id), as make_key orders; a descending view
// walks it backwards (response times of "none" stay last, sort_keys.hpp).
//
// Writes would make a sorted array cost a memmove each, so the order has two
// parts: `base_`, sorted when it was last built or merged, and the dialogs
// changed since (new, or their value of this key changed), which the base
// skips and a query sorts itself. When they grow past what a query should
// sort, a write merges them in: a pass over the base, ~2 ms at a million.
#pragma once

#include <cstdint>
#include <vector>

#include "core/filter.hpp"
#include "server/index/huge_pages.hpp"

namespace server::index {

struct AccountColumns;

class SortOrder {
 public:
  // Orders every dialog of `c` by `key` and forgets the changes. Until the
  // first build the order is not kept (touch does nothing): a load builds once.
  void build(const AccountColumns& c, core::SortKey key);
  bool built() const { return built_; }
  // The dialog is new or its value of this key changed.
  void touch(std::uint32_t slot);
  // Merges the changed dialogs into the base once there are too many.
  void maybe_merge(const AccountColumns& c);

  // The base's size, and its slot at a position of the walk in a direction.
  std::size_t size() const { return base_.size(); }
  std::uint32_t at(std::size_t position, bool descending) const {
    if (!descending) return base_[position];
    if (position < none_start_) return base_[none_start_ - 1 - position];
    return base_[base_.size() - 1 - (position - none_start_)];
  }
  // A changed dialog's place in the base, if it has one, is stale: skip it.
  bool is_changed(std::uint32_t slot) const {
    return slot < changed_mark_.size() && changed_mark_[slot] != 0;
  }
  const std::vector<std::uint32_t>& changed() const { return changed_; }
  std::size_t memory_bytes() const;

 private:
  void merge(const AccountColumns& c);

  core::SortKey key_ = core::SortKey::LastMessage;
  bool built_ = false;
  Column<std::uint32_t> base_;
  std::size_t none_start_ = 0;         // base_[none_start_..] have no value (response time "none")
  Column<std::uint8_t> changed_mark_;  // per slot: 1 when in changed_
  std::vector<std::uint32_t> changed_;
};

}  // namespace server::index
