#ifndef AUTHMATCH_SRC_SETTLEMENT_HPP
#define AUTHMATCH_SRC_SETTLEMENT_HPP

// Settling a run: which claims count (replacements and voids), what each counted line uses of
// its authorization in date-of-service order, and the findings that depend on it.

#include "ledger/ledger_run.hpp"
#include "run/run_state.hpp"

namespace authmatch {
inline namespace v0 {
namespace detail {

/// Every claim ID the run's claims are or name: what the ledger needs to find their groups.
std::vector<std::string> claim_ids_of(const run_state& run);

/// Parks claim_replaced and claim_voided findings in the run's claim_changes, and puts
/// units_exceeded, referral_exceeded and units_low in its units_findings, starting from what
/// earlier runs recorded (`prior`, empty without a ledger), and returns what the run records. The
/// usage of each partition of the run's usage_store is settled alone, on up to `threads` threads;
/// the findings, the summary and what is recorded are the same for any number.
ledger_batch settle(run_state& run, const prior_usage& prior, unsigned threads = 1);

/// Sets `out` to a units finding as it is handed out, reading its claim with `claims` (a reader of
/// the run's claims: findings handed out in order read them in order). `out` may be one written
/// before: every member is set, keeping its strings' room.
void write_units_finding(const run_state& run, const units_finding& found, claim_reader& claims,
                         finding& out);

}  // namespace detail
}  // namespace v0
}  // namespace authmatch

#endif
