#ifndef AUTHMATCH_AUTHORIZATION_HPP
#define AUTHMATCH_AUTHORIZATION_HPP

#include <authmatch/care_setting.hpp>
#include <authmatch/date.hpp>
#include <authmatch/decimal.hpp>
#include <authmatch/error.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace authmatch {
inline namespace v0 {

/// Where a payer's decision stands.
enum class auth_status : std::uint8_t { approved, pending, denied, cancelled, expired };

/// What an authorization's quantity counts.
enum class unit_type : std::uint8_t {
  units,   ///< the units billed on each line
  visits,  ///< distinct dates of service under the authorization number, whatever the units
};

std::string_view to_string(unit_type type) noexcept;
std::optional<unit_type> parse_unit_type(std::string_view text) noexcept;

/// What an authorizations row approves: a prior authorization, or a referral from the patient's
/// primary care provider (docs/judging.md, "Referrals"). Neither stands in for the other.
enum class auth_type : std::uint8_t { authorization, referral };

/// "authorization", "referral".
std::string_view to_string(auth_type type) noexcept;
/// The same names in any case; empty is authorization.
std::optional<auth_type> parse_auth_type(std::string_view text) noexcept;

/// How fast the payer must decide a pending request: 7 calendar days for a standard one, 72
/// hours for an expedited one (CMS-0057-F), unless the payer's profile says otherwise.
enum class auth_priority : std::uint8_t { standard, expedited };

/// "standard", "expedited".
std::string_view to_string(auth_priority priority) noexcept;
/// The same names in any case; empty is standard.
std::optional<auth_priority> parse_auth_priority(std::string_view text) noexcept;

/// "approved", "pending", ...
std::string_view to_string(auth_status status) noexcept;

/// Case-insensitive status names, and the X12 278 HCR01 action codes: A1, A2, A6 (certified in
/// total, partly, modified) are approved, A4 pending, A3 denied, C cancelled.
std::optional<auth_status> parse_auth_status(std::string_view text) noexcept;

/// One authorized service: a row of an authorization export. Rows that share `auth_number`
/// form one authorization (or one referral) and must name the same payer, patient and type.
struct authorization {
  std::string auth_number;
  auth_type type = auth_type::authorization;
  auth_status status = auth_status::approved;
  std::string payer_id;
  std::string member_id;
  std::optional<date> patient_dob;  ///< tells apart dependents who share the member ID
  std::string code;                 ///< CPT or HCPCS; a referral may give * (any code)
  std::optional<decimal> units;     ///< approved quantity; nullopt = no limit
  decimal units_used;               ///< quantity used before this data
  authmatch::unit_type unit_type = authmatch::unit_type::units;
  date effective_date;                         ///< first day of the window (inclusive)
  date expiration_date;                        ///< last day of the window (inclusive)
  std::vector<std::string> rendering_npis;     ///< empty = any provider
  std::vector<std::string> facility_npis;      ///< empty = any facility
  std::vector<std::string> places_of_service;  ///< empty = any site
  std::vector<std::string> diagnosis_codes;    ///< empty = any diagnosis; ICD-10 without dots
  std::optional<authmatch::level_of_care> level_of_care;  ///< nullopt = any level
  std::optional<authmatch::claim_type> claim_type;        ///< nullopt = either claim type
  std::vector<std::string> modifiers;  ///< modifiers the line must carry (26, TC); empty = none

  // The tracker's own columns: never judged, read by the morning review (review.hpp).
  std::optional<date> requested_date;  ///< when the request went to the payer
  auth_priority priority = auth_priority::standard;
  std::string next_action;              ///< the tracker's next step, carried through
  std::optional<date> next_action_due;  ///< when the tracker wants it done
};

/// Brings identifiers and codes to the form they are compared in (trimmed, upper case,
/// diagnoses without dots).
void normalize(authorization& auth);

/// Checks one normalized authorization on its own: required fields, NPI check digits, a window
/// that ends before it starts, negative units. Returns nullopt when it is usable.
std::optional<field_problem> check(const authorization& auth);

}  // namespace v0
}  // namespace authmatch

#endif
