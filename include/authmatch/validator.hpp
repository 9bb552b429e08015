#ifndef AUTHMATCH_VALIDATOR_HPP
#define AUTHMATCH_VALIDATOR_HPP

#include <authmatch/auth_rules.hpp>
#include <authmatch/authorization_index.hpp>
#include <authmatch/claim_line.hpp>
#include <authmatch/finding.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace authmatch {
inline namespace v0 {

/// Checks claim lines against an authorization index. Holds references only: the index and the
/// rules must outlive it. All member functions are const and safe to call from several threads.
class validator {
 public:
  /// Without rules every line requires authorization.
  explicit validator(const authorization_index& index, const auth_rules* rules = nullptr) noexcept
      : index_(&index), rules_(rules) {}
  /// A validator keeps a reference: it cannot be built over a temporary index.
  validator(authorization_index&& index, const auth_rules* rules = nullptr) = delete;

  const authorization_index& index() const noexcept { return *index_; }
  const auth_rules* rules() const noexcept { return rules_; }

  /// Whether the payer needs an authorization for this line's code.
  bool requires_auth(const claim_line& line) const noexcept;

  /// Validates one batch of lines (of one or more claims, consecutive lines of a claim together):
  /// units are consumed in date-of-service order. Findings come in input order.
  std::vector<finding> validate(std::span<const claim_line> lines) const;

 private:
  const authorization_index* index_;
  const auth_rules* rules_;
};

/// Counts of one run.
struct run_summary {
  std::uint64_t claims_read = 0;      ///< validated + rejected
  std::uint64_t claims_rejected = 0;  ///< unreadable: nothing of them was validated
  std::uint64_t lines_read = 0;       ///< lines of validated claims
  std::array<std::uint64_t, finding_kind_count> findings_by_kind{};
  decimal charge_at_risk;  ///< total charge of lines with at least one `deny` finding

  std::uint64_t claims_validated() const noexcept { return claims_read - claims_rejected; }
  std::uint64_t findings(finding_kind kind) const noexcept {
    return findings_by_kind[static_cast<std::size_t>(kind)];
  }
};

/// A batch run over any number of claims from any number of inputs. Each claim is judged as it
/// is added; unit consumption is settled by finish(), in date-of-service order (ties: claim ID,
/// then line number), never in input order.
///
///     authmatch::validation_run run(validator);
///     for (each claim) run.add_claim(lines);   // or run.reject_claim(unreadable_finding)
///     std::vector<authmatch::finding> findings = std::move(run).finish();
class validation_run {
 public:
  explicit validation_run(const validator& checker);

  /// Judges the lines of one claim. The lines need to stay valid only during the call.
  void add_claim(std::span<const claim_line> lines);

  /// Accounts for a claim that could not be read; `unreadable` is reported as it is.
  void reject_claim(finding unreadable);

  /// Moves out the findings that no later claim can change: those of every claim added so far,
  /// except units_exceeded, which depends on lines of earlier dates still to come and is settled
  /// by finish(). In input order, a line's findings in the order of finding_kind; they are
  /// counted in the summary as finish() counts them. Lets a caller hand out the findings of a
  /// long run as it goes instead of holding them all; finish() then returns only what was not
  /// taken (the units_exceeded findings and the findings of claims added since).
  std::vector<finding> take_settled();

  /// Settles unit consumption and returns every finding not taken by take_settled(): in input
  /// order, a line's findings in the order of finding_kind.
  std::vector<finding> finish() &&;

  /// Complete after finish().
  const run_summary& summary() const noexcept { return summary_; }

 private:
  struct consumption {
    authorization_index::row_id row;
    date service_date;
    std::uint32_t line;
    std::uint64_t sequence;  ///< the line's position in the run
    std::string claim_id;
    decimal units;
    decimal charge;
  };

  void check_line(const claim_line& line);
  void add_finding(finding found);
  void settle_units();
  /// Moves findings_ out sorted, counting them in the summary; `more_to_come` remembers the
  /// lines counted at risk for later releases.
  std::vector<finding> release_findings(bool more_to_come);

  const validator* checker_;
  run_summary summary_;
  std::uint64_t sequence_ = 0;
  std::vector<finding> findings_;
  std::vector<std::uint64_t> finding_sequence_;
  std::vector<consumption> consumptions_;
  /// Lines whose charge take_settled() counted at risk (ascending), so finish() counts a line
  /// once when units_exceeded adds to its findings.
  std::vector<std::uint64_t> at_risk_taken_;
};

}  // namespace v0
}  // namespace authmatch

#endif
