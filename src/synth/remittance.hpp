#ifndef AUTHMATCH_SYNTH_REMITTANCE_HPP
#define AUTHMATCH_SYNTH_REMITTANCE_HPP

// The payer's side of a generated batch: an 835 remittance advice for the claims of an 837, as a
// payer would adjudicate them, and the truth of every decision, so that a reconciliation's counts
// can be checked against what is known.
//
// The payer decides each line with authmatch's own judgement (the claims read back from the 837
// and checked against the generated authorizations, the payer's rules and the roster): a line
// authmatch would deny is denied with the codes of its first `deny` finding, the others are paid.
// The rules kept for the run (--rules-out) omit authorization for one payer and code that the
// payer still requires: a line of that pair the payer's rules deny is denied, with CO-197 when the
// run with the kept rules passes it, else with the codes of the run's own `deny` finding (a
// reason the run still finds holds for the payer too). A share of the other decisions are ones a
// tracker could not know: a denial with CO-197 of a line authmatch passed (the payer requires an
// authorization the rules do not know of), a denial of a passed line for a reason outside
// authorization (CO-97 bundled, CO-18 duplicate, PR-1 deductible), or a predicted denial the payer
// paid anyway.

#include "generator.hpp"
#include "output.hpp"

#include <authmatch/claim_sink.hpp>

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace authmatch::synth {

struct remittance_options {
  double surprises = 0.05;  ///< share of lines whose decision a tracker could not know
  /// Share of claims whose lines carry no REF*6R (matched by code and date instead); only claims
  /// whose lines differ in code or date are chosen, so that the match is unambiguous.
  double without_control_numbers = 0.2;
  std::uint64_t seed = 1;
  delimiters delims;
};

/// What authmatch found on one line: the kinds ("|"-joined, in the order found) and the codes
/// of the first `deny` finding (empty carc: none).
struct line_judgement {
  std::string kinds;
  std::string group, carc;
  std::vector<std::string> rarc;
};

/// Every line's judgement, by claim ID and line number (index line - 1).
using judgements = std::unordered_map<std::string, std::vector<line_judgement>>;

/// A payer and code for which the rules kept for the run say no authorization is needed,
/// although the payer requires one.
struct omitted_rule {
  std::string payer_id, code;
};

/// The batch judged twice: with the payer's own rules, and with the rules kept for the run
/// (`run_rules`, --rules-out): the payer's, but for a `PAYER,CODE,no` row per omitted pair.
struct batch_judgements {
  judgements payer, run;
  std::string run_rules;
  std::vector<omitted_rule> omitted;
};

/// Judges the claims `read` hands its sink (e.g. read_837_file() of the generated 837) as
/// `authmatch validate` would, with the authorizations, rules and roster given as CSV text.
judgements judge(const std::function<void(claim_sink&)>& read, std::string_view authorizations_csv,
                 std::string_view rules_csv, std::string_view enrollment_csv);

struct remittance_totals {
  std::uint64_t claims = 0, lines = 0;
  std::uint64_t predicted = 0;  ///< lines authmatch denies
  std::uint64_t authorization_denials = 0;
  std::uint64_t unforeseen = 0;     ///< CO-197 on a line authmatch passed
  std::uint64_t other_denials = 0;  ///< CO-97, CO-18 or PR-1 on a line authmatch passed
  std::uint64_t paid_anyway = 0;    ///< predicted denials the payer paid
  std::uint64_t rule_omitted = 0;   ///< CO-197 on a line of a pair the kept rules omit
};

/// What the 835 needs of a generated claim and its lines.
struct kept_line {
  std::uint32_t number = 0;
  std::string code;
  std::vector<std::string> modifiers;
  std::int64_t units = 0, charge = 0, from = 0, to = 0;  ///< thousandths; days since 1970
};
struct kept_claim {
  std::string id, member_id, payer_id, billing_npi, place;
  char frequency = '1';
  bool institutional = false;
  std::vector<kept_line> lines;
};

/// Keeps the lines of a generated batch (feed it every expected_line), then writes the payer's
/// 835 and, when `truth` is set, one CSV row per service line with the decision
/// (remittance_truth_header()). Void claims (frequency 8) get no claim payment: a payer reverses
/// the original claim, which is not in the batch.
class remittance_writer {
 public:
  explicit remittance_writer(remittance_options opts) : opts_(opts) {}

  void add(const expected_line& line);

  /// Judges the kept lines' claims (`read` hands them to its sink) with the payer's rules, chooses
  /// from the seed one payer and code among those the payer denies a line of, and judges them
  /// again with the rules that omit that pair.
  batch_judgements judge_batch(const std::function<void(claim_sink&)>& read,
                               std::string_view authorizations_csv, std::string_view rules_csv,
                               std::string_view enrollment_csv) const;

  remittance_totals write(const batch_judgements& found, output& x835, output* truth) const;

 private:
  remittance_options opts_;
  std::vector<kept_claim> claims_;
};

/// The header of the truth CSV.
std::string_view remittance_truth_header();

}  // namespace authmatch::synth

#endif
