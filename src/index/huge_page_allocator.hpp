#ifndef AUTHMATCH_SRC_HUGE_PAGE_ALLOCATOR_HPP
#define AUTHMATCH_SRC_HUGE_PAGE_ALLOCATOR_HPP

// Memory for the large arrays looked up at random (an index's rows and hash tables, a run's
// claims), in 2 MiB pages where the system allows it.
//
// A lookup in an array of hundreds of megabytes misses the cache, and with 4 KiB pages the
// address translation misses too: walking the page tables costs as much again, more in a virtual
// machine. An allocation of 2 MiB or more is mapped on its own, from a 2 MiB boundary, and marked
// for transparent huge pages (madvise MADV_HUGEPAGE, honoured when
// /sys/kernel/mm/transparent_hugepage/enabled says `always` or `madvise`), so that one translation,
// and one page fault, covers 2 MiB. What lies past an array's last whole 2 MiB page has 4 KiB
// pages. Smaller allocations come from operator new.

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <new>
#include <vector>

#if defined(__linux__)
#include <sys/mman.h>
#include <unistd.h>
#endif

namespace authmatch {
inline namespace v0 {
namespace detail {

/// Bytes the process holds in arrays mapped on their own (what operator new does not see: a
/// benchmark counting allocations adds them).
inline std::atomic<std::int64_t> huge_page_bytes{0};

/// A huge page: arrays of this size or more are mapped on their own, from a boundary of it.
inline constexpr std::size_t huge_page_size = std::size_t{2} << 20;

template <typename T>
class huge_page_allocator {
 public:
  using value_type = T;

  huge_page_allocator() noexcept = default;
  template <typename U>
  huge_page_allocator(const huge_page_allocator<U>&) noexcept {}  // NOLINT: converts implicitly

  T* allocate(std::size_t n) {
    if (n > max_size()) throw std::bad_array_new_length();
    const std::size_t bytes = n * sizeof(T);
#if defined(MADV_HUGEPAGE)
    if (bytes >= huge_page_size) {
      auto* aligned = map_aligned(bytes);
      ::madvise(aligned, bytes, MADV_HUGEPAGE);  // a hint: without it, the pages are 4 KiB
      huge_page_bytes.fetch_add(static_cast<std::int64_t>(bytes), std::memory_order_relaxed);
      return reinterpret_cast<T*>(aligned);
    }
#endif
    return static_cast<T*>(::operator new (bytes, std::align_val_t{alignof(T)}));
  }

  void deallocate(T* p, [[maybe_unused]] std::size_t n) noexcept {
#if defined(MADV_HUGEPAGE)
    if (n * sizeof(T) >= huge_page_size) {
      ::munmap(p, n * sizeof(T));
      huge_page_bytes.fetch_sub(static_cast<std::int64_t>(n * sizeof(T)),
                                std::memory_order_relaxed);
      return;
    }
#endif
    ::operator delete (p, std::align_val_t{alignof(T)});
  }

  static constexpr std::size_t max_size() noexcept { return ~std::size_t{0} / sizeof(T); }

  template <typename U>
  bool operator==(const huge_page_allocator<U>&) const noexcept {
    return true;
  }

 private:
#if defined(MADV_HUGEPAGE)
  /// `bytes` mapped from a 2 MiB boundary: only the 2 MiB pages wholly inside a mapping can be
  /// huge, and mmap aligns to 4 KiB, so an unaligned mapping of 2 MiB gets none. Maps 2 MiB
  /// more than asked, then gives back what lies before the boundary and after the end.
  static char* map_aligned(std::size_t bytes) {
    if (bytes > ~std::size_t{0} - huge_page_size) throw std::bad_alloc();
    const std::size_t extra = bytes + huge_page_size;
    void* mapped =
        ::mmap(nullptr, extra, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (mapped == MAP_FAILED) throw std::bad_alloc();
    auto* first = static_cast<char*>(mapped);
    const auto address = reinterpret_cast<std::uintptr_t>(first);
    const std::size_t before = (huge_page_size - address % huge_page_size) % huge_page_size;
    const std::size_t page = small_page();
    const std::size_t kept = (bytes + page - 1) / page * page;
    if (before != 0) ::munmap(first, before);
    if (extra > before + kept) ::munmap(first + before + kept, extra - before - kept);
    return first + before;
  }

  static std::size_t small_page() noexcept {
    static const auto size = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
    return size;
  }
#endif
};

/// A vector of the large arrays looked up at random.
template <typename T>
using large_vector = std::vector<T, huge_page_allocator<T>>;

}  // namespace detail
}  // namespace v0
}  // namespace authmatch

#endif
