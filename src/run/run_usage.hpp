#ifndef AUTHMATCH_SRC_RUN_USAGE_HPP
#define AUTHMATCH_SRC_RUN_USAGE_HPP

#include <authmatch/authorization_index.hpp>
#include <authmatch/date.hpp>
#include <authmatch/decimal.hpp>

#include "run/claim_file.hpp"

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <type_traits>

namespace authmatch {
inline namespace v0 {
namespace detail {

/// Eight bytes of `text` from `from` on as a big-endian number, zeros past its end: when the words
/// of two texts differ, they compare as the texts do.
inline std::uint64_t word_at(std::string_view text, std::size_t from) noexcept {
  if (text.size() >= from + 8) {
    std::uint64_t word;
    std::memcpy(&word, text.data() + from, sizeof word);
    if constexpr (std::endian::native == std::endian::little) word = __builtin_bswap64(word);
    return word;
  }
  std::uint64_t word = 0;
  for (std::size_t i = from; i < from + 8; ++i) {
    word = word << 8 | (i < text.size() ? static_cast<unsigned char>(text[i]) : 0U);
  }
  return word;
}

/// A claim ID's first 16 bytes as two words (word_at), which order nearly every two IDs, and
/// whether they say all of it: worked out once a claim, copied into each of its usage records.
struct claim_id_words {
  std::uint64_t head = 0, tail = 0;
  /// Longer than 16 bytes, or holding a NUL byte (which the zero padding hides).
  bool long_id = false;

  static claim_id_words of(std::string_view id) noexcept {
    return {word_at(id, 0), word_at(id, 8),
            id.size() > 16 || id.find('\0') != std::string_view::npos};
  }
};

/// A line matched to an approved row inside its window, or covered by a referral: it uses the
/// row's quantity (units, or visits). Plain bytes, packed while the run holds it, in memory or
/// in a temporary file (usage_codec.hpp). It holds what settlement needs of its claim: the claim
/// ID's first 16 bytes (which order nearly all lines of a day without reading the claim) and its
/// payer.
struct run_usage {
  static constexpr std::uint32_t no_code = ~std::uint32_t{0};

  authorization_index::row_id row = 0;
  date first_day, last_day;
  std::uint32_t line = 0;
  /// A referral's usage: the line's code (run_claims::party), which a referral for any code does
  /// not name; no_code for an authorization's, whose code is the line's.
  std::uint32_t code = no_code;
  std::uint32_t payer = 0;     ///< the claim's payer (run_claims::party)
  std::uint32_t ordinal = 0;   ///< its place among the run's usage (usage_store::emplace)
  std::uint8_t partition = 0;  ///< the row's number's (usage_store::emplace)
  bool at_risk = false;        ///< the line's own findings deny it: its charge is counted
  bool paired = false;  ///< the line uses an authorization's row and a referral's: two records
  /// The claim ID is longer than 16 bytes or holds a NUL byte: id_head and id_tail do not say
  /// all of it.
  bool long_id = false;
  claim_file::place claim = 0;             ///< in run_state::claims' file
  std::uint64_t id_head = 0, id_tail = 0;  ///< the claim ID's first 16 bytes (word_at)
  std::uint64_t sequence = 0;              ///< the line's position in the run
  std::uint64_t source_position = 0;       ///< in the claim's input (claim_line::source_position)
  decimal units, charge;

  /// Sets the claim ID's words.
  void set_claim_id(const claim_id_words& words) noexcept {
    id_head = words.head;
    id_tail = words.tail;
    long_id = words.long_id;
  }
};
static_assert(std::is_trivially_copyable_v<run_usage>);

/// A record's at_risk and paired as two bits, as parts and the temporary file keep them.
inline std::uint8_t flags_of(const run_usage& use) noexcept {
  return static_cast<std::uint8_t>((use.at_risk ? 1U : 0U) | (use.paired ? 2U : 0U));
}
/// Sets a record's at_risk and paired from flags_of()'s bits.
inline void set_flags(run_usage& use, unsigned flags) noexcept {
  use.at_risk = (flags & 1U) != 0;
  use.paired = (flags & 2U) != 0;
}
static_assert(sizeof(run_usage) == 88, "docs/README.md says a record takes 88 bytes unpacked");

}  // namespace detail
}  // namespace v0
}  // namespace authmatch

#endif
