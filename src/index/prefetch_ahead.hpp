#ifndef AUTHMATCH_SRC_PREFETCH_AHEAD_HPP
#define AUTHMATCH_SRC_PREFETCH_AHEAD_HPP

// Asking for memory a few items ahead, in steps: a lookup in a large table is several cache
// misses one after another (a slot, then the text or row it names), so each step loads what the
// step before found.

#include <cstddef>

namespace authmatch {
inline namespace v0 {
namespace detail {

/// Handles the items [begin, end) in order, `handle(item)`, having asked for each item's memory
/// in `steps` steps, `stride` items apart: `prefetch(item, step)` is called for step s of an item
/// as the item (steps - s) * stride places before it is handled. The first items' earlier steps,
/// which no item before them could take, are taken before the first is handled, so that every
/// item has all its steps, in order, by its turn (a step may go on from what the one before
/// found).
template <typename Prefetch, typename Handle>
[[gnu::always_inline]] inline void for_each_prefetched(std::size_t begin, std::size_t end,
                                                       int steps, std::size_t stride,
                                                       Prefetch&& prefetch, Handle&& handle) {
  for (int step = 0; step < steps; ++step) {
    const std::size_t distance = static_cast<std::size_t>(steps - step) * stride;
    for (std::size_t item = begin; item < end && item - begin < distance; ++item) {
      prefetch(item, step);
    }
  }
  for (std::size_t i = begin; i < end; ++i) {
    for (int step = 0; step < steps; ++step) {
      const std::size_t ahead = i + static_cast<std::size_t>(steps - step) * stride;
      if (ahead < end) prefetch(ahead, step);
    }
    handle(i);
  }
}

}  // namespace detail
}  // namespace v0
}  // namespace authmatch

#endif
