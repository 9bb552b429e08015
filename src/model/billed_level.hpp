#ifndef AUTHMATCH_SRC_MODEL_BILLED_LEVEL_HPP
#define AUTHMATCH_SRC_MODEL_BILLED_LEVEL_HPP

#include <authmatch/care_setting.hpp>
#include <authmatch/claim_line.hpp>

#include <optional>
#include <string_view>

namespace authmatch {
inline namespace v0 {
namespace detail {

/// The level of care a line is billed at (docs/judging.md): its own, else (on a line that is
/// not institutional: an 837I's level is its type of bill's) that of `place`, its place of
/// service.
inline std::optional<level_of_care> billed_level_of(const claim_line& line,
                                                    std::string_view place) noexcept {
  if (line.level_of_care) return line.level_of_care;
  if (line.claim_type == claim_type::institutional) return std::nullopt;
  return level_of_care_at(place);
}

}  // namespace detail
}  // namespace v0
}  // namespace authmatch

#endif
