#ifndef AUTHMATCH_SRC_RUN_STATE_HPP
#define AUTHMATCH_SRC_RUN_STATE_HPP

// What a validation_run gathers until finish(): findings that do not depend on other lines, the
// claims it read, and the usage their lines would make of authorization rows.

#include <authmatch/ledger.hpp>
#include <authmatch/validator.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace authmatch {
inline namespace v0 {
namespace detail {

struct run_claim {
  std::string id;
  std::string original_id;  ///< REF*F8
  claim_frequency frequency = claim_frequency::original;
  std::uint64_t sequence = 0;  ///< the position of the claim itself; its lines follow
  std::string member_id, payer_id;
};

/// A line matched to an approved row inside its window: it uses the row's quantity.
struct run_usage {
  authorization_index::row_id row = 0;
  date first_day, last_day;
  std::uint32_t line = 0;
  std::uint32_t claim = 0;     ///< into run_state::claims
  std::uint64_t sequence = 0;  ///< the line's position in the run
  decimal units, charge;
};

struct run_state {
  run_state(const validator& checker_, utilization_ledger* ledger_) noexcept
      : checker(&checker_), ledger(ledger_) {}

  void add_finding(finding found, std::uint64_t at) {
    findings.push_back(std::move(found));
    finding_sequence.push_back(at);
  }

  const validator* checker;
  utilization_ledger* ledger;
  run_summary summary;
  std::uint64_t sequence = 0;
  std::vector<finding> findings;
  std::vector<std::uint64_t> finding_sequence;  ///< where each finding sorts
  std::vector<run_claim> claims;
  std::vector<run_usage> usage;
  /// Lines whose charge take_settled() counted at risk (ascending), so that a line is counted
  /// once when finish() adds to its findings.
  std::vector<std::uint64_t> at_risk_taken;
};

}  // namespace detail
}  // namespace v0
}  // namespace authmatch

#endif
