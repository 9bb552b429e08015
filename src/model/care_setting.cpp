#include <authmatch/care_setting.hpp>
#include "text/text.hpp"

namespace authmatch {
inline namespace v0 {

std::string_view to_string(level_of_care level) noexcept {
  switch (level) {
    case level_of_care::inpatient: return "inpatient";
    case level_of_care::observation: return "observation";
    case level_of_care::outpatient: return "outpatient";
  }
  return "unknown";
}

std::optional<level_of_care> parse_level_of_care(std::string_view text) noexcept {
  text = detail::trim(text);
  for (const auto level :
       {level_of_care::inpatient, level_of_care::observation, level_of_care::outpatient}) {
    if (detail::iequals(text, to_string(level))) return level;
  }
  return std::nullopt;
}

std::string_view to_string(claim_type type) noexcept {
  return type == claim_type::institutional ? "institutional" : "professional";
}

std::optional<claim_type> parse_claim_type(std::string_view text) noexcept {
  text = detail::trim(text);
  for (const auto type : {claim_type::professional, claim_type::institutional}) {
    if (detail::iequals(text, to_string(type))) return type;
  }
  return std::nullopt;
}

std::optional<level_of_care> level_of_care_at(std::string_view place_of_service) noexcept {
  place_of_service = detail::trim(place_of_service);
  if (place_of_service == "21") return level_of_care::inpatient;
  if (place_of_service == "22" || place_of_service == "19") return level_of_care::outpatient;
  return std::nullopt;
}

}  // namespace v0
}  // namespace authmatch
