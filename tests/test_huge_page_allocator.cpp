// Large arrays mapped apart for huge pages: from a 2 MiB boundary, so that the system can back
// them with 2 MiB pages, and counted while they are held.

#include "index/huge_page_allocator.hpp"

#include <cstdint>
#include <cstring>
#include <new>

#include <catch2/catch.hpp>

using authmatch::detail::huge_page_allocator;
using authmatch::detail::huge_page_bytes;

namespace {
constexpr std::size_t two_mib = std::size_t{2} << 20;
}  // namespace

#if defined(MADV_HUGEPAGE)

TEST_CASE("A large array starts on a 2 MiB boundary") {
  huge_page_allocator<std::uint64_t> allocator;
  for (const std::size_t bytes : {two_mib, two_mib + 8, 3 * two_mib + 4096 + 24}) {
    const std::size_t n = bytes / sizeof(std::uint64_t);
    auto* array = allocator.allocate(n);
    CHECK(reinterpret_cast<std::uintptr_t>(array) % two_mib == 0);
    allocator.deallocate(array, n);
  }
}

TEST_CASE("Every byte of a large array can be written and read back") {
  huge_page_allocator<unsigned char> allocator;
  const std::size_t n = two_mib + 12'345;
  auto* array = allocator.allocate(n);
  std::memset(array, 0xA5, n);
  CHECK(array[0] == 0xA5);
  CHECK(array[n - 1] == 0xA5);
  allocator.deallocate(array, n);
}

TEST_CASE("A large array is counted while it is held") {
  huge_page_allocator<char> allocator;
  const auto before = huge_page_bytes.load();
  auto* array = allocator.allocate(two_mib + 100);
  CHECK(huge_page_bytes.load() == before + static_cast<std::int64_t>(two_mib + 100));
  allocator.deallocate(array, two_mib + 100);
  CHECK(huge_page_bytes.load() == before);
}

TEST_CASE("An array too large to map with room to align it is refused") {
  huge_page_allocator<char> allocator;
  CHECK_THROWS_AS(allocator.allocate(huge_page_allocator<char>::max_size() - 1), std::bad_alloc);
}

#endif

TEST_CASE("A small array comes from operator new and is not counted") {
  huge_page_allocator<char> allocator;
  const auto before = huge_page_bytes.load();
  auto* array = allocator.allocate(two_mib - 1);
  CHECK(huge_page_bytes.load() == before);
  allocator.deallocate(array, two_mib - 1);
}
