// TextColumn: append-only with the replaced texts blanked out, compacted when
// half of the buffer is garbage.
#include "server/index/text_column.hpp"

#include <algorithm>
#include <cstring>
#include <utility>
#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace server::index {
namespace {

constexpr std::uint64_t kNone = ~std::uint64_t{0};
constexpr std::size_t kMinCompact = 1 << 20;  // below this, garbage is not worth a rebuild

}  // namespace

std::string distinct_fields(std::string_view text) {
  std::vector<std::string_view> kept;
  while (true) {
    const std::size_t end = text.find(TextColumn::kSeparator);
    const std::string_view field = text.substr(0, end);
    if (!field.empty() && std::find(kept.begin(), kept.end(), field) == kept.end()) {
      kept.push_back(field);
    }
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  std::string out;
  for (std::string_view field : kept) {
    if (!out.empty()) out += TextColumn::kSeparator;
    out += field;
  }
  return out;
}

void TextColumn::reserve(std::size_t slots, std::size_t bytes_per_slot) {
  buffer_.reserve(buffer_.size() + slots * (bytes_per_slot + 1));
  starts_.reserve(slots);
  owners_.reserve(slots);
  slot_at_.reserve(slots);
  slot_len_.reserve(slots);
}

void TextColumn::set(std::uint32_t slot, std::string_view text) {
  if (slot >= slot_at_.size()) {
    slot_at_.resize(slot + 1, kNone);
    slot_len_.resize(slot + 1, 0);
  }
  if (slot_at_[slot] != kNone) {
    std::memset(buffer_.data() + slot_at_[slot], kSeparator, slot_len_[slot]);
    garbage_ += slot_len_[slot] + 1;
  }
  slot_at_[slot] = buffer_.size();
  slot_len_[slot] = static_cast<std::uint32_t>(text.size());
  starts_.push_back(buffer_.size());
  owners_.push_back(slot);
  buffer_.insert(buffer_.end(), text.begin(), text.end());
  buffer_.push_back(kSeparator);
  if (garbage_ > kMinCompact && garbage_ * 2 > buffer_.size()) compact();
}

void TextColumn::compact() {
  Column<char> buffer;
  buffer.reserve(buffer_.size() - garbage_);
  starts_.clear();
  owners_.clear();
  for (std::uint32_t slot = 0; slot < slot_at_.size(); ++slot) {
    if (slot_at_[slot] == kNone) continue;
    const std::uint64_t at = buffer.size();
    starts_.push_back(at);
    owners_.push_back(slot);
    const auto from = buffer_.begin() + static_cast<std::ptrdiff_t>(slot_at_[slot]);
    buffer.insert(buffer.end(), from, from + slot_len_[slot]);
    buffer.push_back(kSeparator);
    slot_at_[slot] = at;
  }
  buffer_ = std::move(buffer);
  garbage_ = 0;
}

std::size_t TextColumn::entry_at(std::uint64_t at, std::size_t from) const {
  // The entry holding position `at`: the last start at or before it. A hit
  // never lies in garbage (all separators), so the entry is its owner's live
  // one. Hits come in increasing order: gallop from the previous entry, so
  // that dense hits cost O(1) each and sparse ones O(log distance).
  std::size_t step = 1;
  while (from + step < starts_.size() && starts_[from + step] <= at) step *= 2;
  const auto first = starts_.begin() + static_cast<std::ptrdiff_t>(from + step / 2);
  const auto last =
      starts_.begin() + static_cast<std::ptrdiff_t>(std::min(from + step, starts_.size()));
  return static_cast<std::size_t>(std::upper_bound(first, last, at) - starts_.begin()) - 1;
}

namespace {

// The positions of the needle whose bytes the SIMD pass compares: rare bytes
// filter best, and in Cyrillic UTF-8 the lead bytes 0xD0/0xD1 are in every
// other byte, so prefer the last byte and the first that is not a lead; and
// a third between them. Two alone let through one position in a hundred in
// runs of digits (phones, which every client's text has): a phone query paid
// more for checking those than for the scan itself.
struct Anchors {
  std::size_t first, middle, last;
};

Anchors anchors(std::string_view needle) {
  const std::size_t last = needle.size() - 1;
  std::size_t first = 0;
  for (std::size_t i = 0; i < last; ++i) {
    const auto c = static_cast<unsigned char>(needle[i]);
    if (c != 0xD0 && c != 0xD1 && c != ' ') {
      first = i;
      break;
    }
  }
  std::size_t middle = first;
  for (std::size_t i = last; i-- > 0;) {
    const auto c = static_cast<unsigned char>(needle[i]);
    if (i != first && c != 0xD0 && c != 0xD1) {
      middle = i;
      break;
    }
  }
  return {first, middle, last};
}

#if defined(__x86_64__)
// Muła's SIMD substring search: 32 positions at a time whose two anchor bytes
// match the needle's, each candidate then compared whole; several times
// faster than memmem on short needles. `take` handles a hit and says where to
// go on. Scans [i, size); returns where it stopped (the rest is shorter than
// a block).
template <class Take>
__attribute__((target("avx2"))) std::size_t scan_avx2(const char* base, std::size_t i,
                                                      std::size_t size, std::string_view needle,
                                                      Take& take) {
  const Anchors at = anchors(needle);
  const std::size_t k = needle.size();
  const __m256i first = _mm256_set1_epi8(needle[at.first]);
  const __m256i middle = _mm256_set1_epi8(needle[at.middle]);
  const __m256i last = _mm256_set1_epi8(needle[at.last]);
  while (i + k + 32 <= size) {
    const __m256i a = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(base + i + at.first));
    const __m256i m = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(base + i + at.middle));
    const __m256i b = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(base + i + at.last));
    auto mask = static_cast<std::uint32_t>(_mm256_movemask_epi8(_mm256_and_si256(
        _mm256_and_si256(_mm256_cmpeq_epi8(a, first), _mm256_cmpeq_epi8(m, middle)),
        _mm256_cmpeq_epi8(b, last))));
    std::size_t next = i + 32;
    while (mask != 0) {
      const std::size_t at = i + static_cast<std::size_t>(__builtin_ctz(mask));
      if (std::memcmp(base + at, needle.data(), k) == 0) {
        next = take(at);
        break;
      }
      mask &= mask - 1;
    }
    i = next;
  }
  return i;
}
#endif

}  // namespace

