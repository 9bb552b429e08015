#ifndef AUTHMATCH_SRC_RUN_STATE_HPP
#define AUTHMATCH_SRC_RUN_STATE_HPP

// What a validation_run gathers until finish(): findings that do not depend on other lines (in
// memory, or parked in a spool once there are many), the claims it read, and the usage their
// lines would make of authorization rows.

#include "engine/line_values.hpp"
#include "engine/recycling_vector.hpp"
#include "run/finding_spool.hpp"
#include "run/run_usage.hpp"
#include "run/units_store.hpp"
#include "run/usage_store.hpp"

#include <authmatch/ledger.hpp>
#include <authmatch/validator.hpp>
#include "index/string_pool.hpp"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace authmatch {
inline namespace v0 {
namespace detail {

/// The claims of a run, a few bytes each: identifiers are interned, so a claim ID, its member and
/// payer cost an index each.
class run_claims {
 public:
  using id = string_pool::id;
  static constexpr id none = ~id{0};

  /// 40 bytes: the fields are ordered so that only the frequency is padded.
  struct claim {
    id claim_id = none;                    ///< into ids(); the empty ID too
    id original_id = none;                 ///< REF*F8, none when absent
    id member_id = none, payer_id = none;  ///< into the parties, normalized
    id source_input = none;                ///< into the parties: the input it was read from
    claim_frequency frequency = claim_frequency::original;
    std::uint64_t sequence = 0;         ///< the position of the claim itself; its lines follow
    std::uint64_t source_position = 0;  ///< of its first line (claim_line::source_position)
  };
  static_assert(sizeof(claim) == 40);

  /// Adds the claim of `first` (a line of it) and returns its index.
  std::uint32_t add(const claim_line& first, std::uint64_t sequence) {
    return add(first.claim_id, first.original_claim_id, first.member_id, first.payer_id,
               first.frequency, sequence, first.source_input, first.source_position);
  }

  /// Adds a claim by its values (an empty original ID: none) and returns its index.
  std::uint32_t add(std::string_view claim_id, std::string_view original_id,
                    std::string_view member_id, std::string_view payer_id,
                    claim_frequency frequency, std::uint64_t sequence,
                    std::string_view source_input, std::uint64_t source_position) {
    claim c;
    c.source_input = input_id(source_input);
    c.source_position = source_position;
    c.claim_id = note(claim_id);
    if (!original_id.empty()) c.original_id = note(original_id);
    std::string scratch;
    c.member_id = parties_.intern(normalized(member_id, scratch));
    c.payer_id = parties_.intern(normalized(payer_id, scratch));
    c.frequency = frequency;
    c.sequence = sequence;
    claims_.push_back(c);
    return static_cast<std::uint32_t>(claims_.size() - 1);
  }

  /// Steps of prefetch().
  static constexpr int prefetch_steps = 3;
  /// Starts loading step `step` of what add(first) reads, each step what the one before found:
  /// the slots of the claim's ID and member, then where the member's text begins, then the text
  /// (in a run of millions of claims, each a cache miss). For a caller that knows the claims it
  /// adds next.
  void prefetch(const claim_line& first, int step) const noexcept {
    if (step == 0) {
      ids_.prefetch(first.claim_id);
      parties_.prefetch(first.member_id);
    } else if (const auto member = parties_.likely_id(first.member_id)) {
      parties_.prefetch_text(*member, step > 1);
    }
  }

  std::size_t size() const noexcept { return claims_.size(); }
  const claim& operator[](std::size_t i) const noexcept { return claims_[i]; }
  auto begin() const noexcept { return claims_.begin(); }
  auto end() const noexcept { return claims_.end(); }

  std::string_view claim_id(const claim& c) const noexcept { return ids_[c.claim_id]; }
  std::string_view original_id(const claim& c) const noexcept {
    return c.original_id == none ? std::string_view() : ids_[c.original_id];
  }
  std::string_view member_id(const claim& c) const noexcept { return parties_[c.member_id]; }
  std::string_view payer_id(const claim& c) const noexcept { return parties_[c.payer_id]; }
  std::string_view source_input(const claim& c) const noexcept { return parties_[c.source_input]; }

  /// A procedure code kept with the parties (a few thousand distinct ones in any batch).
  id note_code(std::string_view code) {
    std::string scratch;
    return parties_.intern(normalized(code, scratch));
  }
  std::string_view code(id which) const noexcept { return parties_[which]; }

  /// Every claim ID the claims have or name, the empty one included.
  const string_pool& ids() const noexcept { return ids_; }

  /// Whether another claim of the run may take the claim's usage or share it: it is a
  /// replacement or void, names an original, or its ID is another claim's or named by one.
  bool may_chain(const claim& c) const noexcept {
    return c.frequency != claim_frequency::original || c.original_id != none ||
           (uses_[c.claim_id] > 1 && !ids_[c.claim_id].empty());
  }

  void clear() { *this = run_claims(); }

 private:
  /// The input's name kept with the parties; the claims of one input come one after another, so
  /// the last one is compared first instead of hashing the name for every claim.
  id input_id(std::string_view name) {
    if (last_input_ == none || parties_[last_input_] != name) last_input_ = parties_.intern(name);
    return last_input_;
  }

  id note(std::string_view text) {
    const auto found = ids_.intern(text);
    if (found == uses_.size()) uses_.push_back(0);
    if (uses_[found] < 2) ++uses_[found];
    return found;
  }

  large_vector<claim> claims_;
  string_pool ids_, parties_;
  large_vector<std::uint8_t> uses_;  ///< by ID: how often claims have or name it, up to 2
  id last_input_ = none;             ///< input_id()'s last answer
};

struct run_state {
  /// Findings held in memory before the older ones are parked in the spool.
  static constexpr std::size_t findings_held = 4096;

  run_state(const validator& judge, utilization_ledger* recording,
            std::size_t memory_budget = 0) noexcept
      : checker(&judge), ledger(recording), usage(memory_budget), units_findings(memory_budget) {}

  void count(finding_kind kind) noexcept {
    ++summary.findings_by_kind[static_cast<std::size_t>(kind)];
  }

  /// Holds a finding until it is released, and counts it. It is swapped with one released
  /// before: `found` is left with that one's strings, whose room whoever fills it next reuses,
  /// and neither's are freed.
  void take_finding(finding& found, std::uint64_t at) {
    count(found.kind);
    using std::swap;
    swap(findings.add(), found);
    finding_sequence.push_back(at);
  }

  const validator* checker;
  utilization_ledger* ledger;
  /// Where findings go as they are handed out: to `handler`, or (when `format_handed_out` is
  /// set: a run made with a text_output, which has no parts) written out as text and handed to
  /// `write`.
  finding_handler handler;
  finding_formatter format_handed_out;
  std::function<void(std::string_view)> write;
  run_summary summary;
  std::uint64_t sequence = 0;
  /// Those parked before keep their strings' room (recycling_vector, take_finding).
  recycling_vector<finding> findings;
  std::vector<std::uint64_t> finding_sequence;  ///< where each finding sorts
  finding_spool spool;  ///< settled findings before those in `findings`, in order
  /// What settlement says of claims (claim_replaced, claim_voided), in input order.
  finding_spool claim_changes;
  run_claims claims;
  usage_store usage;
  /// Settled by finish(): by partition of the usage, each in handing-out order (key_of).
  units_store units_findings;
};

}  // namespace detail
}  // namespace v0
}  // namespace authmatch

#endif
