#ifndef AUTHMATCH_CLAIM_LINE_HPP
#define AUTHMATCH_CLAIM_LINE_HPP

#include <authmatch/care_setting.hpp>
#include <authmatch/date.hpp>
#include <authmatch/decimal.hpp>

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace authmatch {
inline namespace v0 {

/// What a claim does to the claims before it, from its frequency code (CLM05-3).
enum class claim_frequency : char { original = '1', replacement = '7', void_claim = '8' };

/// The one reading of a claim frequency code, for every input (837 CLM05-3, the claim-lines CSV
/// `frequency` column, Python records):
/// - empty (not given), 0 (non-payment), 1 (admit through discharge), 2 3 4 (interim bills:
///   first, continuing, last), 5 (late charges only) and 9 (final home-health claim) are
///   claims of their own, each counting its own usage: original;
/// - 6 (corrected claim, adjustment of a prior claim) and 7: replacement of the claim it names;
/// - 8: void of the claim it names.
/// Anything else (a letter, two characters) is nullopt: the claim cannot be read.
constexpr std::optional<claim_frequency> parse_claim_frequency(std::string_view code) noexcept {
  if (code.empty()) return claim_frequency::original;
  if (code.size() != 1 || code[0] < '0' || code[0] > '9') return std::nullopt;
  switch (code[0]) {
    case '6':
    case '7': return claim_frequency::replacement;
    case '8': return claim_frequency::void_claim;
    default: return claim_frequency::original;
  }
}

/// What an input's message says a frequency code must be.
inline constexpr const char* claim_frequency_expected =
    "a claim frequency code 0-9 (1 original, 6 or 7 replacement, 8 void)";

/// One service line as the validator judges it, with the claim's values already filled in where
/// the line has none (the line's authorization number over the claim's, the line's date over
/// the claim's, rendering 2420A over 2310B over the billing provider, and so on).
///
/// **Important:** a claim_line does not own its text. Every string_view and span refers into the
/// producer's storage (the 837 buffer, a loaded CSV, a Python object) and must stay valid while
/// the line is checked. Findings copy what they keep.
///
/// Identifiers and codes are compared as given after trimming and upper-casing; producers that
/// already normalize (the 837 and CSV readers do) make that free.
struct claim_line {
  std::string_view claim_id;  ///< CLM01, the patient control number
  std::uint32_t line = 0;     ///< LX01
  std::string_view member_id;
  std::string_view payer_id;
  std::optional<date> patient_dob;
  std::string_view auth_number;  ///< REF*G1 of the line, else of the claim; empty = none
  std::string_view code;         ///< CPT/HCPCS; modifiers never change what it matches
  std::span<const std::string_view> modifiers;
  decimal units = decimal::from_integer(1);
  date service_date;               ///< first day of service
  date service_date_end;           ///< last day; equal to service_date for a single day
  std::string_view rendering_npi;  ///< already fallen back to 2310B / billing provider
  std::string_view billing_npi;
  std::string_view facility_npi;                      ///< empty = none on the claim
  std::string_view place_of_service;                  ///< empty = none on the claim
  std::span<const std::string_view> diagnosis_codes;  ///< without dots
  decimal charge;
  claim_frequency frequency = claim_frequency::original;
  std::string_view original_claim_id;  ///< REF*F8 on replacements and voids
  std::string_view referral_number;    ///< REF*9F of the line, else of the claim; empty = none
  /// The level of care billed: an 837I's from its type of bill and revenue codes. nullopt: the
  /// level of the place of service (level_of_care_at), or not checked when it has none.
  std::optional<authmatch::level_of_care> level_of_care;
  /// 837P professional, 837I institutional; nullopt = not known, not checked.
  std::optional<authmatch::claim_type> claim_type;
  /// The line carries no number of its own: auth_number is the claim's (837 2300 REF*G1). Such a
  /// number belongs to some line of the claim, not necessarily this one (docs/judging.md).
  /// Not an input column: the claim-lines CSV gives each row its own number.
  bool auth_number_from_claim = false;
  /// Where the line was read, for its findings' `source`: the input's name and the position in
  /// it (the 837 segment of its LX, the CSV line, the record from 1); empty and 0 when not known.
  std::string_view source_input;
  std::uint64_t source_position = 0;
};

}  // namespace v0
}  // namespace authmatch

#endif
