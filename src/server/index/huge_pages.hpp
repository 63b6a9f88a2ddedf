// Memory for the index's big columns in transparent huge pages (2 MiB): a
// scan of a million rows then touches a few hundred pages instead of tens of
// thousands. On this kind of VM, memory left untouched for ~10 s costs up to
// a microsecond per 4 KiB page at the next touch, which made the first list
// request after an idle spell several times slower than the next; with huge
// pages that first touch costs about what a warm one does (docs/benchmarks.md).
// The kernel grants them only to ranges that ask (THP "madvise" mode), which
// is what allocate_huge does; blocks below one huge page come from new.
#pragma once

#include <cstddef>
#include <new>
#include <vector>

namespace server::index {

constexpr std::size_t kHugePageBytes = std::size_t{2} << 20;

// A block of at least `bytes`, aligned to kHugePageBytes and advised for huge
// pages; throws std::bad_alloc. Freed by free_huge with the same size.
void* allocate_huge(std::size_t bytes);
void free_huge(void* block, std::size_t bytes);

// std::allocator, except that blocks of a huge page or more use allocate_huge.
template <class T>
struct HugePageAllocator {
  using value_type = T;
  HugePageAllocator() = default;
  template <class U>
  HugePageAllocator(const HugePageAllocator<U>&) noexcept {}

  T* allocate(std::size_t n) {
    const std::size_t bytes = n * sizeof(T);
    if (bytes >= kHugePageBytes) return static_cast<T*>(allocate_huge(bytes));
    return std::allocator<T>().allocate(n);
  }
  void deallocate(T* p, std::size_t n) noexcept {
    const std::size_t bytes = n * sizeof(T);
    if (bytes >= kHugePageBytes) return free_huge(p, bytes);
    std::allocator<T>().deallocate(p, n);
  }
  template <class U>
  bool operator==(const HugePageAllocator<U>&) const noexcept {
    return true;
  }
  template <class U>
  bool operator!=(const HugePageAllocator<U>&) const noexcept {
    return false;
  }
};

// A column of the index: one value per dialog or client slot.
template <class T>
using Column = std::vector<T, HugePageAllocator<T>>;

}  // namespace server::index
