// The index's column allocator: big blocks are whole huge pages, aligned, and
// keep their contents through a vector's growth; small ones come from new.
#include <doctest/doctest.h>

#include <cstdint>
#include <numeric>

#include "server/index/huge_pages.hpp"

using server::index::Column;
using server::index::kHugePageBytes;

namespace {

bool huge_aligned(const void* p) {
  return reinterpret_cast<std::uintptr_t>(p) % kHugePageBytes == 0;
}

}  // namespace

TEST_CASE("allocate_huge gives an aligned, writable block of at least the size asked") {
  const std::size_t bytes = kHugePageBytes * 3 + 123;
  auto* block = static_cast<unsigned char*>(server::index::allocate_huge(bytes));
  REQUIRE(block != nullptr);
  CHECK(huge_aligned(block));
  block[0] = 1;
  block[bytes - 1] = 2;
  CHECK(block[0] + block[bytes - 1] == 3);
  server::index::free_huge(block, bytes);
}

TEST_CASE("A column of a million values lives in huge pages and keeps them through growth") {
  Column<std::uint32_t> column;
  for (std::uint32_t i = 0; i < 1'000'000; ++i) column.push_back(i);
  CHECK(huge_aligned(column.data()));
  std::uint64_t sum = std::accumulate(column.begin(), column.end(), std::uint64_t{0});
  CHECK(sum == 999'999ull * 1'000'000ull / 2);
  Column<std::uint32_t> moved = std::move(column);
  CHECK(moved.size() == 1'000'000);
  CHECK(moved.back() == 999'999);
  moved.shrink_to_fit();
  CHECK(moved[123'456] == 123'456);
}

TEST_CASE("A small column is an ordinary allocation") {
  Column<std::uint8_t> small(1000, 7);
  CHECK(small.size() == 1000);
  CHECK(small[999] == 7);
  Column<std::uint8_t> copy = small;
  CHECK(copy == small);
}
