#ifndef AUTHMATCH_SRC_ROW_GROUPS_HPP
#define AUTHMATCH_SRC_ROW_GROUPS_HPP

#include "index/huge_page_allocator.hpp"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <optional>
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

/// Eight bits of the spread hash that slot_of() does not use, kept beside a slot to tell apart
/// the keys that share a neighbourhood without reading them.
inline std::uint8_t tag_of(std::uint64_t hash) noexcept {
  return static_cast<std::uint8_t>((hash * 0x9E3779B97F4A7C15ULL) >> 24);
}

/// The slots of an open-addressing table holding `keys` keys at most 3/4 full.
inline std::size_t slots_for(std::size_t keys) noexcept { return keys * 4 / 3 + 1; }

/// Whether a table of `slots` slots holding `keys` keys is worth rebuilding smaller: only when it
/// is more than a quarter larger than slots_for(keys), since rebuilding costs more than that room.
inline bool worth_shrinking(std::size_t slots, std::size_t keys) noexcept {
  const std::size_t fitting = slots_for(keys);
  return slots > fitting + fitting / 4;
}

/// Trims a vector's spare room only when it is more than a quarter of what the vector holds:
/// trimming copies the whole vector (for a moment it is held twice), and in a large allocation
/// (mapped apart by malloc) room never written to takes no memory.
template <typename Vector>
void trim_spare(Vector& values) {
  if (values.capacity() - values.size() > values.size() / 4) values.shrink_to_fit();
}

/// Row ids grouped by a key, for an index that keeps its rows elsewhere: open addressing over
/// 8-byte slots (linear probing, at most 3/4 full; shrink_to_fit() trims the table near that)
/// that do not store the key. The caller says whether a row has the key sought (`same(row)`)
/// and gives the hash of a row's key when the table is rebuilt (`hash_of(row)`). A group of one
/// row lives in its slot; larger groups lie in one shared vector with room for a power of two of
/// rows, moved to its end when they outgrow it. A slot also keeps 8 bits of its key's hash
/// (tag_of), so a probe asks `same` (a row read, a cache miss in a large index) only about the
/// slot whose tag agrees; that leaves 24 bits for a group's size (16,777,215 rows). Spans
/// returned by find() stay valid until the next add(), reserve() or shrink_to_fit().
class row_groups {
 public:
  using row_id = std::uint32_t;
  /// What a group is looked up by: its key's hash.
  using key = std::uint64_t;

  template <typename Same>
  std::span<const row_id> find(std::uint64_t hash, Same same) const noexcept {
    if (slots_.empty()) return {};
    const auto tag = tag_of(hash);
    for (std::size_t at = home(hash); !slots_[at].empty(); at = next(at)) {
      if (slots_[at].tag() == tag && same(first_of(slots_[at]))) return rows_of(slots_[at]);
    }
    return {};
  }

  /// Starts loading the slot where a key of `hash` is looked for first, for a find() or add()
  /// of it a little later (see string_pool::prefetch).
  [[gnu::always_inline]] void prefetch(std::uint64_t hash) const noexcept {
    if (!slots_.empty()) __builtin_prefetch(&slots_[home(hash)]);
  }

  /// For a find() of a key of `hash` a little later, once prefetch(hash) has loaded its slot:
  /// the row of the first group probed whose tag agrees when it is the group's only one (the
  /// caller may start loading that row); a larger group's rows start loading instead.
  [[gnu::always_inline]] std::optional<row_id> prefetch_group(std::uint64_t hash) const noexcept {
    if (slots_.empty()) return std::nullopt;
    const auto tag = tag_of(hash);
    for (std::size_t at = home(hash); !slots_[at].empty(); at = next(at)) {
      if (slots_[at].tag() != tag) continue;
      if (slots_[at].count() == 1) return slots_[at].ref;
      __builtin_prefetch(spill_.data() + slots_[at].ref);
      return std::nullopt;
    }
    return std::nullopt;
  }

