#ifndef AUTHMATCH_SRC_RUN_USAGE_HPP
#define AUTHMATCH_SRC_RUN_USAGE_HPP

#include <authmatch/authorization_index.hpp>
#include <authmatch/date.hpp>
#include <authmatch/decimal.hpp>

#include <cstdint>
#include <type_traits>

namespace authmatch {
inline namespace v0 {
namespace detail {

/// A line matched to an approved row inside its window, or covered by a referral: it uses the
/// row's quantity (units, or visits). Plain bytes, packed when parked in a temporary file
/// (usage_codec.hpp).
struct run_usage {
  static constexpr std::uint32_t no_code = ~std::uint32_t{0};

  authorization_index::row_id row = 0;
  date first_day, last_day;
  std::uint32_t line = 0;
  std::uint32_t claim = 0;  ///< into run_state::claims
  /// A referral's usage: the line's code (run_claims::code), which a referral for any code does
  /// not name; no_code for an authorization's, whose code is the line's.
  std::uint32_t code = no_code;
  bool at_risk = false;  ///< the line's own findings deny it: its charge is counted
  bool paired = false;   ///< the line uses an authorization's row and a referral's: two records
  std::uint8_t partition = 0;         ///< the row's number's (usage_store::emplace)
  std::uint32_t ordinal = 0;          ///< its place among the run's usage (usage_store::emplace)
  std::uint64_t sequence = 0;         ///< the line's position in the run
  std::uint64_t source_position = 0;  ///< in the claim's input (claim_line::source_position)
  decimal units, charge;
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
static_assert(sizeof(run_usage) == 64, "run_options::memory_budget says a record costs 64 bytes");

}  // namespace detail
}  // namespace v0
}  // namespace authmatch

#endif
