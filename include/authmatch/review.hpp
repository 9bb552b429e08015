#ifndef AUTHMATCH_REVIEW_HPP
#define AUTHMATCH_REVIEW_HPP

#include <authmatch/auth_rules.hpp>
#include <authmatch/authorization_index.hpp>
#include <authmatch/date.hpp>
#include <authmatch/decimal.hpp>
#include <authmatch/enrollment.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace authmatch {
inline namespace v0 {

class payer_profiles;
class claim_line_file;  // loaders.hpp
struct ledger_row;      // ledger.hpp

/// What needs doing about an authorization (or a scheduled service), in the order of
/// docs/review.md.
enum class review_kind : std::uint8_t {
  renewal_due,         ///< approved, ends within 30 days (or ended within the last 30)
  decision_overdue,    ///< pending past the payer's decision window
  quantity_exhausted,  ///< approved, nothing of the quantity left
  quantity_low,        ///< approved, less than 20% of the quantity left
  enrollment_gap,      ///< the rendering NPI is not enrolled with the payer for the window
  service_at_risk,     ///< a scheduled service that would be denied
};
inline constexpr std::size_t review_kind_count = 6;
inline constexpr std::array<review_kind, review_kind_count> all_review_kinds = {
    review_kind::renewal_due,  review_kind::decision_overdue, review_kind::quantity_exhausted,
    review_kind::quantity_low, review_kind::enrollment_gap,   review_kind::service_at_risk};

/// "renewal_due", "decision_overdue", ...
std::string_view to_string(review_kind kind) noexcept;

/// `overdue` when the item's due date has passed, else `due`.
enum class review_severity : std::uint8_t { overdue, due };
std::string_view to_string(review_severity severity) noexcept;

/// One thing to act on.
struct review_item {
  review_kind kind = review_kind::renewal_due;
  review_severity severity = review_severity::due;
  date due_date;
  std::string auth_number;  ///< empty for a scheduled service that matches no authorization
  std::string payer_id;
  std::string member_id;
  std::string code;                   ///< the row's code; an authorization's codes `|`-joined
  std::string claim_id;               ///< scheduled services only
  std::optional<std::uint32_t> line;  ///< scheduled services only
  std::string next_action;            ///< what its kind calls for (docs/review.md)
  std::string message;  ///< one sentence: what is wrong and what to do; then the tracker's
                        ///< next action ("; tracker: ... by DATE") when it has one
};

/// One authorization row's quantity as the review counts it.
struct review_usage {
  authorization auth;
  decimal ledger_used;               ///< what the ledger recorded against the row
  std::optional<decimal> remaining;  ///< units - units_used - ledger_used; nullopt: no limit
};

/// What a review found, with what the page draws.
struct review_report {
  date as_of;
  std::vector<review_item> items;     ///< most urgent first
  std::vector<review_usage> usage;    ///< every authorization row, in the index's order
  std::uint64_t scheduled_lines = 0;  ///< lines of the schedule that were judged
};

/// Where the review looks besides the authorizations; every pointer may be null and must
/// outlive the call.
struct review_options {
  date as_of;                                          ///< "today"; items due before it are overdue
  int renewal_days = 30;                               ///< renewal lead time
  decimal low_below = decimal::from_thousandths(200);  ///< quantity_low below this share
  std::span<const ledger_row> ledger;  ///< usage recorded by runs (utilization_ledger::rows())
  const enrollment_roster* enrollment = nullptr;
  const payer_profiles* profiles = nullptr;   ///< decision windows; the schedule's codes
  const claim_line_file* schedule = nullptr;  ///< upcoming services, judged as claims
  const auth_rules* rules = nullptr;  ///< for the schedule; none: every line needs authorization
};

/// The morning review of an authorization tracker (docs/review.md): what needs action as of
/// `options.as_of`, one item per authorization and kind (per row for quantities) or per
/// scheduled line, overdue items first, then by due date, kind, number, code, claim and line.
/// Throws input_error when the schedule holds a line it could not read.
review_report review(const authorization_index& auths, const review_options& options);

/// Items as one JSON object per line, as CSV (header first, CRLF line ends, the same columns)
/// and as a terminal table.
std::string to_json(const review_item& item);
std::string review_csv_header();
std::string to_csv_row(const review_item& item);
std::string review_table(std::span<const review_item> items);

}  // namespace v0
}  // namespace authmatch

#endif
