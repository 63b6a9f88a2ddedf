// Dense small codes for the ids of a column (sources, statuses, operators,
// tags), so that the index stores 4 bytes instead of 8 and a filter's values
// become a lookup table indexed by code.
#pragma once

#include <cstdint>
#include <optional>
#include <unordered_map>
#include <vector>

#include "core/entities.hpp"

namespace server::index {

class IdCodes {
 public:
  // Code 0 is kNoId's, so "none" needs no entry and a filter can ask for it.
  std::uint32_t intern(core::Id id) {
    if (id == core::kNoId) return 0;
    auto [it, inserted] = codes_.try_emplace(id, 0);
    if (inserted) {
      if (!free_.empty()) {
        it->second = free_.back();
        free_.pop_back();
      } else {
        it->second = next_++;
      }
    }
    return it->second;
  }
  std::optional<std::uint32_t> find(core::Id id) const {
    if (id == core::kNoId) return 0;
    auto it = codes_.find(id);
    if (it == codes_.end()) return std::nullopt;
    return it->second;
  }
  // The id is gone from every dialog: its code may be reused.
  void release(core::Id id) {
    auto it = codes_.find(id);
    if (it == codes_.end()) return;
    free_.push_back(it->second);
    codes_.erase(it);
  }
  std::uint32_t bound() const { return next_; }  // every code is below it
  std::vector<core::Id> ids() const {            // every id with a code, in no order
    std::vector<core::Id> all;
    all.reserve(codes_.size());
    for (const auto& entry : codes_) all.push_back(entry.first);
    return all;
  }

 private:
  std::unordered_map<core::Id, std::uint32_t> codes_;
  std::vector<std::uint32_t> free_;
  std::uint32_t next_ = 1;
};

}  // namespace server::index
