#ifndef AUTHMATCH_SYNTH_GENERATOR_HPP
#define AUTHMATCH_SYNTH_GENERATOR_HPP

// A deterministic synthetic 837 generator: for a seed, the same 837P or 837I file, the
// authorizations CSV its claims are meant to be checked against, and the values the reader must
// give back for each line (for round-trip tests, or as a claim-lines CSV).
//
// The claims are a realistic mix: REF*G1 at claim and line level (and missing or wrong), rendering
// and facility loops at claim and line level, RD8 date ranges, dependents (HL 23), replacement
// and void claims with REF*F8, several lines per claim, diagnosis pointers; and authorizations
// that the lines sometimes miss (another code, outside the window, too many units, another site).

#include "output.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string_view>

namespace authmatch::synth {

enum class claim_kind { professional, institutional };

struct options {
  claim_kind kind = claim_kind::professional;
  std::uint64_t claims = 100;      ///< claims to write (when target_bytes is 0)
  std::uint64_t target_bytes = 0;  ///< when set: write claims until the 837 reaches this size
  std::uint64_t seed = 1;
  std::uint64_t claims_per_transaction = 5000;  ///< ST..SE size
  /// Members (each with up to two dependents and their authorizations); 0 sizes the population
  /// from the claims to come (a quarter of them, at most 40,000).
  std::uint64_t members = 0;
  delimiters delims;
  /// When set (0 to 1): about this share of the lines carries one planted problem (a code the
  /// authorization does not approve, a number not on file, or on an 837P a day after the
  /// window) and every other line is clean: approved, in its window, with units, provider, site,
  /// referral and enrollment in order. When not set: the dense mix, where most lines carry a
  /// problem.
  std::optional<double> problem_share;
};

/// What the generator wrote for one line, already fallen back as docs/inputs.md says: what an 837
/// reader must give back. Views are valid during the callback only.
struct expected_line {
  std::string_view claim_id;
  std::uint32_t line = 0;
  std::string_view member_id, payer_id;
  std::int64_t patient_dob = 0;  ///< days since 1970-01-01
  std::string_view auth_number, code;
  std::span<const std::string_view> modifiers;
  std::int64_t units = 0;                               ///< thousandths
  std::int64_t service_date = 0, service_date_end = 0;  ///< days since 1970-01-01
  std::string_view rendering_npi, billing_npi, facility_npi, place_of_service;
  std::span<const std::string_view> diagnosis_codes;  ///< without dots
  std::int64_t charge = 0;                            ///< thousandths
  char frequency = '1';
  std::string_view original_claim_id;
  std::string_view referral_number;
  std::string_view level_of_care;  ///< "inpatient", "observation", "outpatient" or empty
  std::string_view claim_type;     ///< "professional" or "institutional"
  /// The kinds of finding the generator planted on the line (provider enrollment, referrals,
  /// level of care, component), "|"-joined in finding_kind order, as authmatch must find them
  /// with the generator's rules and roster (--rules-out, --enrollment-out).
  std::string_view expected_kinds;
};

struct totals {
  std::uint64_t claims = 0, lines = 0, x12_bytes = 0, authorizations = 0;
};

/// Writes the 837 to `x12`, the authorizations CSV to `auths`, the enrollment roster to
/// `enrollment` and the rules to `rules` (each when not null), and calls `on_line` for every
/// line written (when set).
totals generate(const options& opts, output& x12, output* auths,
                const std::function<void(const expected_line&)>& on_line = {},
                output* enrollment = nullptr, output* rules = nullptr);

/// The claim-lines CSV header, and one row for `line` (the format `authmatch validate` reads).
std::string_view claim_lines_header();
void append_claim_line_row(std::string& out, const expected_line& line);

}  // namespace authmatch::synth

#endif
