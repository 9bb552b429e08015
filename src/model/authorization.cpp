#include <authmatch/authorization.hpp>
#include <authmatch/limits.hpp>
#include <authmatch/npi.hpp>
#include "text/printable.hpp"
#include "text/text.hpp"

#include <fmt/format.h>

namespace authmatch {
inline namespace v0 {

std::string_view to_string(auth_status status) noexcept {
  switch (status) {
    case auth_status::approved: return "approved";
    case auth_status::pending: return "pending";
    case auth_status::denied: return "denied";
    case auth_status::cancelled: return "cancelled";
    case auth_status::expired: return "expired";
  }
  return "unknown";
}

std::string_view to_string(unit_type type) noexcept {
  return type == unit_type::visits ? "visits" : "units";
}

std::optional<unit_type> parse_unit_type(std::string_view text) noexcept {
  text = detail::trim(text);
  if (text.empty() || detail::iequals(text, "units")) return unit_type::units;
  if (detail::iequals(text, "visits")) return unit_type::visits;
  return std::nullopt;
}

std::string_view to_string(auth_type type) noexcept {
  return type == auth_type::referral ? "referral" : "authorization";
}

std::optional<auth_type> parse_auth_type(std::string_view text) noexcept {
  text = detail::trim(text);
  if (text.empty() || detail::iequals(text, "authorization")) return auth_type::authorization;
  if (detail::iequals(text, "referral")) return auth_type::referral;
  return std::nullopt;
}

std::string_view to_string(auth_priority priority) noexcept {
  return priority == auth_priority::expedited ? "expedited" : "standard";
}

std::optional<auth_priority> parse_auth_priority(std::string_view text) noexcept {
  text = detail::trim(text);
  if (text.empty() || detail::iequals(text, "standard")) return auth_priority::standard;
  if (detail::iequals(text, "expedited")) return auth_priority::expedited;
  return std::nullopt;
}

std::optional<auth_status> parse_auth_status(std::string_view text) noexcept {
  using detail::iequals;
  struct spelling {
    std::string_view name;
    auth_status status;
  };
  static constexpr spelling spellings[] = {
      {"approved", auth_status::approved},  {"pending", auth_status::pending},
      {"denied", auth_status::denied},      {"cancelled", auth_status::cancelled},
      {"canceled", auth_status::cancelled}, {"expired", auth_status::expired},
      {"A1", auth_status::approved},        {"A2", auth_status::approved},
      {"A6", auth_status::approved},        {"A4", auth_status::pending},
      {"A3", auth_status::denied},          {"C", auth_status::cancelled},
  };
  // Exports mostly write the names as listed: an exact match costs a few instructions a row.
  for (const auto& s : spellings) {
    if (text == s.name) return s.status;
  }
  text = detail::trim(text);
  for (const auto& s : spellings) {
    if (iequals(text, s.name)) return s.status;
  }
  return std::nullopt;
}

namespace {

/// Makes `id` what normalize_id makes of it, touching it only when it is not already (an export's
/// values mostly are: no copy, no allocation).
void normalize_id_in_place(std::string& id) {
  if (!detail::is_normalized_id(id)) id = detail::normalize_id(id);
}

void normalize_diagnosis_in_place(std::string& dx) {
  if (!detail::is_normalized_id(dx)) {
    dx = detail::normalize_diagnosis(dx);
  } else {
    std::erase(dx, '.');  // most exports write ICD-10 codes with their dot: no copy for it
  }
}

}  // namespace

void normalize(authorization& auth) {
  for (std::string* id : {&auth.auth_number, &auth.payer_id, &auth.member_id, &auth.code}) {
    normalize_id_in_place(*id);
  }
  for (auto* list :
       {&auth.rendering_npis, &auth.facility_npis, &auth.places_of_service, &auth.modifiers}) {
    for (auto& value : *list) normalize_id_in_place(value);
  }
  for (auto& dx : auth.diagnosis_codes) normalize_diagnosis_in_place(dx);
  if (const auto trimmed = detail::trim(auth.next_action);
      trimmed.size() != auth.next_action.size()) {
    auth.next_action = std::string(trimmed);
  }
}

std::optional<field_problem> check(const authorization& auth) {
  const auto required = [](std::string_view field,
                           const std::string& value) -> std::optional<field_problem> {
    if (value.empty()) return field_problem{field, "is required and empty"};
    return std::nullopt;
  };
  for (const auto& [field, value] :
       {std::pair<std::string_view, const std::string&>{"auth_number", auth.auth_number},
        {"payer_id", auth.payer_id},
        {"member_id", auth.member_id},
        {"code", auth.code}}) {
    if (auto problem = required(field, value)) return problem;
  }
  if (!auth.effective_date.is_set()) return field_problem{"effective_date", "is required"};
  if (!auth.expiration_date.is_set()) return field_problem{"expiration_date", "is required"};
  if (auth.expiration_date < auth.effective_date) {
    return field_problem{"expiration_date",
                         fmt::format("{} is before the effective date {}",
                                     to_iso(auth.expiration_date), to_iso(auth.effective_date))};
  }
  if (auth.units && !is_valid_units(*auth.units)) {
    return field_problem{"units", std::string("expected ") + units_expected};
  }
  if (!is_valid_units(auth.units_used)) {
    return field_problem{"units_used", std::string("expected ") + units_expected};
  }
  if (auth.code == "*" && auth.type != auth_type::referral) {
    return field_problem{"code", "* (any code) is for referrals; an authorization names its code"};
  }
  if (auth.unit_type == unit_type::visits && auth.units &&
      auth.units->thousandths() % decimal::scale != 0) {
    return field_problem{"units", "counts visits here: a whole number"};
  }
  for (const auto& [field, list] : {std::pair<std::string_view, const std::vector<std::string>&>{
                                        "rendering_npi", auth.rendering_npis},
                                    {"facility_npi", auth.facility_npis}}) {
    for (const auto& npi : list) {
      if (!is_valid_npi(npi)) {
        return field_problem{field, fmt::format("{} is not a valid NPI (10 digits, Luhn check "
                                                "digit)",
                                                detail::quoted_value(npi))};
      }
    }
  }
  return std::nullopt;
}

}  // namespace v0
}  // namespace authmatch
