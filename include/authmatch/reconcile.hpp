#ifndef AUTHMATCH_RECONCILE_HPP
#define AUTHMATCH_RECONCILE_HPP

#include <authmatch/auth_rules.hpp>
#include <authmatch/finding.hpp>
#include <authmatch/payer_profiles.hpp>
#include <authmatch/remittance.hpp>

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace authmatch {
inline namespace v0 {

/// Reads the findings a validation run wrote as JSON Lines (validate --format jsonl). Throws
/// input_error naming file, line and column for a line that is not a finding.
std::vector<finding> load_findings(const std::filesystem::path& path);
std::vector<finding> parse_findings(std::string_view jsonl,
                                    std::string_view file_name = "<memory>");

/// Whether a payer's adjustment is about authorization: CARC 197, 198, 39, 15, 62, 284, 296,
/// 302, 287, 288, 243 or B7, or 16 with remark M62 or N54 among `remarks`.
bool is_authorization_denial(const remittance_adjustment& adjustment,
                             std::span<const std::string> remarks) noexcept;

/// The counts of a reconciliation, all per service line (SVC). A line is denied when the payer
/// made an authorization-related adjustment to it (or to its whole claim); it is predicted denied
/// when the run gave it a `deny` finding. lines_read == lines_matched + lines_unmatched;
/// denials_made == true_positives + missed; denials_predicted == true_positives + false_alarms.
struct reconcile_counts {
  std::uint64_t claims_read = 0;    ///< CLP segments
  std::uint64_t lines_read = 0;     ///< SVC segments, of unreadable claims and outside any too
  std::uint64_t lines_matched = 0;  ///< lines matched to a line the run has findings for
  /// the others: no finding, an unreadable claim, a reversal (CLP02 22) or a payment it reversed
  std::uint64_t lines_unmatched = 0;
  std::uint64_t denials_made = 0;
  std::uint64_t denials_predicted = 0;
  std::uint64_t true_positives = 0;
  std::uint64_t missed = 0;        ///< denied, not predicted
  std::uint64_t false_alarms = 0;  ///< predicted, not denied

  /// true_positives / denials_predicted; nullopt when nothing was predicted.
  std::optional<double> precision() const noexcept;
  /// true_positives / denials_made; nullopt when nothing was denied.
  std::optional<double> recall() const noexcept;
};

/// What a missed denial (or a denial under other codes than predicted) teaches, for one payer,
/// code and adjustment.
struct reconcile_lesson {
  std::string payer_id;
  std::string code;
  std::string adjustment;  ///< "CO-197", with remarks: "CO-16 M62"
  std::uint64_t lines = 0;
  std::string message;  ///< "payer 61101 denied 97140 with CO-197: ...; add ..."
};

/// One row per payer and code.
struct reconcile_row {
  std::string payer_id;  ///< "" when neither the remittance nor the findings name the payer
  std::string code;
  reconcile_counts counts;
  std::vector<std::string> lessons;  ///< the messages of its lessons
};

struct reconcile_report {
  reconcile_counts totals;
  std::uint64_t claims_rejected = 0;  ///< CLP that could not be read (their lines: unmatched)
  std::map<std::string, reconcile_counts> by_payer;
  std::vector<reconcile_row> rows;  ///< by payer, then code
  std::vector<reconcile_lesson> lessons;
};

struct reconcile_options {
  /// Compare the payer's codes through these profiles: a payer whose profile maps a kind to
  /// CO-15 agrees with a predicted finding of that kind when it sends CO-15. Must outlive the
  /// reconciliation.
  const payer_profiles* profiles = nullptr;
  /// The rules of the validation run, so that lessons can say whether a rule is missing.
  const auth_rules* rules = nullptr;
};

/// Matches remittance lines with a run's findings: CLP01 is the claim ID; a line by its REF*6R
/// line control number (the finding's `line`) when the claim's control numbers can be line
/// numbers (remittance_claim::control_numbers_are_lines), else by its position when code and
/// date agree, else by code and date, in order. A reversal (CLP02 22) is no decision: it takes
/// back the latest payment of its claim by the same payer fed before it, that of its CLP07 first
/// (docs/remittances.md, "Reversals"). Feed it 835s (it is a remittance_sink), oldest first,
/// then take the report.
class reconciliation final : public remittance_sink {
 public:
  explicit reconciliation(std::span<const finding> findings, reconcile_options options = {});
  reconciliation(reconciliation&&) noexcept;
  reconciliation& operator=(reconciliation&&) noexcept;
  ~reconciliation() override;

  void on_claim(const remittance_claim& claim) override;
  void on_rejected(const remittance_rejection& rejected) override;
  /// An SVC outside any claim: a line read, unmatched (in the totals and for its payer).
  void on_stray_line(const remittance_stray_line& line) override;

  /// The report of every claim fed so far.
  reconcile_report report() const;

 private:
  struct state;
  std::unique_ptr<state> state_;
};

/// The report as a table for a terminal (with the lessons after it), as CSV rows (header
/// first, CRLF line ends) or JSON Lines, one row per payer and code; and the summary JSON.
std::string reconcile_table(const reconcile_report& report);
std::string reconcile_csv(const reconcile_report& report);
std::string reconcile_jsonl(const reconcile_report& report);
std::string reconcile_summary_json(const reconcile_report& report);

}  // namespace v0
}  // namespace authmatch

#endif
