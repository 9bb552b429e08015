#include <authmatch/finding.hpp>
#include "model/source_text.hpp"
#include "text/text.hpp"

#include <charconv>
#include <iterator>

namespace authmatch {
inline namespace v0 {

std::string_view to_string(finding_kind kind) noexcept {
  switch (kind) {
    case finding_kind::auth_missing: return "auth_missing";
    case finding_kind::auth_number_missing: return "auth_number_missing";
    case finding_kind::auth_number_unknown: return "auth_number_unknown";
    case finding_kind::auth_number_mismatch: return "auth_number_mismatch";
    case finding_kind::auth_not_approved: return "auth_not_approved";
    case finding_kind::auth_not_yet_effective: return "auth_not_yet_effective";
    case finding_kind::auth_expired: return "auth_expired";
    case finding_kind::code_mismatch: return "code_mismatch";
    case finding_kind::units_exceeded: return "units_exceeded";
    case finding_kind::provider_mismatch: return "provider_mismatch";
    case finding_kind::site_mismatch: return "site_mismatch";
    case finding_kind::diagnosis_mismatch: return "diagnosis_mismatch";
    case finding_kind::provider_not_enrolled: return "provider_not_enrolled";
    case finding_kind::referral_missing: return "referral_missing";
    case finding_kind::referral_exceeded: return "referral_exceeded";
    case finding_kind::referral_number_missing: return "referral_number_missing";
    case finding_kind::level_of_care_mismatch: return "level_of_care_mismatch";
    case finding_kind::component_mismatch: return "component_mismatch";
    case finding_kind::auth_expiring_soon: return "auth_expiring_soon";
    case finding_kind::units_low: return "units_low";
    case finding_kind::claim_replaced: return "claim_replaced";
    case finding_kind::claim_voided: return "claim_voided";
    case finding_kind::claim_unreadable: return "claim_unreadable";
    case finding_kind::input_fault: return "input_fault";
  }
  return "unknown";
}

std::optional<finding_kind> parse_finding_kind(std::string_view name) noexcept {
  for (const auto kind : all_finding_kinds) {
    if (detail::iequals(name, to_string(kind))) return kind;
  }
  return std::nullopt;
}

std::string_view to_string(severity level) noexcept {
  switch (level) {
    case severity::deny: return "deny";
    case severity::warn: return "warn";
    case severity::info: return "info";
    case severity::error: return "error";
  }
  return "unknown";
}

severity severity_of(finding_kind kind) noexcept {
  switch (kind) {
    case finding_kind::auth_expiring_soon:
    case finding_kind::units_low: return severity::warn;
    case finding_kind::claim_replaced:
    case finding_kind::claim_voided: return severity::info;
    case finding_kind::claim_unreadable:
    case finding_kind::input_fault: return severity::error;
    default: return severity::deny;
  }
}

std::string source_text(std::string_view input, std::uint64_t position) {
  std::string out;
  detail::assign_source_text(out, input, position);
  return out;
}

void detail::assign_source_text(std::string& out, std::string_view input, std::uint64_t position) {
  out.clear();
  if (input.empty() && position == 0) return;
  char digits[20];
  const auto [end, ec] = std::to_chars(std::begin(digits), std::end(digits), position);
  out.reserve(input.size() + 1 + static_cast<std::size_t>(end - digits));
  out.append(input).append(1, ':').append(digits, end);
}

}  // namespace v0
}  // namespace authmatch
