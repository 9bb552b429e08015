#ifndef AUTHMATCH_BENCHMARKS_ALLOCATION_COUNTER_HPP
#define AUTHMATCH_BENCHMARKS_ALLOCATION_COUNTER_HPP

// The benchmark executable replaces the global operator new and delete to count what is
// allocated: live bytes (as malloc sizes them, so allocator rounding is included) and the number
// of allocations. Counting costs one relaxed atomic add per call.

#include <cstdint>

namespace authmatch::bench {

/// Bytes currently allocated through operator new.
std::int64_t live_bytes() noexcept;
/// Calls to operator new so far.
std::uint64_t allocations() noexcept;

}  // namespace authmatch::bench

#endif
