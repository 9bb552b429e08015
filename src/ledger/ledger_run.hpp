#ifndef AUTHMATCH_SRC_LEDGER_LEDGER_RUN_HPP
#define AUTHMATCH_SRC_LEDGER_LEDGER_RUN_HPP

// How a validation run records into a ledger: in one write transaction, what earlier runs
// recorded for the run's claim groups is read first (prior_usage), the run settles from it, and
// the run's batch (ledger_batch) then replaces what the ledger held for those groups.

#include <authmatch/authorization.hpp>
#include <authmatch/claim_line.hpp>
#include <authmatch/date.hpp>
#include <authmatch/decimal.hpp>
#include <authmatch/ledger.hpp>

#include <map>
#include <set>
#include <span>
#include <string>
#include <tuple>
#include <vector>

namespace authmatch {
inline namespace v0 {
namespace detail {

/// Which authorization row a usage belongs to: number, code and first day of the window.
using ledger_row_key = std::tuple<std::string, std::string, date>;

/// One line's recorded use of an authorization row. For a visit authorization, one record per
/// date of service the line added, with units 1.
struct recorded_usage {
  std::string claim_id;
  std::uint32_t line = 0;
  std::string auth_number;
  std::string code;
  date effective_date;  ///< with number and code, names the authorization row
  date service_date;
  decimal units;
};

/// A claim as the ledger remembers it. Replacements, voids and the claims they superseded are
/// all kept, so that a claim superseded in one run stays superseded when it is sent again.
struct recorded_claim {
  std::string claim_id;
  claim_frequency frequency = claim_frequency::original;
  std::string original_claim_id;  ///< REF*F8
  std::string claim_group;        ///< the first claim of its replacement chain
};

/// What the ledger holds when a run starts.
struct prior_usage {
  /// Units used by the claims outside the run's claim groups, per units row.
  std::map<ledger_row_key, decimal> units;
  /// Dates of service used by the claims outside the run's claim groups, per authorization
  /// number of a visits authorization.
  std::map<std::string, std::set<date>, std::less<>> visit_dates;
  /// The recorded claims of the run's claim groups (those the run's claims are, or name, or are
  /// named by), oldest first, and their usage.
  std::vector<recorded_claim> claims;
  std::vector<recorded_usage> usage;
};

/// What a run records for its claim groups: it replaces everything the ledger held for them.
struct ledger_batch {
  std::vector<recorded_claim> claims;
  std::vector<recorded_usage> usage;
  std::vector<authorization> rows;  ///< the authorization rows the usage refers to
};

/// A run's write transaction on a ledger. Beginning it takes the ledger's write lock (SQLite
/// BEGIN IMMEDIATE) and reads what earlier runs recorded for a run whose claims are or name
/// `claim_ids`; commit() replaces the recorded claims of those groups and their usage with the
/// run's batch. Without commit() (an exception, a kill) the ledger stays as it was before.
class ledger_run {
 public:
  ledger_run(utilization_ledger& ledger, std::span<const std::string> claim_ids);
  ledger_run(const ledger_run&) = delete;
  ledger_run& operator=(const ledger_run&) = delete;
  ~ledger_run();

  const prior_usage& prior() const noexcept { return prior_; }

  void commit(const ledger_batch& batch);

 private:
  utilization_ledger::connection& db_;
  prior_usage prior_;
  bool committed_ = false;
};

}  // namespace detail
}  // namespace v0
}  // namespace authmatch

#endif
