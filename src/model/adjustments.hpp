#ifndef AUTHMATCH_SRC_MODEL_ADJUSTMENTS_HPP
#define AUTHMATCH_SRC_MODEL_ADJUSTMENTS_HPP

// The adjustment codes a payer uses for each kind of finding (docs/findings.md): the group, the
// claim adjustment reason code and the remark code a denial would carry.

#include <authmatch/authorization.hpp>
#include <authmatch/finding.hpp>

#include <string_view>

namespace authmatch {
inline namespace v0 {
namespace detail {

/// The default adjustment codes of a finding kind (CO-197 N54, ...); every default has at most
/// one remark code. Warnings, notes and errors have none.
struct adjustment {
  std::string_view group, carc, rarc;
};
adjustment adjustment_for(finding_kind kind, auth_status status) noexcept;

/// Sets kind, severity and adjustment codes.
void classify(finding& f, finding_kind kind, auth_status status = auth_status::approved);

}  // namespace detail
}  // namespace v0
}  // namespace authmatch

#endif
