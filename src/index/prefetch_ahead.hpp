#ifndef AUTHMATCH_SRC_PREFETCH_AHEAD_HPP
#define AUTHMATCH_SRC_PREFETCH_AHEAD_HPP

// Asking for memory a few items ahead, in steps: a lookup in a large table is several cache
// misses one after another (a slot, then the text or row it names), so each step loads what the
// step before found.

#include <cstddef>

namespace authmatch {
inline namespace v0 {
namespace detail {

/// Before item `i` of `size` is handled: calls `prefetch(item, step)` for step s of `steps` on the
/// item (steps - s) * stride places ahead, when there is one, so that every item has had all its
/// steps, `stride` items apart, by its turn.
template <typename Prefetch>
[[gnu::always_inline]] inline void prefetch_ahead(std::size_t i, std::size_t size, int steps,
                                                  std::size_t stride, Prefetch&& prefetch) {
  for (int step = 0; step < steps; ++step) {
    const std::size_t ahead = i + static_cast<std::size_t>(steps - step) * stride;
    if (ahead < size) prefetch(ahead, step);
  }
}

/// The steps prefetch_ahead() would have taken before item 0 had there been items before it, so
/// that the first items too have every step, in order, by their turn: called once, before item 0.
/// (Without it, item 1 would have only the last step, item 2 the last two, and so on: a step that
/// goes on from what the one before found would go on from nothing.)
template <typename Prefetch>
inline void prefetch_first(std::size_t size, int steps, std::size_t stride, Prefetch&& prefetch) {
  for (int step = 0; step < steps; ++step) {
    const std::size_t taken = static_cast<std::size_t>(steps - step) * stride;
    for (std::size_t item = 0; item < taken && item < size; ++item) prefetch(item, step);
  }
}

}  // namespace detail
}  // namespace v0
}  // namespace authmatch

#endif
