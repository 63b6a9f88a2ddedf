// The clients' folded search texts in one contiguous buffer, so that a search
// is one substring scan of memory instead of a call per client.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "server/index/huge_pages.hpp"

namespace server::index {

// The text's fields (split at TextColumn::kSeparator) without the empty ones
// and those repeating an earlier one: a client's nick is often also an
// identity, its phone a WhatsApp number. A needle never spans a separator, so
// the same needles match, and a search scans about a fifth less.
std::string distinct_fields(std::string_view text);

class TextColumn {
 public:
  // The separator of entries (and of a client's fields): a needle holding it
  // matches nothing, so no hit spans two fields or two clients.
  static constexpr char kSeparator = '\x1f';

  // A sizing hint: `slots` texts of about `bytes_per_slot` each. The buffer's
  // room is only address space until written, so a generous hint costs
  // nothing, while growing by doubling would copy and fault it in again.
  void reserve(std::size_t slots, std::size_t bytes_per_slot);
  // Sets the text of a slot (a client), replacing its previous one.
  void set(std::uint32_t slot, std::string_view text);
  // Sets hits[slot] = 1 for each slot whose text contains the needle; `hits`
  // holds a byte for every slot set so far.
  void mark(std::string_view needle, std::uint8_t* hits) const;
  std::size_t memory_bytes() const;

 private:
  void compact();
  // mark over the entries from `first_entry` on that start before `end`: a
  // search can be split between entries (a hit never crosses a separator).
  void mark_range(std::string_view needle, std::size_t first_entry, std::size_t end,
                  std::uint8_t* hits) const;
  // The entry holding `at`, searched from entry `from` on.
  std::size_t entry_at(std::uint64_t at, std::size_t from) const;

  Column<char> buffer_;            // entries, each followed by kSeparator
  Column<std::uint64_t> starts_;   // start of each entry, increasing
  Column<std::uint32_t> owners_;   // the slot of each entry
  Column<std::uint64_t> slot_at_;  // the live entry's start per slot (kNone: unset)
  Column<std::uint32_t> slot_len_;
  std::size_t garbage_ = 0;  // bytes of replaced entries, overwritten with kSeparator
};

}  // namespace server::index
