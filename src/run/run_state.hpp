#ifndef AUTHMATCH_SRC_RUN_STATE_HPP
#define AUTHMATCH_SRC_RUN_STATE_HPP

// What a validation_run gathers until finish(): findings that do not depend on other lines (in
// memory, or parked in a spool once there are many), the claims it read, and the usage their
// lines would make of authorization rows.

#include "engine/line_values.hpp"
#include "engine/recycling_vector.hpp"
#include "run/finding_spool.hpp"
#include "run/run_claims.hpp"
#include "run/run_usage.hpp"
#include "run/units_store.hpp"
#include "run/usage_store.hpp"

#include <authmatch/finding_fields.hpp>
#include <authmatch/ledger.hpp>
#include <authmatch/validator.hpp>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace authmatch {
inline namespace v0 {
namespace detail {

struct run_state {
  /// Findings held in memory before the older ones are parked in the spool.
  static constexpr std::size_t findings_held = 4096;

  run_state(const validator& judge, utilization_ledger* recording, std::size_t budget = 0) noexcept
      : checker(&judge),
        ledger(recording),
        memory_budget(budget),
        usage(budget),
        units_findings(budget) {}

  void count(finding_kind kind) noexcept {
    ++summary.findings_by_kind[static_cast<std::size_t>(kind)];
  }

  /// Holds a finding until it is released, and counts it. It is swapped with one released
  /// before, value by value (each string's own swap, not the three moves of std::swap): `found`
  /// is left with that one's strings, whose room whoever fills it next reuses, and neither's
  /// are freed.
  void take_finding(finding& found, std::uint64_t at) {
    count(found.kind);
    finding& held = findings.add();
    for_each_finding_field([&](const finding_field&, auto member) {
      using std::swap;
      swap(held.*member, found.*member);
    });
    held.source.swap(found.source);
    finding_sequence.push_back(at);
  }

  /// Where held finding `i` is handed out.
  finding_key key_of_held(std::uint32_t i) const noexcept {
    return {finding_sequence[i], findings[i].kind};
  }

  const validator* checker;
  utilization_ledger* ledger;
  std::size_t memory_budget;  ///< run_options::memory_budget
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
