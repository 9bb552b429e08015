#ifndef AUTHMATCH_FINDING_HPP
#define AUTHMATCH_FINDING_HPP

#include <authmatch/date.hpp>
#include <authmatch/decimal.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace authmatch {
inline namespace v0 {

/// Why a line would be denied (or could not be read). The names are the contract shared by the
/// library, the CLI output and the Python bindings.
enum class finding_kind : std::uint8_t {
  auth_missing,             ///< no authorization on file for the line (CO-197)
  auth_number_missing,      ///< an authorization matches but the claim does not carry its number
  auth_number_unknown,      ///< the number on the claim is not on file
  auth_number_mismatch,     ///< the number belongs to another patient or payer
  auth_not_approved,        ///< pending, denied, cancelled or expired status
  auth_not_yet_effective,   ///< service before the window opens
  auth_expired,             ///< service after the window closes
  code_mismatch,            ///< the billed code is not one the authorization approves
  units_exceeded,           ///< more units than remain (cumulative)
  provider_mismatch,        ///< rendering / billing NPI not the authorized one
  site_mismatch,            ///< place of service or facility not the authorized one
  diagnosis_mismatch,       ///< no diagnosis of the line is among the approved ones
  provider_not_enrolled,    ///< the rendering or billing NPI is not enrolled with the payer (CO-B7)
  referral_missing,         ///< the code needs a referral and none on file covers the line (CO-288)
  referral_exceeded,        ///< the covering referral's visits are used up (CO-287)
  referral_number_missing,  ///< a referral covers the line but the claim does not carry it
  level_of_care_mismatch,   ///< approved for another level of care (inpatient, observation, ...)
  component_mismatch,       ///< approved for another claim type or without the line's component
  auth_expiring_soon,       ///< warning: the authorization ends soon after the service
  units_low,                ///< warning: little of the approved quantity remains after the line
  claim_replaced,           ///< information: a replacement claim took over an earlier one's usage
  claim_voided,             ///< information: a void released an earlier claim's usage
  claim_unreadable,         ///< the claim could not be read; nothing of it was validated
  input_fault,              ///< the input is damaged where claims or lines may have been lost: an
                            ///< envelope that does not close or whose counts disagree, a segment
                            ///< that was ignored or could not be read
};

inline constexpr std::size_t finding_kind_count = 24;

/// Every kind, in declaration order.
inline constexpr std::array<finding_kind, finding_kind_count> all_finding_kinds = {
    finding_kind::auth_missing,           finding_kind::auth_number_missing,
    finding_kind::auth_number_unknown,    finding_kind::auth_number_mismatch,
    finding_kind::auth_not_approved,      finding_kind::auth_not_yet_effective,
    finding_kind::auth_expired,           finding_kind::code_mismatch,
    finding_kind::units_exceeded,         finding_kind::provider_mismatch,
    finding_kind::site_mismatch,          finding_kind::diagnosis_mismatch,
    finding_kind::provider_not_enrolled,  finding_kind::referral_missing,
    finding_kind::referral_exceeded,      finding_kind::referral_number_missing,
    finding_kind::level_of_care_mismatch, finding_kind::component_mismatch,
    finding_kind::auth_expiring_soon,     finding_kind::units_low,
    finding_kind::claim_replaced,         finding_kind::claim_voided,
    finding_kind::claim_unreadable,       finding_kind::input_fault,
};

std::string_view to_string(finding_kind kind) noexcept;
std::optional<finding_kind> parse_finding_kind(std::string_view name) noexcept;

enum class severity : std::uint8_t { deny, warn, info, error };

std::string_view to_string(severity level) noexcept;

/// The severity every finding of a kind has: warn for the early warnings, info for the notes on
/// replacements and voids, error for an unreadable claim or a damaged input, deny for the rest.
severity severity_of(finding_kind kind) noexcept;

/// One problem on one claim line (line 0: the whole claim), with the adjustment codes the payer
/// would use and the fix.
struct finding {
  std::string claim_id;
  std::uint32_t line = 0;
  finding_kind kind = finding_kind::auth_missing;
  severity level = severity::deny;
  std::string group;                       ///< claim adjustment group code, "CO"
  std::string carc;                        ///< claim adjustment reason code, "197"
  std::vector<std::string> rarc;           ///< remittance advice remark codes, {"N54"}
  std::optional<std::string> auth_number;  ///< the authorization compared against
  std::string member_id;
  std::string payer_id;
  std::string code;
  std::optional<date> service_date;  ///< first day of service
  std::optional<decimal> units;
  std::optional<decimal> charge;
  std::string expected;
  std::string actual;
  std::string message;  ///< one plain sentence that names the fix
  /// Where the line was read: "input:position", the input's name and the 837 segment number
  /// of the line's LX, the claim-lines CSV line or the Python record (from 1). A finding about a
  /// whole claim names its first line; one about a claim that could not be read, where it
  /// starts (its CLM, its first row); an input_fault, the faulty segment. Empty when not known.
  /// Not one of the output fields above (for_each_finding_field): the CLI writes it when asked
  /// (`--with-source`).
  std::string source;
};

/// The `source` of a finding read at `position` of `input` (see finding::source).
std::string source_text(std::string_view input, std::uint64_t position);

}  // namespace v0
}  // namespace authmatch

#endif