void TextColumn::mark(std::string_view needle, std::uint8_t* hits) const {
  if (needle.empty() || needle.find(kSeparator) != std::string_view::npos) return;
  // One thread: splitting the buffer between two measured no faster on the
  // shared 2-core machine (the other core is rarely idle).
  mark_range(needle, 0, buffer_.size(), hits);
}

void TextColumn::mark_range(std::string_view needle, std::size_t first_entry, std::size_t end,
                            std::uint8_t* hits) const {
  const char* base = buffer_.data();
  std::size_t i = starts_.empty() ? 0 : starts_[first_entry];
  std::size_t entry = first_entry;
  // After a hit the rest of that client's text needs no look.
  auto take = [&](std::size_t at) -> std::size_t {
    entry = entry_at(at, entry);
    hits[owners_[entry]] = 1;
    return entry + 1 < starts_.size() ? std::min<std::size_t>(starts_[entry + 1], end) : end;
  };
#if defined(__x86_64__)
  static const bool avx2 = __builtin_cpu_supports("avx2");
  if (avx2) i = scan_avx2(base, i, end, needle, take);
#endif
  while (i < end) {
    const void* hit = memmem(base + i, end - i, needle.data(), needle.size());
    if (!hit) break;
    i = take(static_cast<std::size_t>(static_cast<const char*>(hit) - base));
  }
}

std::size_t TextColumn::memory_bytes() const {
  return buffer_.capacity() + starts_.capacity() * 8 + owners_.capacity() * 4 +
         slot_at_.capacity() * 8 + slot_len_.capacity() * 4;
}

}  // namespace server::index