  /// Trims the table to 3/4 full when worth_shrinking() (not after a reserve() that guessed
  /// well).
  template <typename HashOf>
  void shrink_to_fit(HashOf hash_of) {
    trim_spare(spill_);
    if (worth_shrinking(slots_.size(), used_)) rehash(slots_for(used_), hash_of);
  }

  /// Makes room for `keys` keys without rebuilding the table as they come.
  template <typename HashOf>
  void reserve(std::size_t keys, HashOf hash_of) {
    if (slots_for(keys) > slots_.size()) rehash(slots_for(keys), hash_of);
  }

  template <typename Same, typename HashOf>
  void add(std::uint64_t hash, row_id row, Same same, HashOf hash_of) {
    if ((used_ + 1) * 4 > slots_.size() * 3) {
      rehash(std::max<std::size_t>(16, slots_.size() * 2), hash_of);
    }
    const auto tag = tag_of(hash);
    std::size_t at = home(hash);
    for (; !slots_[at].empty(); at = next(at)) {
      if (slots_[at].tag() == tag && same(first_of(slots_[at]))) {
        append(slots_[at], row);
        return;
      }
    }
    slots_[at] = {row, std::uint32_t{tag} << 24 | 1U};
    ++used_;
  }

 private:
  static constexpr std::uint32_t max_count = (std::uint32_t{1} << 24) - 1;

  struct slot {
    row_id ref = 0;          ///< the row when count is 1, else where the group starts in spill_
    std::uint32_t bits = 0;  ///< the count in the low 24 bits (0: empty), the tag in the high 8

    std::uint32_t count() const noexcept { return bits & max_count; }
    std::uint8_t tag() const noexcept { return static_cast<std::uint8_t>(bits >> 24); }
    bool empty() const noexcept { return count() == 0; }
  };

  std::size_t home(std::uint64_t hash) const noexcept { return slot_of(hash, slots_.size()); }
  std::size_t next(std::size_t at) const noexcept { return at + 1 == slots_.size() ? 0 : at + 1; }
  row_id first_of(const slot& s) const noexcept { return s.count() == 1 ? s.ref : spill_[s.ref]; }
  std::span<const row_id> rows_of(const slot& s) const noexcept {
    if (s.count() == 1) return {&s.ref, 1};
    return {spill_.data() + s.ref, s.count()};
  }

  void append(slot& s, row_id row) {
    const std::uint32_t count = s.count();
    if (count == max_count) throw std::length_error("row_groups: group too large");
    if (count == 1 || count == std::bit_ceil(count)) {  // full: move to the end, doubled
      const std::size_t start = spill_.size();
      if (start + 2 * std::size_t{count} > ~row_id{0}) {
        throw std::length_error("row_groups: too many grouped rows");
      }
      spill_.resize(start + 2 * std::size_t{count});
      if (count == 1) {
        spill_[start] = s.ref;
      } else {
        std::copy_n(spill_.begin() + s.ref, count,
                    spill_.begin() + static_cast<std::ptrdiff_t>(start));
      }
      s.ref = static_cast<row_id>(start);
    }
    spill_[s.ref + count] = row;
    ++s.bits;  // the count is below max_count: the increment stays in its 24 bits
  }

  template <typename HashOf>
  void rehash(std::size_t slots, HashOf hash_of) {
    large_vector<slot> old(slots);
    old.swap(slots_);
    for (const slot& s : old) {
      if (s.empty()) continue;
      std::size_t at = home(hash_of(first_of(s)));  // the tag, from the same hash, stays
      while (!slots_[at].empty()) at = next(at);
      slots_[at] = s;
    }
  }

  large_vector<slot> slots_;
  std::size_t used_ = 0;
  large_vector<row_id> spill_;
};

}  // namespace detail
}  // namespace v0
}  // namespace authmatch

#endif
