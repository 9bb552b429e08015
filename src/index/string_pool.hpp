#ifndef AUTHMATCH_SRC_STRING_POOL_HPP
#define AUTHMATCH_SRC_STRING_POOL_HPP

#include "index/huge_page_allocator.hpp"
#include "index/row_groups.hpp"
#include "text/text_hash.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string_view>
#include <vector>

namespace authmatch {
inline namespace v0 {
namespace detail {

/// Interns strings to dense 32-bit ids. Looking a string_view up never allocates.
///
/// Built for bytes per string (an index holds millions of identifiers of about ten characters):
/// the characters of all strings lie back to back in one buffer, each string costs a 4-byte
/// start offset, and the lookup table is open addressing over 4-byte ids (linear probing, at most
/// 3/4 full; shrink_to_fit() trims it near that) that compares against the stored text. Beside
/// each slot a 1-byte tag holds 8 more bits of the string's hash: a probe reads the stored text
/// (two cache misses in a large pool) only when the tags agree, so a lookup costs about as many
/// misses whether the string is there or not. Slots and their tags lie twelve to a cache line
/// (`bucket`), so that a probe loads one line, not one for the id and one for the tag. Views
/// returned by operator[] stay valid until the next intern(), reserve() or shrink_to_fit().
class string_pool {
 public:
  using id = std::uint32_t;

  string_pool() = default;
  string_pool(const string_pool&) = delete;
  string_pool& operator=(const string_pool&) = delete;
  string_pool(string_pool&&) noexcept = default;
  string_pool& operator=(string_pool&&) noexcept = default;

  id intern(std::string_view text) {
    if ((size() + 1) * 4 > slot_count() * 3) rehash(std::max<std::size_t>(16, slot_count() * 2));
    const auto hash = hash_of(text);
    slot at = home(hash);
    for (; id_at(at) != empty; advance(at)) {
      if (tag_at(at) == tag_of(hash) && same_text((*this)[id_at(at)], text)) return id_at(at);
    }
    if (chars_.size() + text.size() > max_chars) {
      throw std::length_error("string_pool: more than 4 GiB of distinct text");
    }
    if (starts_.empty()) starts_.push_back(0);  // where the first string begins
    const auto next = static_cast<id>(size());
    chars_.insert(chars_.end(), text.begin(), text.end());
    starts_.push_back(static_cast<std::uint32_t>(chars_.size()));  // its end, the next's start
    place(at, next, hash);
    return next;
  }

  std::optional<id> find(std::string_view text) const noexcept {
    return probe(text, [&](id which) { return same_text((*this)[which], text); });
  }

  /// Starts loading the slot where `text` would be found, for an intern() or find() of it a
  /// little later: a pool of millions of strings misses the cache on every probe. Inlined
  /// always: GCC takes a function that only prefetches for one without effects, and drops calls
  /// to it.
  [[gnu::always_inline]] void prefetch(std::string_view text) const noexcept {
    prefetch_slot(hash_of(text));
  }
  /// prefetch() of a string whose hash_of() the caller has.
  [[gnu::always_inline]] void prefetch_slot(std::uint64_t hash) const noexcept {
    if (buckets_.empty()) return;
    __builtin_prefetch(&buckets_[home(hash).bucket]);
  }

  /// The id of the string that a lookup of a text of `hash` (hash_of()) most likely finds: the
  /// first one probed whose tag agrees, without reading any text (none when no tag agrees). For
  /// a caller that loads what it will read after the lookup (prefetch_text(), or rows kept by
  /// id) before it looks.
  [[gnu::always_inline]] std::optional<id> likely_id(std::uint64_t hash) const noexcept {
    return probe_hash(hash, [](id) { return true; });
  }

  /// The hash a lookup of `text` starts from.
  static std::uint64_t hash_of(std::string_view text) noexcept { return text_hash(text); }

  /// Starts loading where the string `which` begins (a lookup compares its text), then, once that
  /// is loaded (`begin_known`), its text.
  [[gnu::always_inline]] void prefetch_text(id which, bool begin_known) const noexcept {
    if (begin_known) {
      __builtin_prefetch(chars_.data() + starts_[which]);
    } else {
      __builtin_prefetch(&starts_[which]);
    }
  }

  std::string_view operator[](id which) const noexcept {
    const std::size_t begin = starts_[which];
    return {chars_.data() + begin, starts_[which + 1] - begin};
  }
  std::size_t size() const noexcept { return starts_.empty() ? 0 : starts_.size() - 1; }

  /// Trims the text when trim_spare() finds it worth it, and the table to 3/4 full when
  /// worth_shrinking().
  void shrink_to_fit() {
    trim_spare(chars_);
    trim_spare(starts_);
    if (worth_shrinking(slot_count(), size())) rehash(slots_for(size()));
  }

  /// Makes room for `strings` strings of `chars` characters in all.
  void reserve(std::size_t strings, std::size_t chars) {
    chars_.reserve(chars);
    starts_.reserve(strings + 1);
    if (slots_for(strings) > slot_count()) rehash(slots_for(strings));
  }

 private:
  static constexpr id empty = ~id{0};
  static constexpr std::size_t max_chars = ~std::uint32_t{0};

  /// Slots a cache line holds: twelve 4-byte ids and their 1-byte tags make 60 of its 64 bytes.
  static constexpr std::size_t lanes = 12;
  struct alignas(64) bucket {
    std::array<id, lanes> ids;
    std::array<std::uint8_t, lanes> tags;
  };
  static_assert(sizeof(bucket) == 64);

  std::size_t slot_count() const noexcept { return buckets_.size() * lanes; }
  /// A slot as its bucket and its lane there.
  struct slot {
    std::size_t bucket, lane;
  };
  slot home(std::uint64_t hash) const noexcept {
    const std::size_t at = slot_of(hash, slot_count());
    return {at / lanes, at % lanes};
  }
  /// The slot after `at`, the first again after the last (linear probing).
  void advance(slot& at) const noexcept {
    if (++at.lane < lanes) return;
    at.lane = 0;
    if (++at.bucket == buckets_.size()) at.bucket = 0;
  }
  id id_at(slot at) const noexcept { return buckets_[at.bucket].ids[at.lane]; }
  std::uint8_t tag_at(slot at) const noexcept { return buckets_[at.bucket].tags[at.lane]; }
  void place(slot at, id which, std::uint64_t hash) noexcept {
    buckets_[at.bucket].ids[at.lane] = which;
    buckets_[at.bucket].tags[at.lane] = tag_of(hash);
  }

  /// The first string probed for `text` whose tag agrees and that `same` accepts.
  template <typename Same>
  [[gnu::always_inline]] std::optional<id> probe(std::string_view text, Same same) const noexcept {
    return probe_hash(hash_of(text), same);
  }
  template <typename Same>
  [[gnu::always_inline]] std::optional<id> probe_hash(std::uint64_t hash,
                                                      Same same) const noexcept {
    if (buckets_.empty()) return std::nullopt;
    for (slot at = home(hash); id_at(at) != empty; advance(at)) {
      if (tag_at(at) == tag_of(hash) && same(id_at(at))) return id_at(at);
    }
    return std::nullopt;
  }

  /// Puts every string in a new table of at least `slots` slots. The strings are taken in id order,
  /// so that their text is read front to back (in slot order, each would be two cache misses in a
  /// large pool, one after the other); the new table is written at random, a batch of strings
  /// at a time whose home slots are asked for before any is placed.
  void rehash(std::size_t slots) {
    bucket none{};
    none.ids.fill(empty);
    large_vector<bucket>((slots + lanes - 1) / lanes, none).swap(buckets_);
    constexpr id batch = 16;
    std::array<std::uint64_t, batch> hashes{};
    for (id first = 0; first < size(); first += batch) {
      const id count = std::min<id>(batch, static_cast<id>(size()) - first);
      for (id i = 0; i < count; ++i) {
        hashes[i] = hash_of((*this)[first + i]);
        __builtin_prefetch(&buckets_[home(hashes[i]).bucket]);
      }
      for (id i = 0; i < count; ++i) {
        slot at = home(hashes[i]);
        while (id_at(at) != empty) advance(at);
        place(at, first + i, hashes[i]);
      }
    }
  }

  large_vector<char> chars_;
  /// Where each string begins in chars_, and where the last one ends: empty before the first.
  large_vector<std::uint32_t> starts_;
  /// ids by hash (`empty` where none), and beside each the tag_of() its string's hash
  large_vector<bucket> buckets_;
};

}  // namespace detail
}  // namespace v0
}  // namespace authmatch

#endif
