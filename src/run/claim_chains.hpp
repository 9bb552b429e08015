#ifndef AUTHMATCH_SRC_RUN_CLAIM_CHAINS_HPP
#define AUTHMATCH_SRC_RUN_CLAIM_CHAINS_HPP

// Replacement chains: the claims a run's claims replace or void (REF*F8, frequency 7 and 8),
// among themselves and those earlier runs recorded, and the one claim of each chain that counts.

#include "ledger/ledger_run.hpp"
#include "run/run_claims.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace authmatch {
inline namespace v0 {
namespace detail {

/// A claim of the run that another claim may touch, read back from the claim file.
struct chained_claim {
  claim_file::place at = 0;
  std::string claim_id, original_id, member_id;
  std::uint32_t payer = 0, source_input = 0;
  claim_frequency frequency = claim_frequency::original;
  std::uint64_t sequence = 0, source_position = 0;
};

/// A claim of a replacement chain: recorded by an earlier run, or read by this one.
struct chain_member {
  std::string_view id, original_id;
  claim_frequency frequency = claim_frequency::original;
  const chained_claim* run_claim = nullptr;  ///< else recorded
  std::size_t recorded = 0;                  ///< into prior_usage::claims
  std::size_t group = 0;
};

/// The members of every chain the run touches, with the one that counts in each. Its members
/// point into it: it moves, and is not copied.
struct chains {
  chains() = default;
  chains(const chains&) = delete;
  chains& operator=(const chains&) = delete;
  chains(chains&&) noexcept = default;
  chains& operator=(chains&&) noexcept = default;

  /// The run's claims that may chain, in run order: what run members point to.
  std::vector<chained_claim> run_claims;
  /// Recorded ones first, then the run's, in run order.
  std::vector<chain_member> members;
  std::unordered_map<std::size_t, std::size_t> winner;  ///< group -> index into members
  /// The places of the run's claims that do not count, in order.
  std::vector<claim_file::place> not_counted;

  const chain_member& winner_of(const chain_member& m) const { return members[winner.at(m.group)]; }
  bool counts(const chain_member& m) const {
    return &winner_of(m) == &m && m.frequency != claim_frequency::void_claim;
  }
};

/// The chains of the run's claims and those earlier runs recorded (`prior`). A claim of the run
/// that no other claim can touch (original, naming none, its ID no other's and named by none)
/// stands alone: it counts, and is not a member. Finding the others reads the claim file, a
/// share of it on each of up to `threads` threads, and holds the hashes of claim IDs (8 bytes
/// each) a quarter of `budget` at a time, and 65,536 at least (0: all at once).
chains chains_of(const run_claims& claims, const prior_usage& prior, std::size_t budget,
                 unsigned threads = 1);

/// The name a chain is recorded under, by group: its smallest claim ID, the same whatever the
/// order.
std::unordered_map<std::size_t, std::string_view> group_names(const chains& found);

}  // namespace detail
}  // namespace v0
}  // namespace authmatch

#endif
