#ifndef AUTHMATCH_CARE_SETTING_HPP
#define AUTHMATCH_CARE_SETTING_HPP

#include <cstdint>
#include <optional>
#include <string_view>

namespace authmatch {
inline namespace v0 {

/// The level of care a service is approved for or billed under (docs/judging.md, "Level of
/// care and service component").
enum class level_of_care : std::uint8_t { inpatient, observation, outpatient };

/// "inpatient", "observation", "outpatient".
std::string_view to_string(level_of_care level) noexcept;
/// The same names, in any case, with blanks around them.
std::optional<level_of_care> parse_level_of_care(std::string_view text) noexcept;

/// The kind of claim a service is billed on: an 837P (professional, the physician's component)
/// or an 837I (institutional, the facility's).
enum class claim_type : std::uint8_t { professional, institutional };

/// "professional", "institutional".
std::string_view to_string(claim_type type) noexcept;
/// The same names, in any case, with blanks around them.
std::optional<claim_type> parse_claim_type(std::string_view text) noexcept;

/// The level of care a place of service stands for: 21 (inpatient hospital) inpatient, 22 and 19
/// (on- and off-campus outpatient hospital) outpatient; nullopt for every other place, whose
/// level is not checked.
std::optional<level_of_care> level_of_care_at(std::string_view place_of_service) noexcept;

}  // namespace v0
}  // namespace authmatch

#endif
