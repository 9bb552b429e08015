#ifndef AUTHMATCH_TESTS_SUPPORT_BUILDERS_HPP
#define AUTHMATCH_TESTS_SUPPORT_BUILDERS_HPP

// Small builders shared by the tests: an authorization and a claim line with sensible defaults
// that each test changes only where its behaviour lies.

#include <authmatch/authmatch.hpp>

#include <algorithm>
#include <deque>
#include <string>
#include <utility>
#include <vector>

namespace authmatch::test {

inline date day(std::string_view iso) { return parse_date(iso).value(); }
inline decimal qty(std::string_view text) { return decimal::parse(text).value(); }

/// Valid NPIs (Luhn check digit over 80840 + the first nine).
inline constexpr std::string_view billing_npi = "1234567893";
inline constexpr std::string_view therapist_npi = "1987654328";
inline constexpr std::string_view other_npi = "1456789019";
inline constexpr std::string_view facility_npi = "1765432103";

/// Authorization A1: payer P1, member M1, 97110, 10 units, all of 2026, approved.
inline authorization make_auth(std::string_view number = "A1", std::string_view code = "97110") {
  authorization a;
  a.auth_number = number;
  a.status = auth_status::approved;
  a.payer_id = "P1";
  a.member_id = "M1";
  a.code = code;
  a.units = decimal::from_integer(10);
  a.effective_date = day("2026-01-01");
  a.expiration_date = day("2026-12-31");
  return a;
}

/// A claim record with the defaults each test changes only where its behaviour lies: claim C1
/// line 1, member M1 of payer P1, one unit of 97110 on 2026-03-02 by the therapist at place 11,
/// a charge of 100.
struct line_spec : claim_record {
  line_spec() {
    claim_id = "C1";
    line = 1;
    member_id = "M1";
    payer_id = "P1";
    code = "97110";
    service_date = day("2026-03-02");
    rendering_npi = therapist_npi;
    billing_npi = authmatch::test::billing_npi;
    place_of_service = "11";
    charge = decimal::from_integer(100);
  }
};

inline authorization_index index_of(std::vector<authorization> auths) {
  authorization_index index;
  for (auto& a : auths) index.add(std::move(a));
  return index;
}

/// Options that report denials only: most tests are about one denial and its boundary.
inline constexpr validator_options denials_only{std::nullopt, std::nullopt};

/// A run whose findings are collected as it hands them out.
struct collected_run {
  explicit collected_run(const validator& checker, run_options options = {})
      : run(
            checker, [this](finding& f) { found.push_back(std::move(f)); }, options) {}
  collected_run(const collected_run&) = delete;
  collected_run& operator=(const collected_run&) = delete;

  /// The findings handed out since the last take().
  std::vector<finding> take() { return std::exchange(found, {}); }
  /// Hands out what no later claim can change, and takes it.
  std::vector<finding> take_settled() {
    run.hand_out_settled();
    return take();
  }
  /// Finishes the run: the findings not taken yet, and the summary.
  std::vector<finding> finish() {
    summary = std::move(run).finish();
    return take();
  }

  std::vector<finding> found;
  validation_run run;
  run_summary summary;  ///< complete after finish()
};

/// Validates the lines as one run, recorded in `ledger` when given. Consecutive lines with the
/// same claim ID form one claim.
inline std::vector<finding> check_run(const validator& checker, const std::vector<line_spec>& specs,
                                      utilization_ledger* ledger = nullptr) {
  collected_run collected(checker, {ledger});
  auto& run = collected.run;
  std::vector<claim_line> lines;
  const auto flush = [&] {
    if (!lines.empty()) run.add_claim(lines);
    lines.clear();
  };
  for (std::size_t i = 0; i < specs.size(); ++i) {
    if (i != 0 && specs[i].claim_id != specs[i - 1].claim_id) flush();
    lines.push_back(specs[i].view());
  }
  flush();
  return collected.finish();
}

/// Validates the lines as one run (each line its own claim unless claim IDs repeat).
inline std::vector<finding> check(const authorization_index& index,
                                  const std::vector<line_spec>& specs,
                                  const auth_rules* rules = nullptr,
                                  validator_options options = denials_only) {
  return check_run(validator(index, rules, options), specs);
}

/// The findings of one kind.
inline std::vector<finding> only(const std::vector<finding>& findings, finding_kind kind) {
  std::vector<finding> kept;
  std::copy_if(findings.begin(), findings.end(), std::back_inserter(kept),
               [&](const finding& f) { return f.kind == kind; });
  return kept;
}

inline std::vector<finding_kind> kinds_of(const std::vector<finding>& findings) {
  std::vector<finding_kind> kinds;
  for (const auto& f : findings) kinds.push_back(f.kind);
  return kinds;
}

inline bool contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

}  // namespace authmatch::test

#endif
