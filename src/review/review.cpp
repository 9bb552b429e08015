// The morning review: what needs doing about each authorization, and which scheduled services
// would be denied, as of one day.

#include <authmatch/review.hpp>

#include <authmatch/ledger.hpp>
#include <authmatch/loaders.hpp>
#include <authmatch/payer_profiles.hpp>
#include <authmatch/validator.hpp>
#include "output/adjustment_text.hpp"
#include "text/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <tuple>
#include <unordered_map>
#include <utility>

namespace authmatch {
inline namespace v0 {
namespace {

using row_id = authorization_index::row_id;

/// CMS-0057-F: 7 calendar days for a standard request, 72 hours for an expedited one.
constexpr std::chrono::hours standard_window{7 * 24};
constexpr std::chrono::hours expedited_window{72};

review_severity severity_for(date due, date as_of) noexcept {
  return due < as_of ? review_severity::overdue : review_severity::due;
}

/// Whether two dates of birth can be one patient's: dependents who share a member ID are told
/// apart by them, and a row or line without one can be any of them (docs/judging.md).
bool same_patient_dob(const std::optional<date>& a, const std::optional<date>& b) noexcept {
  return !a || !b || *a == *b;
}

std::string what(const authorization& auth) {
  return auth.type == auth_type::referral ? "Referral" : "Authorization";
}

std::string quantity_text(decimal value, unit_type type) {
  const auto text = value.to_string();
  const bool one = value == decimal::from_integer(1);
  return fmt::format(
      "{} {}", text,
      type == unit_type::visits ? (one ? "visit" : "visits") : (one ? "unit" : "units"));
}

/// The rows of one authorization number, in the order they were added.
struct auth_group {
  std::vector<std::size_t> rows;
};

class reviewer {
 public:
  reviewer(const authorization_index& auths, const review_options& options)
      : index_(&auths), options_(options), as_of_(options.as_of) {
    rows_.reserve(auths.size());
    for (std::size_t i = 0; i < auths.size(); ++i)
      rows_.push_back(auths.get(static_cast<row_id>(i)));
    for (const auto& recorded : options.ledger) {
      ledger_used_[key_of(recorded.auth)] += recorded.used_recorded;
    }
    std::unordered_map<std::string, std::size_t> group_of;
    for (std::size_t i = 0; i < rows_.size(); ++i) {
      const auto [at, added] = group_of.try_emplace(rows_[i].auth_number, groups_.size());
      if (added) groups_.emplace_back();
      groups_[at->second].rows.push_back(i);
    }
  }

  review_report run() {
    review_report report;
    report.as_of = as_of_;
    report.usage.reserve(rows_.size());
    for (const auto& auth : rows_) {
      const decimal recorded = ledger_used(auth);
      std::optional<decimal> remaining;
      if (auth.units) remaining = *auth.units - auth.units_used - recorded;
      report.usage.push_back({auth, recorded, remaining});
    }
    for (const auto& group : groups_) {
      renewal(group);
      decision(group);
      enrollment(group);
    }
    for (std::size_t i = 0; i < rows_.size(); ++i) quantity(rows_[i], report.usage[i].remaining);
    if (options_.schedule) report.scheduled_lines = schedule();

    std::sort(items_.begin(), items_.end(), [](const review_item& a, const review_item& b) {
      return std::tie(a.severity, a.due_date, a.kind, a.auth_number, a.code, a.claim_id, a.line) <
             std::tie(b.severity, b.due_date, b.kind, b.auth_number, b.code, b.claim_id, b.line);
    });
    report.items = std::move(items_);
    return report;
  }

 private:
  using usage_key = std::tuple<std::string, std::string, std::int32_t>;

  static usage_key key_of(const authorization& auth) {
    return {auth.auth_number, auth.code, static_cast<std::int32_t>(auth.effective_date - date())};
  }

  decimal ledger_used(const authorization& auth) const {
    const auto found = ledger_used_.find(key_of(auth));
    return found == ledger_used_.end() ? decimal() : found->second;
  }

  /// An item about the rows `rows` of one authorization (codes `|`-joined), whose next action is
  /// `action`: its kind's own. push() adds the tracker's next action to its message.
  review_item item_for(review_kind kind, date due, const std::vector<const authorization*>& rows,
                       std::string_view action) const {
    review_item item;
    item.kind = kind;
    item.due_date = due;
    item.severity = severity_for(due, as_of_);
    const auto& first = *rows.front();
    item.auth_number = first.auth_number;
    item.payer_id = first.payer_id;
    item.member_id = first.member_id;
    std::vector<std::string> codes;
    for (const auto* row : rows) {
      if (std::find(codes.begin(), codes.end(), row->code) == codes.end())
        codes.push_back(row->code);
    }
    item.code = detail::join(codes, "|");
    item.next_action = std::string(action);
    return item;
  }

  /// Pushes `item` with the tracker's next action (the first of `rows` that has one) and its due
  /// date carried through at the end of its message: "...; tracker: fax the notes by 2026-06-07."
  void push(review_item item, const std::vector<const authorization*>& rows) {
    const auto tracked = std::find_if(rows.begin(), rows.end(),
                                      [](const auto* row) { return !row->next_action.empty(); });
    if (tracked != rows.end()) {
      if (item.message.ends_with('.')) item.message.pop_back();
      item.message += "; tracker: " + (*tracked)->next_action;
      if ((*tracked)->next_action_due)
        item.message += " by " + to_iso(*(*tracked)->next_action_due);
      item.message += '.';
    }
    items_.push_back(std::move(item));
  }

  std::vector<const authorization*> rows_with(const auth_group& group, auth_status status) const {
    std::vector<const authorization*> out;
    for (const auto i : group.rows) {
      if (rows_[i].status == status) out.push_back(&rows_[i]);
    }
    return out;
  }

  /// Whether another authorization of the patient for one of the codes (approved, or pending)
  /// runs past `end`: the renewal is already on file.
  bool renewed(const authorization& auth, date end) const {
    const auto later = [&](row_id r) {
      const auto& other = rows_[r];
      return other.auth_number != auth.auth_number && other.expiration_date > end &&
             same_patient_dob(other.patient_dob, auth.patient_dob) &&
             (other.status == auth_status::approved || other.status == auth_status::pending) &&
             (other.type == auth_type::referral || other.code == auth.code);
    };
    const auto candidates = auth.type == auth_type::referral
                                ? index_->referrals_of(auth.payer_id, auth.member_id)
                                : index_->rows_for(auth.payer_id, auth.member_id, auth.code);
    return std::any_of(candidates.begin(), candidates.end(), later);
  }

  void renewal(const auth_group& group) {
    auto rows = rows_with(group, auth_status::approved);
    if (rows.empty()) return;
    const date end = (*std::max_element(rows.begin(), rows.end(), [](const auto* a, const auto* b) {
                       return a->expiration_date < b->expiration_date;
                     }))->expiration_date;
    const auto lead = options_.renewal_days;
    if (end - as_of_ > lead || as_of_ - end > lead) return;
    std::erase_if(rows, [&](const authorization* row) { return row->expiration_date != end; });
    if (std::all_of(rows.begin(), rows.end(), [&](const auto* row) { return renewed(*row, end); }))
      return;
    const date due = end - lead;
    auto item = item_for(review_kind::renewal_due, due, rows, "start the renewal");
    const auto& first = *rows.front();
    if (end < as_of_) {
      item.message = fmt::format(
          "{} {} for {} ended on {}; renew it now: services after that day are denied "
          "(CO-197).",
          what(first), first.auth_number, item.code, to_iso(end));
    } else {
      item.message = fmt::format(
          "{} {} for {} ends on {}; start the renewal by {} ({} days ahead) so that care goes "
          "on without a gap.",
          what(first), first.auth_number, item.code, to_iso(end), to_iso(due), lead);
    }
    push(std::move(item), rows);
  }

  void decision(const auth_group& group) {
    const auto rows = rows_with(group, auth_status::pending);
    const auto requested = std::find_if(
        rows.begin(), rows.end(), [](const auto* row) { return row->requested_date.has_value(); });
    if (requested == rows.end()) return;
    const auto& first = **requested;
    const bool expedited = std::any_of(rows.begin(), rows.end(), [](const auto* row) {
      return row->priority == auth_priority::expedited;
    });
    const auto profile_window =
        options_.profiles ? options_.profiles->decision_window(first.payer_id) : std::nullopt;
    const auto window = profile_window.value_or(expedited ? expedited_window : standard_window);
    const auto days = static_cast<std::int32_t>((window.count() + 23) / 24);
    const date deadline = *first.requested_date + days;
    if (!(as_of_ > deadline)) return;
    auto item =
        item_for(review_kind::decision_overdue, deadline, rows, "call the payer for the decision");
    item.message = fmt::format(
        "Pending request {} for {} was sent to payer {} on {}: its {} decision window of {} "
        "ended on {}; call the payer for the decision.",
        first.auth_number, item.code, first.payer_id, to_iso(*first.requested_date),
        profile_window ? "payer's" : (expedited ? "expedited" : "standard"),
        window.count() % 24 == 0 && window != expedited_window
            ? detail::counted(static_cast<std::uint64_t>(window.count() / 24), "day")
            : detail::counted(static_cast<std::uint64_t>(window.count()), "hour"),
        to_iso(deadline));
    push(std::move(item), rows);
  }

  /// The first day of service of the schedule for the row on or after today, within its window.
  std::optional<date> next_service(const authorization& auth) const {
    if (!options_.schedule) return std::nullopt;
    std::optional<date> next;
    std::string scratch;
    for (const auto& claim : options_.schedule->claims()) {
      for (const auto& line : claim.lines) {
        const date day = line.service_date;
        if (day < as_of_ || day < auth.effective_date || day > auth.expiration_date) continue;
        if (detail::normalized(line.payer_id, scratch) != auth.payer_id) continue;
        if (detail::normalized(line.member_id, scratch) != auth.member_id) continue;
        if (!same_patient_dob(line.patient_dob, auth.patient_dob)) continue;
        if (auth.code != "*" && detail::normalized(line.code, scratch) != auth.code) continue;
        if (!next || day < *next) next = day;
      }
    }
    return next;
  }

  void quantity(const authorization& auth, const std::optional<decimal>& remaining) {
    if (auth.status != auth_status::approved || !remaining || auth.expiration_date < as_of_) return;
    const decimal approved = *auth.units;
    const bool exhausted = *remaining <= decimal();
    // remaining / approved < low_below, in thousandths without rounding.
    const bool low = !exhausted && remaining->thousandths() * 1000 <
                                       approved.thousandths() * options_.low_below.thousandths();
    if (!exhausted && !low) return;
    const auto next = next_service(auth);
    const date due = next ? *next - 1 : as_of_;
    const auto kind = exhausted ? review_kind::quantity_exhausted : review_kind::quantity_low;
    const bool referral = auth.type == auth_type::referral;
    auto item = item_for(kind, due, {&auth},
                         referral ? "ask the primary care provider for a new referral"
                         : auth.unit_type == unit_type::visits ? "request more visits"
                                                               : "request more units");
    const std::string before =
        next ? fmt::format("before the next scheduled service on {}", to_iso(*next))
             : std::string("before the next service");
    const std::string ask =
        referral ? "ask the patient's primary care provider for a new referral" : "request more";
    const std::string_view code = auth.code == "*" ? std::string_view("any code") : auth.code;
    if (exhausted) {
      item.message =
          fmt::format("Nothing remains of the {} approved on {} for {} ({} used); {} {}.",
                      quantity_text(approved, auth.unit_type), auth.auth_number, code,
                      quantity_text(approved - *remaining, auth.unit_type), ask, before);
    } else {
      item.message = fmt::format("Only {} of the {} approved on {} for {} remain{}; {} {}.",
                                 quantity_text(*remaining, auth.unit_type),
                                 quantity_text(approved, auth.unit_type), auth.auth_number, code,
                                 *remaining == decimal::from_integer(1) ? "s" : "", ask, before);
    }
    push(std::move(item), {&auth});
  }

  /// The first day from `first` to `last` on which `npi` may not bill the payer (there is one).
  date first_gap(const authorization& auth, std::string_view npi, date first, date last) const {
    // Being covered from `first` to a day holds up to the first gap and never after it.
    date low = first, high = last;  // the first gap lies in [low, high]
    while (low < high) {
      const date middle = low + static_cast<std::int32_t>((high - low) / 2);
      if (options_.enrollment->gap(auth.payer_id, npi, first, middle)) {
        high = middle;
      } else {
        low = middle + 1;
      }
    }
    return low;
  }

  void enrollment(const auth_group& group) {
    if (!options_.enrollment) return;
    std::vector<const authorization*> rows;
    for (const auto i : group.rows) {
      const auto& row = rows_[i];
      if (row.status == auth_status::approved || row.status == auth_status::pending) {
        rows.push_back(&row);
      }
    }
    if (rows.empty()) return;
    date first = rows.front()->effective_date, last = rows.front()->expiration_date;
    std::vector<std::string> npis;
    for (const auto* row : rows) {
      first = std::min(first, row->effective_date);
      last = std::max(last, row->expiration_date);
      for (const auto& npi : row->rendering_npis) {
        if (std::find(npis.begin(), npis.end(), npi) == npis.end()) npis.push_back(npi);
      }
    }
    if (last < as_of_ || npis.empty()) return;
    std::optional<date> due;
    std::vector<std::string> gaps;
    for (const auto& npi : npis) {
      const auto said = options_.enrollment->gap(rows.front()->payer_id, npi, first, last);
      if (!said) continue;
      const date day = first_gap(*rows.front(), npi, first, last);
      due = due ? std::min(*due, day) : day;
      gaps.push_back(fmt::format("{} ({} on {})", npi, *said, to_iso(day)));
    }
    if (!due) return;
    auto item = item_for(review_kind::enrollment_gap, *due, rows,
                         "finish the enrollment, or have an enrolled provider deliver the service");
    const auto& auth = *rows.front();
    item.message = fmt::format(
        "Rendering NPI {} {} not enrolled with payer {} for all of {} {}'s window {} to {}; "
        "finish the enrollment, or deliver and bill under an enrolled NPI (else CO-B7).",
        detail::join(gaps, ", "), gaps.size() == 1 ? "is" : "are", auth.payer_id,
        to_string(auth.type), auth.auth_number, to_iso(first), to_iso(last));
    push(std::move(item), rows);
  }

  /// Judges the schedule as claims against the rows with the ledger's usage added, and makes an
  /// item of each line that would be denied. Returns the number of lines judged.
  std::uint64_t schedule() {
    const auto& file = *options_.schedule;
    if (!file.rejected().empty()) {
      throw input_error({"schedule", 0, 0}, file.rejected().front().message);
    }
    authorization_index with_usage;
    for (auto auth : rows_) {
      auth.units_used += ledger_used(auth);
      with_usage.add(std::move(auth));
    }
    validator_options denials{std::nullopt, std::nullopt, options_.profiles};
    const validator checker(with_usage, options_.rules, denials, options_.enrollment);
    std::map<std::pair<std::string, std::uint32_t>, std::vector<finding>> denied;
    validation_run run(checker, [&](finding& found) {
      if (found.level == severity::deny) {
        denied[{found.claim_id, found.line}].push_back(std::move(found));
      }
    });
    file.feed(run);
    const auto summary = std::move(run).finish();
    for (const auto& claim : file.claims()) {
      for (const auto& line : claim.lines) {
        const auto found = denied.find({std::string(line.claim_id), line.line});
        if (found == denied.end()) continue;
        at_risk(line, found->second);
      }
    }
    return summary.lines_read;
  }

  void at_risk(const claim_line& line, const std::vector<finding>& found) {
    const auto& main = found.front();
    review_item item;
    item.kind = review_kind::service_at_risk;
    item.due_date = line.service_date - 1;
    item.severity = severity_for(item.due_date, as_of_);
    item.auth_number = main.auth_number.value_or(std::string(line.auth_number));
    item.payer_id = main.payer_id;
    item.member_id = main.member_id;
    item.code = main.code;
    item.claim_id = main.claim_id;
    item.line = line.line;
    item.next_action = main.message;
    std::vector<std::string> kinds;
    for (const auto& f : found) {
      const auto adjustment = detail::adjustment_text(f);
      kinds.push_back(std::string(to_string(f.kind)) +
                      (adjustment.empty() ? std::string() : " " + adjustment));
    }
    item.message =
        fmt::format("Scheduled {} on {} (claim {} line {}) would be denied: {}.", main.code,
                    to_iso(line.service_date), main.claim_id, line.line, detail::join(kinds, "; "));
    items_.push_back(std::move(item));
  }

  const authorization_index* index_;
  const review_options& options_;
  date as_of_;
  std::vector<authorization> rows_;
  std::vector<auth_group> groups_;
  std::map<usage_key, decimal> ledger_used_;
  std::vector<review_item> items_;
};

}  // namespace

std::string_view to_string(review_kind kind) noexcept {
  switch (kind) {
    case review_kind::renewal_due: return "renewal_due";
    case review_kind::decision_overdue: return "decision_overdue";
    case review_kind::quantity_exhausted: return "quantity_exhausted";
    case review_kind::quantity_low: return "quantity_low";
    case review_kind::enrollment_gap: return "enrollment_gap";
    case review_kind::service_at_risk: return "service_at_risk";
  }
  return "unknown";
}

std::string_view to_string(review_severity severity) noexcept {
  return severity == review_severity::overdue ? "overdue" : "due";
}

review_report review(const authorization_index& auths, const review_options& options) {
  return reviewer(auths, options).run();
}

}  // namespace v0
}  // namespace authmatch
