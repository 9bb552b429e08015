#ifndef AUTHMATCH_SRC_LINE_JUDGEMENT_HPP
#define AUTHMATCH_SRC_LINE_JUDGEMENT_HPP

// Judging one line on its own: which authorization it is compared with, and every finding that
// does not depend on other lines (units do: they are settled later, in date order).

#include <authmatch/validator.hpp>

#include <boost/container/small_vector.hpp>
#include <optional>

namespace authmatch {
inline namespace v0 {
namespace detail {

struct line_judgement {
  boost::container::small_vector<finding, 2> findings;
  /// The row whose quantity the line uses: approved, and the line inside its window.
  std::optional<authorization_index::row_id> uses_row;
};

line_judgement judge_line(const validator& checker, const claim_line& line);

/// The default adjustment codes of a finding kind (CO-197 N54, ...); every default has at most
/// one remark code.
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
