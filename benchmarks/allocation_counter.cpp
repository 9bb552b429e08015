#include "allocation_counter.hpp"

#include <atomic>
#include <cstdlib>
#include <new>

#include <malloc.h>

namespace authmatch::bench {
namespace {

std::atomic<std::int64_t> live{0};
std::atomic<std::uint64_t> calls{0};

void* counted_alloc(std::size_t size) noexcept {
  void* p = std::malloc(size == 0 ? 1 : size);
  if (p != nullptr) {
    live.fetch_add(static_cast<std::int64_t>(malloc_usable_size(p)), std::memory_order_relaxed);
    calls.fetch_add(1, std::memory_order_relaxed);
  }
  return p;
}

void counted_free(void* p) noexcept {
  if (p == nullptr) return;
  live.fetch_sub(static_cast<std::int64_t>(malloc_usable_size(p)), std::memory_order_relaxed);
  std::free(p);
}

void* counted_new(std::size_t size) {
  void* p = counted_alloc(size);
  if (p == nullptr) throw std::bad_alloc();
  return p;
}

}  // namespace

std::int64_t live_bytes() noexcept { return live.load(std::memory_order_relaxed); }
std::uint64_t allocations() noexcept { return calls.load(std::memory_order_relaxed); }

}  // namespace authmatch::bench

// Aligned forms are left to the standard library: nothing on the measured paths uses them.
void* operator new(std::size_t size) { return authmatch::bench::counted_new(size); }
void* operator new[](std::size_t size) { return authmatch::bench::counted_new(size); }
void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
  return authmatch::bench::counted_alloc(size);
}
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept {
  return authmatch::bench::counted_alloc(size);
}
void operator delete(void* p) noexcept { authmatch::bench::counted_free(p); }
void operator delete[](void* p) noexcept { authmatch::bench::counted_free(p); }
void operator delete(void* p, std::size_t) noexcept { authmatch::bench::counted_free(p); }
void operator delete[](void* p, std::size_t) noexcept { authmatch::bench::counted_free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { authmatch::bench::counted_free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept {
  authmatch::bench::counted_free(p);
}
