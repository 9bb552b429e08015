#include "engine/line_judgement.hpp"

#include <authmatch/payer_profiles.hpp>

#include "engine/line_values.hpp"
#include "index/index_data.hpp"
#include "model/adjustments.hpp"
#include "model/billed_level.hpp"
#include "model/source_text.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <bit>
#include <boost/container/small_vector.hpp>
#include <cstdint>
#include <utility>

namespace authmatch {
inline namespace v0 {
namespace detail {
namespace {

using row_id = authorization_index::row_id;

// --- comparing a line with one authorization row ----------------------------------------------

/// One way a line can differ from an authorization row.
enum class difference : std::uint8_t {
  not_approved,
  not_yet_effective,
  expired,
  provider,
  place_of_service,
  facility,
  diagnosis,
  level_of_care,
  component,
};

struct assessment {
  row_id row = 0;
  std::uint32_t differences = 0;  ///< bit set of `difference`
  long window_distance = 0;       ///< days outside the window, 0 inside

  bool has(difference d) const noexcept {
    return (differences >> static_cast<unsigned>(d) & 1U) != 0;
  }
  int count() const noexcept { return std::popcount(differences); }
  bool inside_window() const noexcept {
    return !has(difference::not_yet_effective) && !has(difference::expired);
  }
};

constexpr auto rendering_list = static_cast<std::size_t>(auth_row::list::rendering_npis);
constexpr auto facility_list = static_cast<std::size_t>(auth_row::list::facility_npis);
constexpr auto place_list = static_cast<std::size_t>(auth_row::list::places_of_service);
constexpr auto diagnosis_list = static_cast<std::size_t>(auth_row::list::diagnosis_codes);
constexpr auto modifier_list = static_cast<std::size_t>(auth_row::list::modifiers);

/// The row names no provider, or the line's rendering or billing NPI among its providers.
bool allows_provider(const index_data& index, const auth_row& row, const line_values& values) {
  if (row.list_sizes[rendering_list] == 0) return true;
  const auto providers = row.rendering_npis();
  return index.contains(providers, values.rendering_npi) ||
         index.contains(providers, values.billing_npi);
}

bool same_patient(const auth_row& row, const index_data& index, const line_values& values) {
  const auto& dob = values.line().patient_dob;
  return index.text(row.payer) == values.payer_id && index.text(row.member) == values.member_id &&
         (!row.patient_dob.is_set() || !dob || *dob == row.patient_dob);
}

/// The level of care a line is billed under: the line's own, else (but for an institutional
/// line) its place of service's.
struct billed_level {
  level_of_care level = level_of_care::outpatient;
  bool from_place = false;  ///< only the place says it (an 837P cannot tell observation apart)
};

std::optional<billed_level> billed_level_of(const line_values& values) {
  const auto& line = values.line();
  const auto level = detail::billed_level_of(line, values.place_of_service);
  if (!level) return std::nullopt;
  return billed_level{*level, !line.level_of_care};
}

/// An observation stay billed by a physician shows as outpatient (place of service 22 or 19):
/// the place alone does not contradict an observation approval.
bool level_agrees(level_of_care approved, billed_level billed) noexcept {
  return approved == billed.level || (approved == level_of_care::observation && billed.from_place &&
                                      billed.level == level_of_care::outpatient);
}

/// Calls `missing(modifier)` for each required modifier of `row` the line does not carry, until
/// it returns false.
template <typename Missing>
void for_each_missing_modifier(const index_data& index, const auth_row& row,
                               const line_values& values, Missing&& missing) {
  std::string scratch;
  const auto carried = values.line().modifiers;
  for (const auto id : index.ids(row.modifiers())) {
    const auto required = index.text(id);
    if (std::none_of(
            carried.begin(), carried.end(),
            [&](std::string_view modifier) { return normalized(modifier, scratch) == required; }) &&
        !missing(required)) {
      return;
    }
  }
}

/// Whether the line carries every modifier `row` requires (no text is built: this is asked of
/// every candidate).
bool carries_modifiers(const index_data& index, const auth_row& row, const line_values& values) {
  bool all = true;
  for_each_missing_modifier(index, row, values, [&](std::string_view) { return all = false; });
  return all;
}

/// The required modifiers of `row` that the line does not carry, "|"-joined; empty when none.
std::string missing_modifiers(const index_data& index, const auth_row& row,
                              const line_values& values) {
  std::string missing;
  for_each_missing_modifier(index, row, values, [&](std::string_view required) {
    if (!missing.empty()) missing += '|';
    missing += required;
    return true;
  });
  return missing;
}

bool other_claim_type(const auth_row& row, const line_values& values) noexcept {
  const auto approved = row.claim_type();
  const auto billed = values.line().claim_type;
  return approved && billed && *approved != *billed;
}

assessment assess(const index_data& index, row_id id, const line_values& values) {
  const auto& row = index.row(id);
  const auto& line = values.line();
  assessment result{id, 0, 0};
  const auto flag = [&](difference d) { result.differences |= 1U << static_cast<unsigned>(d); };

  if (row.status != auth_status::approved) flag(difference::not_approved);
  if (line.service_date < row.effective) {
    flag(difference::not_yet_effective);
    result.window_distance += row.effective - line.service_date;
  }
  if (line.service_date_end > row.expiration) {
    flag(difference::expired);
    result.window_distance += line.service_date_end - row.expiration;
  }
  if (!allows_provider(index, row, values)) flag(difference::provider);
  if (row.list_sizes[place_list] != 0 &&
      !index.contains(row.places_of_service(), values.place_of_service)) {
    flag(difference::place_of_service);
  }
  // A claim that names no separate service facility was delivered at the billing provider.
  const auto facility = values.facility_npi.empty() ? values.billing_npi : values.facility_npi;
  if (row.list_sizes[facility_list] != 0 && !index.contains(row.facility_npis(), facility)) {
    flag(difference::facility);
  }
  if (row.list_sizes[diagnosis_list] != 0) {
    const auto dx = values.diagnoses();
    const auto approved = row.diagnosis_codes();
    if (std::none_of(dx.begin(), dx.end(),
                     [&](std::string_view code) { return index.contains(approved, code); })) {
      flag(difference::diagnosis);
    }
  }
  if (const auto approved = row.level_of_care()) {
    const auto billed = billed_level_of(values);
    if (billed && !level_agrees(*approved, *billed)) flag(difference::level_of_care);
  }
  if (other_claim_type(row, values) ||
      (row.list_sizes[modifier_list] != 0 && !carries_modifiers(index, row, values))) {
    flag(difference::component);
  }
  return result;
}

/// The candidate that matches best: fewest differences, then the closest window, then the
/// row that was added first.
assessment best_of(const index_data& index, std::span<const row_id> candidates,
                   const line_values& values) {
  assessment best = assess(index, candidates.front(), values);
  for (const auto id : candidates.subspan(1)) {
    const auto next = assess(index, id, values);
    if (std::pair(next.count(), next.window_distance) <
        std::pair(best.count(), best.window_distance)) {
      best = next;
    }
  }
  return best;
}

// --- writing findings ---------------------------------------------------------------------------

}  // namespace

namespace {

/// A line's verdict as it is reached: its findings are added to `findings`.
struct verdict_builder {
  recycling_vector<finding>& findings;
  line_uses uses;
};

/// Adds a finding about `line`, compared against `row` when there is one, and returns it for
/// the caller to set what was expected, what was found and the message (empty). A finding is
/// written over one cleared before (recycling_vector), so every member is set, and strings are
/// assigned, not moved in: they keep their room.
finding& add_finding(verdict_builder& out, finding_kind kind, const line_values& values,
                     const index_data& index, const detail::auth_row* row) {
  const auto& line = values.line();
  finding& f = out.findings.add();
  classify(f, kind, row ? row->status : auth_status::approved);
  f.claim_id = line.claim_id;
  f.line = line.line;
  if (row == nullptr) {
    f.auth_number.reset();
  } else {
    assign_text(f.auth_number, index.text(row->number));
  }
  f.member_id = values.member_id;
  f.payer_id = values.payer_id;
  f.code = values.code;
  f.service_date = line.service_date;
  f.units = line.units;
  f.charge = line.charge;
  f.expected.clear();
  f.actual.clear();
  f.message.clear();
  assign_source_text(f.source, line.source_input, line.source_position);
  return f;
}

/// Sets `out` to the strings of a list joined by "|" (none is empty: lists keep non-empty parts
/// only).
void assign_texts(std::string& out, const index_data& index, detail::id_list list) {
  out.clear();
  for (const auto id : index.ids(list)) {
    if (!out.empty()) out += '|';
    out += index.text(id);
  }
}

/// The strings of a list joined by "|" (assign_texts).
std::string texts_of(const index_data& index, detail::id_list list) {
  std::string out;
  assign_texts(out, index, list);
  return out;
}

/// Sets `out` to the codes approved under one authorization number, "97110|97140".
void assign_approved_codes(std::string& out, const index_data& index,
                           std::span<const row_id> rows) {
  boost::container::small_vector<std::string_view, 8> codes;
  for (const auto id : rows) {
    const auto code = index.text(index.row(id).code);
    if (std::find(codes.begin(), codes.end(), code) == codes.end()) codes.push_back(code);
  }
  assign_join(out, codes, "|");
}

std::string_view or_none(std::string_view text) { return text.empty() ? "none" : text; }

std::string_view status_fix(auth_status status) {
  switch (status) {
    case auth_status::pending:
      return "is pending, not approved; wait for the payer's decision before billing";
    case auth_status::denied:
      return "was denied; appeal or request a peer-to-peer review before billing";
    case auth_status::cancelled: return "was cancelled; obtain a new authorization before billing";
    case auth_status::expired: return "is marked expired by the payer; renew it before billing";
    case auth_status::approved: break;
  }
  return "is approved";
}

/// component_mismatch: the row approves another claim type, or a component (modifier) the line
/// does not bill.
void describe_component(const auth_row& row, const line_values& values, const index_data& index,
                        finding& f) {
  const auto number = index.text(row.number);
  const auto type = other_claim_type(row, values) ? row.claim_type() : std::nullopt;
  const auto required = texts_of(index, row.modifiers());
  const auto missing = missing_modifiers(index, row, values);
  std::string billed;
  if (row.claim_type()) assign_concat(f.expected, to_string(*row.claim_type()), " claim");
  if (!required.empty()) {
    f.expected += concat(f.expected.empty() ? "" : ", ", "modifier ", required);
  }
  if (const auto claim = values.line().claim_type) {
    assign_concat(f.actual, to_string(*claim), " claim");
  }
  const auto carried = detail::join(values.line().modifiers, "|");
  f.actual += concat(f.actual.empty() ? "" : ", ", "modifiers ", or_none(carried));
  if (type) {
    const auto claim = to_string(*values.line().claim_type);
    billed = concat(claim.starts_with('i') ? "on an " : "on a ", claim, " claim");
  }
  if (!missing.empty())
    billed += concat(billed.empty() ? "" : " and ", "without modifier ", missing);
  const std::string_view approved = row.claim_type() ? to_string(*row.claim_type()) : "";
  assign_concat(f.message, "Authorization ", number, " approves the ", approved,
                approved.empty() ? "" : " ", "component", required.empty() ? "" : " (modifier ",
                required, required.empty() ? "" : ")", " only, but this line is billed ", billed,
                "; bill the approved component, or obtain a separate authorization for the "
                "other one.");
}

/// Findings for every difference between a line and the row it was matched with.
void describe(const assessment& match, const line_values& values, const index_data& index,
              verdict_builder& out) {
  const auto& row = index.row(match.row);
  const auto& line = values.line();
  const auto number = index.text(row.number);
  const auto add = [&](finding_kind kind) -> finding& {
    return add_finding(out, kind, values, index, &row);
  };
  if (match.has(difference::not_approved)) {
    auto& f = add(finding_kind::auth_not_approved);
    f.expected = "approved";
    f.actual = to_string(row.status);
    assign_concat(f.message, "Authorization ", number, " ", status_fix(row.status), ".");
  }
  if (match.has(difference::not_yet_effective)) {
    auto& f = add(finding_kind::auth_not_yet_effective);
    const auto starts = to_iso(row.effective);
    assign_concat(f.expected, "on or after ", starts);
    assign_dates(f.actual, line.service_date, line.service_date_end);
    assign_concat(f.message, "Service on ", f.actual, " is before authorization ", number,
                  " starts on ", starts,
                  "; reschedule the service or ask the payer to move the window.");
  }
  if (match.has(difference::expired)) {
    auto& f = add(finding_kind::auth_expired);
    const auto ended = to_iso(row.expiration);
    assign_concat(f.expected, "on or before ", ended);
    assign_dates(f.actual, line.service_date, line.service_date_end);
    assign_concat(f.message, "Service on ", f.actual, " is after authorization ", number,
                  " expired on ", ended,
                  "; renew the authorization (renewals start 30 days before expiration) "
                  "or request a retro-authorization.");
  }
  if (match.has(difference::provider)) {
    auto& f = add(finding_kind::provider_mismatch);
    assign_texts(f.expected, index, row.rendering_npis());
    f.actual = values.rendering_npi;
    assign_concat(f.message, "Rendering NPI ", or_none(values.rendering_npi), " (billing NPI ",
                  or_none(values.billing_npi), ") is not a provider authorized under ", number,
                  " (", f.expected,
                  "); bill under the authorized NPI or ask the payer to update the "
                  "authorization.");
  }
  if (match.has(difference::place_of_service)) {
    auto& f = add(finding_kind::site_mismatch);
    assign_texts(f.expected, index, row.places_of_service());
    f.actual = values.place_of_service;
    if (values.place_of_service.empty()) {
      assign_concat(f.message, "The claim carries no place of service but authorization ", number,
                    " allows only ", f.expected, "; add the place of service (CLM05-1 or SV105).");
    } else {
      assign_concat(f.message, "Place of service ", values.place_of_service,
                    " is not a site authorized under ", number, " (", f.expected,
                    "); deliver the service at the authorized site or get the authorization "
                    "amended.");
    }
  }
  if (match.has(difference::facility)) {
    auto& f = add(finding_kind::site_mismatch);
    const auto facility = values.facility_npi.empty() ? values.billing_npi : values.facility_npi;
    assign_texts(f.expected, index, row.facility_npis());
    f.actual = facility;
    assign_concat(f.message, "Service facility NPI ", or_none(facility),
                  " is not a facility authorized under ", number, " (", f.expected,
                  "); deliver the service at the authorized facility or get the authorization "
                  "amended.");
  }
  if (match.has(difference::diagnosis)) {
    auto& f = add(finding_kind::diagnosis_mismatch);
    assign_texts(f.expected, index, row.diagnosis_codes());
    assign_join(f.actual, values.diagnoses(), "|");
    assign_concat(f.message, "None of the line's diagnoses (", or_none(f.actual),
                  ") is among those authorized under ", number, " (", f.expected,
                  "); check the diagnosis pointers or ask the payer to add the diagnosis.");
  }
  if (match.has(difference::level_of_care)) {
    auto& f = add(finding_kind::level_of_care_mismatch);
    const auto approved = to_string(*row.level_of_care());
    const auto billed = *billed_level_of(values);
    f.expected = approved;
    if (billed.from_place) {
      assign_concat(f.actual, to_string(billed.level), " (place of service ",
                    values.place_of_service, ")");
    } else {
      f.actual = to_string(billed.level);
    }
    assign_concat(f.message, "Authorization ", number, " approves ", approved,
                  " care but the line is billed as ", f.actual,
                  "; bill the approved level of care, or ask the payer to change the "
                  "authorization's level (an observation stay that became an admission "
                  "needs an inpatient authorization).");
  }
  if (match.has(difference::component)) {
    describe_component(row, values, index, add(finding_kind::component_mismatch));
  }
}

/// The rows of the line's payer, patient and code: the candidates of a line without a number.
boost::container::small_vector<row_id, 4> patient_rows_for_code(const index_data& index,
                                                                const line_values& values) {
  boost::container::small_vector<row_id, 4> rows;
  for (const auto id : index.rows_for(values.payer_id, values.member_id, values.code)) {
    if (same_patient(index.row(id), index, values)) rows.push_back(id);
  }
  return rows;
}

/// "; on file for this patient: 97140 under A100" and similar hints for auth_missing.
std::string near_misses(const index_data& index, const line_values& values) {
  std::vector<std::string> hints;
  for (const auto id : index.rows_of_member(values.member_id)) {
    const auto& row = index.row(id);
    if (!same_patient(row, index, values)) {
      if (index.text(row.code) == values.code && index.text(row.payer) != values.payer_id) {
        hints.push_back(concat(values.code, " is authorized under ", index.text(row.number),
                               " with payer ", index.text(row.payer),
                               ": check the payer on the claim"));
      }
    } else if (hints.size() < 3) {
      hints.push_back(
          concat(index.text(row.code), " is authorized under ", index.text(row.number)));
    }
  }
  std::sort(hints.begin(), hints.end());
  hints.erase(std::unique(hints.begin(), hints.end()), hints.end());
  return hints.empty() ? std::string() : " (" + detail::join(hints, "; ") + ")";
}

/// The patient's own number for this code, when exactly one is on file.
std::optional<std::string_view> patients_number(const index_data& index,
                                                const line_values& values) {
  std::optional<std::string_view> found;
  for (const auto id : index.rows_for(values.payer_id, values.member_id, values.code)) {
    const auto& row = index.row(id);
    if (!same_patient(row, index, values)) continue;
    const auto number = index.text(row.number);
    if (found && *found != number) return std::nullopt;
    found = number;
  }
  return found;
}

/// auth_expiring_soon when the window closes within the configured days after the service.
void warn_if_expiring(const validator_options& options, const assessment& match,
                      const line_values& values, const index_data& index, verdict_builder& out) {
  if (!options.expiring_within_days) return;
  const auto& row = index.row(match.row);
  const auto days_left = row.expiration - values.line().service_date_end;
  if (days_left > *options.expiring_within_days) return;
  auto& f = add_finding(out, finding_kind::auth_expiring_soon, values, index, &row);
  const fmt::format_int within(*options.expiring_within_days), left(days_left);
  const auto ends = to_iso(row.expiration);
  const std::string_view plural = days_left == 1 ? "" : "s";
  assign_concat(f.expected, "more than ", within.str(), " days left");
  assign_concat(f.actual, left.str(), " day", plural, " left (ends ", ends, ")");
  assign_concat(f.message, "Authorization ", index.text(row.number), " ends on ", ends, ", ",
                left.str(), " day", plural,
                " after this service; request the renewal now if care continues.");
}

/// Why a referral of the patient does not cover a line, or nullopt when it does.
std::optional<std::string> referral_gap(const index_data& index, const auth_row& row,
                                        const line_values& values) {
  const auto& line = values.line();
  const auto number = index.text(row.number);
  if (row.status != auth_status::approved) {
    return concat("referral ", number, " is ", to_string(row.status));
  }
  if (line.service_date < row.effective) {
    return concat("referral ", number, " starts on ", to_iso(row.effective));
  }
  if (line.service_date_end > row.expiration) {
    return concat("referral ", number, " ended on ", to_iso(row.expiration));
  }
  if (!allows_provider(index, row, values)) {
    return concat("referral ", number, " is to ", texts_of(index, row.rendering_npis()));
  }
  return std::nullopt;
}

/// What the rules say of a line: whether it needs an authorization and a referral, and the rule
/// that says so (null without rules, or when none applies).
struct requirement {
  bool auth = true;
  bool referral = false;
  const auth_rules::rule* rule = nullptr;

  /// " (rule: <note>)" when the deciding rule has a note, else nothing.
  std::string note() const {
    if (rule == nullptr || rule->scope.note.empty()) return {};
    return concat(" (rule: ", rule->scope.note, ")");
  }
};

requirement requirement_of(const validator& checker, const claim_line& line,
                           std::span<const claim_line> claim) {
  const auto* rules = checker.rules();
  if (rules == nullptr) return {};
  const auto* rule = rules->rule_for(line, claim);
  if (rule == nullptr) return {false, false, nullptr};
  return {rule->requires_auth, rule->requires_referral, rule};
}

/// A Medicare unique tracking number has 14 characters.
constexpr std::size_t utn_length = 14;

/// Whether the deciding rule or the payer's profile takes only a UTN as the line's number.
bool wants_utn(const validator& checker, const requirement& needs, const line_values& values) {
  const auto* profiles = checker.options().profiles;
  return (needs.rule != nullptr && needs.rule->scope.number_format == auth_number_format::utn) ||
         (profiles != nullptr &&
          profiles->number_format(values.payer_id) == auth_number_format::utn);
}

/// Whether a number on file can go in REF*G1: not when the payer takes only UTNs and it is none
/// (the tracker then lacks the payer's tracking number).
bool billable_number(const validator& checker, const requirement& needs, const line_values& values,
                     std::string_view number) {
  return number.size() == utn_length || !wants_utn(checker, needs, values);
}

/// The patient's own number for this code (patients_number()) when it can go in REF*G1: a
/// message suggests no number the payer would refuse.
std::optional<std::string_view> billable_patients_number(const validator& checker,
                                                         const requirement& needs,
                                                         const index_data& index,
                                                         const line_values& values) {
  const auto number = patients_number(index, values);
  if (number && !billable_number(checker, needs, values, *number)) return std::nullopt;
  return number;
}

/// What to do about a number on file that cannot go in REF*G1 (billable_number() says no).
std::string record_the_utn(std::string_view number) {
  return concat(
      "the payer takes only a 14-character unique tracking number (UTN) in REF*G1, which ", number,
      " is not (", std::to_string(number.size()),
      " characters); record the UTN of the payer's decision as the authorization's "
      "number, add REF*G1 with it");
}

/// The finding of a number that is not spelled as the deciding rule or the payer's profile says
/// (a UTN), if it is not.
bool check_number_format(const validator& checker, const requirement& needs,
                         const index_data& index, const line_values& values, verdict_builder& out) {
  if (!needs.auth || values.auth_number.empty() || values.auth_number.size() == utn_length ||
      !wants_utn(checker, needs, values)) {
    return false;
  }
  auto& f = add_finding(out, finding_kind::auth_number_unknown, values, index, nullptr);
  // What Medicare contractors send for a tracking number that is not one.
  f.group = "CO";
  f.carc = "284";
  f.rarc = {"N517"};
  f.expected = "a 14-character unique tracking number (UTN)";
  f.actual = values.auth_number;
  assign_concat(f.message, "Authorization number ", values.auth_number,
                " is not a unique tracking number (", std::to_string(values.auth_number.size()),
                " characters where a UTN has 14)", needs.note(),
                "; put the 14-character UTN of the payer's decision in REF*G1 and resubmit.");
  return true;
}

/// Referral findings of a line whose code needs a referral: none on file covers it (code,
/// window, referred-to provider), or one does and the claim does not carry its number. The
/// covering referral is the one the line uses visits of; whether any are left is settled later.
void check_referral(const requirement& needs, const index_data& index, const line_values& values,
                    verdict_builder& out) {
  if (!needs.referral) return;
  const auto& line = values.line();
  const detail::auth_row* covering = nullptr;
  std::optional<row_id> covering_id;
  std::string near_miss;
  for (const auto id : index.referrals_of(values.payer_id, values.member_id)) {
    const auto& row = index.row(id);
    const auto code = index.text(row.code);
    if (!same_patient(row, index, values) || (code != "*" && code != values.code)) continue;
    if (auto gap = referral_gap(index, row, values)) {
      if (near_miss.empty()) near_miss = std::move(*gap);
      continue;
    }
    // The referral the claim names, else the first on file.
    if (!covering || index.text(row.number) == values.referral_number) {
      covering = &row;
      covering_id = id;
    }
  }
  const auto served = dates_of(line.service_date, line.service_date_end);
  if (!covering) {
    auto& f = add_finding(out, finding_kind::referral_missing, values, index, nullptr);
    assign_concat(f.expected, "a referral covering ", values.code, " on ", served);
    f.actual = near_miss.empty() ? std::string_view("none on file") : std::string_view(near_miss);
    assign_concat(f.message, "No referral on file covers ", values.code, " on ", served,
                  " for member ", values.member_id, " with payer ", values.payer_id,
                  near_miss.empty() ? "" : " (", near_miss, near_miss.empty() ? "" : ")",
                  needs.note(),
                  "; obtain a referral from the patient's primary care provider before the "
                  "visit.");
    return;
  }
  out.uses.referral = row_use{*covering_id, covering->number};
  const auto number = index.text(covering->number);
  if (values.referral_number == number) return;
  auto& f = add_finding(out, finding_kind::referral_number_missing, values, index, covering);
  f.expected = number;
  if (values.referral_number.empty()) {
    f.actual = "none";
    assign_concat(f.message, "Referral ", number,
                  " covers this line but the claim does not carry it; add REF*9F ", number,
                  " and resubmit.");
  } else {
    f.actual = values.referral_number;
    assign_concat(f.message, "The claim carries referral ", values.referral_number,
                  ", which does not cover this line; referral ", number, " does: put REF*9F ",
                  number, " on the claim and resubmit.");
  }
}

/// judge_line(), reaching `verdict`.
void judge_into(const validator& checker, const line_values& values,
                std::span<const claim_line> claim, verdict_builder& verdict) {
  const claim_line& line = values.line();
  // A void cancels an earlier claim: there is nothing to authorize.
  if (line.frequency == claim_frequency::void_claim) return;

  const auto& index = data_of(checker.index());
  bool claim_number_elsewhere = false;  ///< the claim's number is another line's; see below
  std::optional<assessment> match;

  // Enrollment: a provider not enrolled with the payer on the dates of service is denied
  // whatever the authorization says, so it is reported beside the authorization's findings.
  // The rendering NPI (as resolved) and the billing NPI are each looked up, once when the same.
  if (const auto* roster = checker.enrollment()) {
    const bool same = values.rendering_npi == values.billing_npi;
    for (const auto& [npi, role] :
         {std::pair(values.rendering_npi, same ? "Rendering and billing NPI " : "Rendering NPI "),
          std::pair(same ? std::string_view() : values.billing_npi, "Billing NPI ")}) {
      if (npi.empty()) continue;
      auto standing = roster->gap(values.payer_id, npi, line.service_date, line.service_date_end);
      if (!standing) continue;
      auto& f = add_finding(verdict, finding_kind::provider_not_enrolled, values, index, nullptr);
      const auto served = dates_of(line.service_date, line.service_date_end);
      assign_concat(f.expected, "enrolled with payer ", values.payer_id, " on ", served);
      assign_concat(f.message, role, npi, " is not enrolled with payer ", values.payer_id, " on ",
                    served, " (", *standing,
                    "); finish enrollment with the payer, or bill under an enrolled NPI.");
      f.actual = *standing;
    }
  }

  const requirement needs = requirement_of(checker, line, claim);
  check_referral(needs, index, values, verdict);
  if (check_number_format(checker, needs, index, values, verdict)) return;

  if (!values.auth_number.empty()) {
    const auto numbered = index.rows_with_number(values.auth_number);
    if (!numbered.empty() && index.row(numbered.front()).is_referral()) {
      auto& f = add_finding(verdict, finding_kind::auth_number_unknown, values, index, nullptr);
      const auto valid = billable_patients_number(checker, needs, index, values);
      f.expected = valid ? *valid : std::string_view("an authorization number");
      f.actual = values.auth_number;
      assign_concat(f.message, values.auth_number,
                    " is a referral number, not an authorization number; carry it in "
                    "REF*9F and put the authorization's number in REF*G1",
                    valid ? " (" : "", valid.value_or(""), valid ? ")." : ".");
    } else if (numbered.empty()) {
      auto& f = add_finding(verdict, finding_kind::auth_number_unknown, values, index, nullptr);
      const auto valid = billable_patients_number(checker, needs, index, values);
      f.expected = valid ? *valid : std::string_view("a number on file");
      f.actual = values.auth_number;
      if (valid) {
        assign_concat(f.message, "Authorization number ", values.auth_number,
                      " is not on file; correct it (the patient's authorization for ", values.code,
                      " is ", *valid, ").");
      } else {
        assign_concat(f.message, "Authorization number ", values.auth_number,
                      " is not on file; correct it with the number the payer issued.");
      }
    } else if (const auto& first = index.row(numbered.front());
               !same_patient(first, index, values)) {
      auto& f = add_finding(verdict, finding_kind::auth_number_mismatch, values, index, &first);
      assign_concat(f.expected, "member ", index.text(first.member), " payer ",
                    index.text(first.payer));
      assign_concat(f.actual, "member ", values.member_id, " payer ", values.payer_id);
      const auto valid = billable_patients_number(checker, needs, index, values);
      assign_concat(f.message, "Authorization ", values.auth_number,
                    " belongs to another patient or payer (", f.expected,
                    "); bill the patient's own authorization number", valid ? " (" : "",
                    valid.value_or(""), valid ? ")." : ".");
    } else {
      boost::container::small_vector<row_id, 4> same_code;
      for (const auto id : numbered) {
        if (index.text(index.row(id).code) == values.code) same_code.push_back(id);
      }
      if (same_code.empty()) {
        // The number approves other codes. A line whose code needs no authorization is not
        // denied for it (an office visit on an MRI's claim); a line that carries only the
        // claim's number is judged as if it carried none, when the patient has an
        // authorization for its code: that number belongs in the line's REF*G1.
        if (!needs.auth) return;
        if (line.auth_number_from_claim) {
          const auto own = patient_rows_for_code(index, values);
          if (!own.empty()) {
            match = best_of(index, {own.data(), own.size()}, values);
            claim_number_elsewhere = true;
          }
        }
      }
      if (same_code.empty() && !match) {
        auto& f = add_finding(verdict, finding_kind::code_mismatch, values, index, &first);
        assign_approved_codes(f.expected, index, numbered);
        f.actual = values.code;
        assign_concat(f.message, "Authorization ", values.auth_number, " approves ", f.expected,
                      ", not ", values.code,
                      "; bill the approved code or ask the payer to update the "
                      "authorization.");
      } else if (!same_code.empty()) {
        match = best_of(index, {same_code.data(), same_code.size()}, values);
      }
    }
  } else if (needs.auth) {
    const auto candidates = patient_rows_for_code(index, values);
    if (candidates.empty()) {
      auto& f = add_finding(verdict, finding_kind::auth_missing, values, index, nullptr);
      assign_concat(f.expected, "an approved authorization for ", values.code);
      f.actual = "none on file";
      assign_concat(f.message, "No authorization on file for ", values.code, " for member ",
                    values.member_id, " with payer ", values.payer_id, near_misses(index, values),
                    needs.note(),
                    "; obtain one, or a retro-authorization where the payer allows it, before "
                    "billing.");
    } else {
      match = best_of(index, {candidates.data(), candidates.size()}, values);
    }
  }

  if (match) {
    describe(*match, values, index, verdict);
    const auto& row = index.row(match->row);
    if (claim_number_elsewhere) {
      auto& f = add_finding(verdict, finding_kind::auth_number_missing, values, index, &row);
      f.expected = index.text(row.number);
      f.actual = values.auth_number;
      if (billable_number(checker, needs, values, f.expected)) {
        assign_concat(f.message, "The claim's authorization number ", values.auth_number,
                      " does not approve ", values.code, "; authorization ", f.expected,
                      " does: add REF*G1 ", f.expected, " to this line (loop 2400) and resubmit.");
      } else {
        assign_concat(f.message, "The claim's authorization number ", values.auth_number,
                      " does not approve ", values.code, "; authorization ", f.expected,
                      " does, but ", record_the_utn(f.expected),
                      " to this line (loop 2400) and resubmit.");
      }
    } else if (match->count() == 0 && values.auth_number.empty()) {
      auto& f = add_finding(verdict, finding_kind::auth_number_missing, values, index, &row);
      f.expected = index.text(row.number);
      f.actual = "none";
      if (!billable_number(checker, needs, values, f.expected)) {
        assign_concat(f.message, "Authorization ", f.expected,
                      " covers this line but the claim does not carry it, and ",
                      record_the_utn(f.expected), " and resubmit.");
      } else {
        assign_concat(f.message, "Authorization ", f.expected,
                      " covers this line but the claim does not carry it; add REF*G1 ", f.expected,
                      " and resubmit.");
      }
    }
    if (row.status == auth_status::approved && match->inside_window()) {
      verdict.uses.row = row_use{match->row, row.number};
      warn_if_expiring(checker.options(), *match, values, index, verdict);
    }
  }
}

}  // namespace

line_uses judge_line(const validator& checker, const claim_line& line,
                     std::span<const claim_line> claim, recycling_vector<finding>& findings) {
  verdict_builder verdict{findings, {}};
  judge_into(checker, line_values(line), claim, verdict);
  return verdict.uses;
}

void prefetch_judging(const validator& checker, const claim_line& line, int step,
                      index_data::lookup_ahead& ahead) noexcept {
  const bool by_number = !line.auth_number.empty();
  if (step == 0) {
    // Every cache line the record spans, from the one its first byte is in.
    constexpr std::uintptr_t cache_line = 64;
    const auto end = reinterpret_cast<std::uintptr_t>(&line + 1);
    for (auto at = reinterpret_cast<std::uintptr_t>(&line) & ~(cache_line - 1); at < end;
         at += cache_line) {
      __builtin_prefetch(reinterpret_cast<const void*>(at));
    }
  } else if (step == 1) {
    // The payer's text is hashed too, and mostly loaded already: payers are few.
    if (by_number) {
      __builtin_prefetch(line.auth_number.data());
    } else {
      __builtin_prefetch(line.member_id.data());
      __builtin_prefetch(line.code.data());
    }
  } else if (const auto& index = data_of(checker.index()); by_number) {
    index.prefetch_number(line.auth_number, step - 2, ahead);
  } else {
    index.prefetch_patient_code(line.payer_id, line.member_id, line.code, step - 2, ahead);
  }
}

line_uses judge(const validator& checker, line_values& values, const claim_line& line,
                std::span<const claim_line> claim, recycling_vector<finding>& findings) {
  const auto first = findings.size();
  values.read(line);
  verdict_builder verdict{findings, {}};
  judge_into(checker, values, claim, verdict);
  const auto uses = verdict.uses;
  if (const auto* profiles = checker.options().profiles) {
    for (auto& f : findings.slice(first, findings.size())) {
      profiles->apply(f, !line.auth_number.empty());
    }
  }
  return uses;
}

}  // namespace detail
}  // namespace v0
}  // namespace authmatch
