#ifndef AUTHMATCH_DETAIL_ROW_GROUPS_HPP
#define AUTHMATCH_DETAIL_ROW_GROUPS_HPP

#include <algorithm>
#include <bit>
#include <cstdint>
#include <span>
#include <stdexcept>
#include <vector>

namespace authmatch {
inline namespace v0 {
namespace detail {

/// Where a hash falls in a table of `slots` slots (any size): Fibonacci hashing to spread the
/// hash's bits, then the high 32 bits scaled to the table without a division.
inline std::size_t slot_of(std::uint64_t hash, std::size_t slots) noexcept {
  const std::uint64_t spread = (hash * 0x9E3779B97F4A7C15ULL) >> 32;
  return static_cast<std::size_t>((spread * slots) >> 32);
}

/// Row ids grouped by a key, for an index that keeps its rows elsewhere: open addressing over
/// 8-byte slots (linear probing, at most 3/4 full; shrink_to_fit() trims the table to that)
/// that do not store the key. The caller says whether a row has the key sought (`same(row)`)
/// and gives the hash of a row's key when the table is rebuilt (`hash_of(row)`). A group of one
/// row lives in its slot; larger groups lie in one shared vector with room for a power of two of
/// rows, moved to its end when they outgrow it. Spans returned by find() stay valid until the
/// next add().
class row_groups {
 public:
  using row_id = std::uint32_t;

  template <typename Same>
  std::span<const row_id> find(std::uint64_t hash, Same same) const noexcept {
    if (slots_.empty()) return {};
    for (std::size_t at = home(hash); slots_[at].count != 0; at = next(at)) {
      if (same(first_of(slots_[at]))) return rows_of(slots_[at]);
    }
    return {};
  }

  template <typename HashOf>
  void shrink_to_fit(HashOf hash_of) {
    spill_.shrink_to_fit();
    rehash(used_ * 4 / 3 + 1, hash_of);
  }

  template <typename Same, typename HashOf>
  void add(std::uint64_t hash, row_id row, Same same, HashOf hash_of) {
    if ((used_ + 1) * 4 > slots_.size() * 3) {
      rehash(std::max<std::size_t>(16, slots_.size() * 2), hash_of);
    }
    std::size_t at = home(hash);
    for (; slots_[at].count != 0; at = next(at)) {
      if (same(first_of(slots_[at]))) {
        append(slots_[at], row);
        return;
      }
    }
    slots_[at] = {row, 1};
    ++used_;
  }

 private:
  struct slot {
    row_id ref = 0;           ///< the row when count is 1, else where the group starts in spill_
    std::uint32_t count = 0;  ///< 0: empty
  };

  std::size_t home(std::uint64_t hash) const noexcept { return slot_of(hash, slots_.size()); }
  std::size_t next(std::size_t at) const noexcept { return at + 1 == slots_.size() ? 0 : at + 1; }
  row_id first_of(const slot& s) const noexcept { return s.count == 1 ? s.ref : spill_[s.ref]; }
  std::span<const row_id> rows_of(const slot& s) const noexcept {
    if (s.count == 1) return {&s.ref, 1};
    return {spill_.data() + s.ref, s.count};
  }

  void append(slot& s, row_id row) {
    if (s.count == ~std::uint32_t{0}) throw std::length_error("row_groups: group too large");
    if (s.count == 1 || s.count == std::bit_ceil(s.count)) {  // full: move to the end, doubled
      const std::size_t start = spill_.size();
      if (start + 2 * std::size_t{s.count} > ~row_id{0}) {
        throw std::length_error("row_groups: too many grouped rows");
      }
      spill_.resize(start + 2 * std::size_t{s.count});
      if (s.count == 1) {
        spill_[start] = s.ref;
      } else {
        std::copy_n(spill_.begin() + s.ref, s.count,
                    spill_.begin() + static_cast<std::ptrdiff_t>(start));
      }
      s.ref = static_cast<row_id>(start);
    }
    spill_[s.ref + s.count] = row;
    ++s.count;
  }

  template <typename HashOf>
  void rehash(std::size_t slots, HashOf hash_of) {
    std::vector<slot> old(slots);
    old.swap(slots_);
    for (const slot& s : old) {
      if (s.count == 0) continue;
      std::size_t at = home(hash_of(first_of(s)));
      while (slots_[at].count != 0) at = next(at);
      slots_[at] = s;
    }
  }

  std::vector<slot> slots_;
  std::size_t used_ = 0;
  std::vector<row_id> spill_;
};

}  // namespace detail
}  // namespace v0
}  // namespace authmatch

#endif
