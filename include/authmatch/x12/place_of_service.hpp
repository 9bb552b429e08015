#ifndef AUTHMATCH_X12_PLACE_OF_SERVICE_HPP
#define AUTHMATCH_X12_PLACE_OF_SERVICE_HPP

#include <authmatch/care_setting.hpp>

#include <optional>
#include <string_view>

namespace authmatch {
inline namespace v0 {
namespace x12 {

/// The CMS place-of-service code an 837I claim's facility type (CLM05-1, the first two digits of
/// the type of bill) stands for, or "" when there is no clear one. 837I lines carry no place of
/// service, so an authorization that restricts the site is compared with this.
///
/// | facility type (CLM05-1) | place of service |
/// |---|---|
/// | 11, 12 hospital inpatient (Part A, Part B) | 21 inpatient hospital |
/// | 13 hospital outpatient | 22 on-campus outpatient hospital |
/// | 14 hospital, non-patient referred diagnostics | 22 on-campus outpatient hospital |
/// | 21, 22 skilled nursing inpatient, 28 SNF swing bed | 31 skilled nursing facility |
/// | 23 skilled nursing outpatient | 31 skilled nursing facility |
/// | 32, 33, 34 home health | 12 home |
/// | 65, 66 intermediate care facility | 54 intermediate care facility / IID |
/// | 71 rural health clinic | 72 rural health clinic |
/// | 72 hospital-based or independent renal dialysis | 65 ESRD treatment facility |
/// | 73 federally qualified health center | 50 federally qualified health center |
/// | 75 comprehensive outpatient rehabilitation facility | 62 CORF |
/// | 76 community mental health center | 53 community mental health center |
/// | 81, 82 hospice (non-hospital, hospital based) | 34 hospice |
/// | 83 ambulatory surgery center | 24 ambulatory surgical center |
/// | 85 critical access hospital (outpatient) | 22 on-campus outpatient hospital |
///
/// Other codes (18 swing bed, 41/43 religious non-medical, 74 outpatient rehabilitation, 79/89
/// other, ...) have no single place of service and give "".
std::string_view place_of_service_for_facility_type(std::string_view facility_type) noexcept;

/// Whether an 837I line bills observation: revenue code 0760-0769 (SV201, also without its
/// leading zero) or HCPCS G0378 (hospital observation service, per hour).
bool bills_observation(std::string_view revenue_code, std::string_view procedure_code) noexcept;

/// The level of care of an 837I claim: type of bill 11x (facility type 11, CLM05-1) inpatient;
/// 13x outpatient, or observation when a line bills observation (bills_observation); nullopt
/// for every other type of bill, whose level is not checked.
std::optional<level_of_care> level_of_care_for_bill(std::string_view facility_type,
                                                    bool observation_billed) noexcept;

}  // namespace x12
}  // namespace v0
}  // namespace authmatch

#endif
