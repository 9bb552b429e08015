#include <authmatch/x12/place_of_service.hpp>

#include <array>
#include <utility>

namespace authmatch {
inline namespace v0 {
namespace x12 {
namespace {

// The table documented in place_of_service.hpp, sorted by facility type.
constexpr std::array<std::pair<std::string_view, std::string_view>, 22> facility_types = {{
    {"11", "21"}, {"12", "21"}, {"13", "22"}, {"14", "22"}, {"21", "31"}, {"22", "31"},
    {"23", "31"}, {"28", "31"}, {"32", "12"}, {"33", "12"}, {"34", "12"}, {"65", "54"},
    {"66", "54"}, {"71", "72"}, {"72", "65"}, {"73", "50"}, {"75", "62"}, {"76", "53"},
    {"81", "34"}, {"82", "34"}, {"83", "24"}, {"85", "22"},
}};

}  // namespace

std::string_view place_of_service_for_facility_type(std::string_view facility_type) noexcept {
  for (const auto& [type, place] : facility_types) {
    if (type == facility_type) return place;
  }
  return {};
}

bool bills_observation(std::string_view revenue_code, std::string_view procedure_code) noexcept {
  if (revenue_code.size() == 4 && revenue_code.front() == '0') revenue_code.remove_prefix(1);
  return (revenue_code.size() == 3 && revenue_code.starts_with("76")) || procedure_code == "G0378";
}

std::optional<level_of_care> level_of_care_for_bill(std::string_view facility_type,
                                                    bool observation_billed) noexcept {
  if (facility_type == "11") return level_of_care::inpatient;
  if (facility_type == "13") {
    return observation_billed ? level_of_care::observation : level_of_care::outpatient;
  }
  return std::nullopt;
}

}  // namespace x12
}  // namespace v0
}  // namespace authmatch
