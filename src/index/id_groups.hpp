#ifndef AUTHMATCH_SRC_ID_GROUPS_HPP
#define AUTHMATCH_SRC_ID_GROUPS_HPP

#include "index/huge_page_allocator.hpp"
#include "index/row_groups.hpp"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <optional>
#include <span>
#include <stdexcept>

namespace authmatch {
inline namespace v0 {
namespace detail {

/// Row ids grouped by a dense key (an id of the index's string pool): one 4-byte entry per key,
/// found by indexing, not hashing. Where row_groups must probe and compare, a key here is its own
/// slot: no probe, no rehash, and a key made just now (a number seen for the first time, which
/// takes the pool's next id) lands at the end of the entries, where the last one was written.
/// An entry holds the row of a group of one; a larger group lies in one shared vector, its size
/// first and its rows after it, with room for a power of two of rows, moved to the vector's end
/// when it outgrows that. Rows and group starts are below 2^31 (the top bit tells them apart).
/// Spans returned by find() stay valid until the next add() or shrink_to_fit().
class id_groups {
 public:
  using key = std::uint32_t;
  using row_id = std::uint32_t;

  std::span<const row_id> find(key k) const noexcept {
    if (k >= entries_.size() || entries_[k] == empty) return {};
    const auto entry = entries_[k];
    if ((entry & spilled) == 0) return {&entries_[k], 1};
    const auto start = entry & ~spilled;
    return {spill_.data() + start + 1, spill_[start]};
  }

  /// Starts loading the entry of `k`, for a find() a little later.
  [[gnu::always_inline]] void prefetch(key k) const noexcept {
    if (k < entries_.size()) __builtin_prefetch(&entries_[k]);
  }

  /// Once prefetch(k) has loaded the entry: the row of a group of one (the caller may start
  /// loading it); a larger group's rows start loading instead.
  [[gnu::always_inline]] std::optional<row_id> prefetch_group(key k) const noexcept {
    if (k >= entries_.size() || entries_[k] == empty) return std::nullopt;
    if ((entries_[k] & spilled) == 0) return entries_[k];
    __builtin_prefetch(spill_.data() + (entries_[k] & ~spilled));
    return std::nullopt;
  }

  void reserve(std::size_t keys) { entries_.reserve(keys); }

  void add(key k, row_id row) {
    if (row >= spilled) throw std::length_error("id_groups: too many rows");
    if (k >= entries_.size()) entries_.resize(std::size_t{k} + 1, empty);
    auto& entry = entries_[k];
    if (entry == empty) {
      entry = row;
      return;
    }
    if ((entry & spilled) == 0) {  // a second row: the group moves to the shared vector
      const auto start = new_group(2);
      spill_[start] = 1;
      spill_[start + 1] = entry;
      entry = start | spilled;
    } else if (const auto old = entry & ~spilled; spill_[old] == std::bit_ceil(spill_[old])) {
      const auto size = spill_[old];  // full: moved to the end, with twice the room
      const auto start = new_group(2 * std::size_t{size});
      std::copy_n(spill_.begin() + old, size + 1, spill_.begin() + start);
      entry = start | spilled;
    }
    const auto start = entry & ~spilled;
    spill_[start + 1 + spill_[start]] = row;
    ++spill_[start];
  }

  void shrink_to_fit() {
    trim_spare(entries_);
    trim_spare(spill_);
  }

 private:
  static constexpr std::uint32_t empty = ~std::uint32_t{0};
  static constexpr std::uint32_t spilled = std::uint32_t{1} << 31;

  /// Makes room for a group of `room` rows at the end of the shared vector; where it starts.
  std::uint32_t new_group(std::size_t room) {
    const std::size_t start = spill_.size();
    if (start + 1 + room >= spilled) throw std::length_error("id_groups: too many grouped rows");
    spill_.resize(start + 1 + room);
    return static_cast<std::uint32_t>(start);
  }

  large_vector<std::uint32_t> entries_;  ///< by key: `empty`, a row, or `spilled` | a start
  large_vector<row_id> spill_;           ///< groups of two or more: the size, then the rows
};

}  // namespace detail
}  // namespace v0
}  // namespace authmatch

#endif
