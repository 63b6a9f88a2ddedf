// allocate_huge: an anonymous mapping rounded up to whole huge pages, aligned
// by over-mapping and trimming, then madvise(MADV_HUGEPAGE).
#include "server/index/huge_pages.hpp"

#include <sys/mman.h>

#include <cstdint>

namespace server::index {
namespace {

std::size_t round_up(std::size_t bytes) {
  return (bytes + kHugePageBytes - 1) / kHugePageBytes * kHugePageBytes;
}

}  // namespace

void* allocate_huge(std::size_t bytes) {
  const std::size_t size = round_up(bytes);
  // One huge page more than needed, so that an aligned start lies inside.
  const std::size_t mapped = size + kHugePageBytes;
  void* raw = mmap(nullptr, mapped, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (raw == MAP_FAILED) throw std::bad_alloc();
  const auto start = reinterpret_cast<std::uintptr_t>(raw);
  const std::uintptr_t aligned = (start + kHugePageBytes - 1) & ~(kHugePageBytes - 1);
  if (aligned > start) munmap(raw, aligned - start);
  const std::uintptr_t end = aligned + size;
  if (start + mapped > end) munmap(reinterpret_cast<void*>(end), start + mapped - end);
  void* block = reinterpret_cast<void*>(aligned);
#ifdef MADV_HUGEPAGE
  madvise(block, size, MADV_HUGEPAGE);  // a hint: without it the block is ordinary memory
#endif
  return block;
}

void free_huge(void* block, std::size_t bytes) {
  munmap(block, round_up(bytes));
}

}  // namespace server::index
