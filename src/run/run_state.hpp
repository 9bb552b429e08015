#ifndef AUTHMATCH_SRC_RUN_STATE_HPP
#define AUTHMATCH_SRC_RUN_STATE_HPP

// What a validation_run gathers until finish(): findings that do not depend on other lines
// (parked in a spool: in memory, then in a temporary file once there are many), the claims it
// read, and the usage their lines would make of authorization rows.

#include "engine/line_values.hpp"
#include "run/finding_spool.hpp"
#include "run/run_claims.hpp"
#include "run/run_usage.hpp"
#include "run/units_store.hpp"
#include "run/usage_store.hpp"

#include <authmatch/ledger.hpp>
#include <authmatch/validator.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string_view>

namespace authmatch {
inline namespace v0 {
namespace detail {

struct run_state {
  run_state(const validator& judge, utilization_ledger* recording, std::size_t budget = 0) noexcept
      : checker(&judge),
        ledger(recording),
        memory_budget(budget),
        usage(budget),
        units_findings(budget) {}

  void count(finding_kind kind) noexcept {
    ++summary.findings_by_kind[static_cast<std::size_t>(kind)];
  }

  /// Parks a finding in the spool, where it waits to be handed out, and counts it. Findings
  /// are parked in handing-out order: by position, then kind.
  void park(const finding& found, std::uint64_t at) {
    count(found.kind);
    spool.write(at, found);
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
  finding_spool spool;  ///< the judged findings, in handing-out order
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
