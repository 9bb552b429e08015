#include "model/adjustments.hpp"

namespace authmatch {
inline namespace v0 {
namespace detail {

adjustment adjustment_for(finding_kind kind, auth_status status) noexcept {
  switch (kind) {
    case finding_kind::auth_missing: return {"CO", "197", ""};
    case finding_kind::auth_number_missing:
    case finding_kind::auth_number_unknown:
    case finding_kind::auth_number_mismatch: return {"CO", "16", "M62"};
    case finding_kind::auth_not_approved:
      return status == auth_status::denied ? adjustment{"CO", "39", ""}
                                           : adjustment{"CO", "197", ""};
    case finding_kind::units_exceeded: return {"CO", "198", "N640"};
    case finding_kind::auth_not_yet_effective:
    case finding_kind::auth_expired:
    case finding_kind::code_mismatch:
    case finding_kind::provider_mismatch:
    case finding_kind::site_mismatch:
    case finding_kind::diagnosis_mismatch:
    case finding_kind::component_mismatch: return {"CO", "197", "N54"};
    case finding_kind::provider_not_enrolled: return {"CO", "B7", "N570"};
    case finding_kind::referral_missing: return {"CO", "288", ""};
    case finding_kind::referral_exceeded: return {"CO", "287", ""};
    case finding_kind::referral_number_missing: return {"CO", "16", "N54"};
    case finding_kind::level_of_care_mismatch: return {"CO", "197", "N188"};
    case finding_kind::auth_expiring_soon:
    case finding_kind::units_low:
    case finding_kind::claim_replaced:
    case finding_kind::claim_voided:
    case finding_kind::claim_unreadable:
    case finding_kind::input_fault: return {"", "", ""};
  }
  return {"", "", ""};
}

void classify(finding& f, finding_kind kind, auth_status status) {
  f.kind = kind;
  f.level = severity_of(kind);
  const auto codes = adjustment_for(kind, status);
  f.group = codes.group;
  f.carc = codes.carc;
  f.rarc.clear();
  if (!codes.rarc.empty()) f.rarc.emplace_back(codes.rarc);
}

}  // namespace detail
}  // namespace v0
}  // namespace authmatch
