#include <authmatch/enrollment.hpp>
#include <authmatch/npi.hpp>
#include "text/printable.hpp"
#include "text/text.hpp"

#include <fmt/format.h>

namespace authmatch {
inline namespace v0 {

std::string_view to_string(enrollment_status status) noexcept {
  switch (status) {
    case enrollment_status::enrolled: return "enrolled";
    case enrollment_status::pending: return "pending";
    case enrollment_status::terminated: return "terminated";
  }
  return "unknown";
}

std::optional<enrollment_status> parse_enrollment_status(std::string_view text) noexcept {
  text = detail::trim(text);
  for (const auto status :
       {enrollment_status::enrolled, enrollment_status::pending, enrollment_status::terminated}) {
    if (detail::iequals(text, to_string(status))) return status;
  }
  return std::nullopt;
}

void normalize(enrollment& row) {
  row.payer_id = detail::normalize_id(row.payer_id);
  row.npi = detail::normalize_id(row.npi);
}

std::optional<field_problem> check(const enrollment& row) {
  if (row.payer_id.empty()) return field_problem{"payer_id", "is required and empty"};
  if (row.npi.empty()) return field_problem{"npi", "is required and empty"};
  if (!is_valid_npi(row.npi)) {
    return field_problem{"npi", fmt::format("{} is not a valid NPI (10 digits, Luhn check digit)",
                                            detail::quoted_value(row.npi))};
  }
  if (!row.effective_date.is_set()) return field_problem{"effective_date", "is required"};
  if (row.end_date && *row.end_date < row.effective_date) {
    return field_problem{"end_date",
                         fmt::format("{} is before the effective date {}", to_iso(*row.end_date),
                                     to_iso(row.effective_date))};
  }
  return std::nullopt;
}

}  // namespace v0
}  // namespace authmatch
