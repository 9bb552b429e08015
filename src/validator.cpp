#include <authmatch/detail/text.hpp>
#include <authmatch/validator.hpp>

#include <algorithm>
#include <boost/container/small_vector.hpp>
#include <fmt/format.h>
#include <numeric>
#include <unordered_map>

namespace authmatch {
inline namespace v0 {
namespace {

using row_id = authorization_index::row_id;

// --- the line's values as they are compared -------------------------------------------------

/// A view of `text` as compared (trimmed, upper case), copying only when the producer did not
/// already normalize it.
std::string_view normalized(std::string_view text, std::string& scratch) {
  if (detail::is_normalized_id(text)) return text;
  scratch = detail::normalize_id(text);
  return scratch;
}

/// The values of one line that lookups and comparisons use, normalized.
class line_values {
 public:
  explicit line_values(const claim_line& line) : line_(line) {
    member_id = normalized(line.member_id, scratch_[0]);
    payer_id = normalized(line.payer_id, scratch_[1]);
    code = normalized(line.code, scratch_[2]);
    auth_number = normalized(line.auth_number, scratch_[3]);
    rendering_npi = normalized(line.rendering_npi, scratch_[4]);
    billing_npi = normalized(line.billing_npi, scratch_[5]);
    facility_npi = normalized(line.facility_npi, scratch_[6]);
    place_of_service = normalized(line.place_of_service, scratch_[7]);
    for (const auto dx : line.diagnosis_codes) {
      if (dx.find('.') == std::string_view::npos && detail::is_normalized_id(dx)) {
        diagnoses_.push_back(dx);
      } else {
        diagnosis_scratch_.push_back(detail::normalize_diagnosis(dx));
      }
    }
    for (const auto& dx : diagnosis_scratch_) diagnoses_.push_back(dx);
  }

  const claim_line& line() const noexcept { return line_; }
  std::span<const std::string_view> diagnoses() const noexcept {
    return {diagnoses_.data(), diagnoses_.size()};
  }

  std::string_view member_id, payer_id, code, auth_number;
  std::string_view rendering_npi, billing_npi, facility_npi, place_of_service;

 private:
  const claim_line& line_;
  std::string scratch_[8];
  std::vector<std::string> diagnosis_scratch_;
  boost::container::small_vector<std::string_view, 12> diagnoses_;
};

/// "1 unit", "2 units", "1.5 units".
std::string units_of(decimal quantity) {
  return quantity.to_string() + (quantity == decimal::from_integer(1) ? " unit" : " units");
}

std::string dates_of(const claim_line& line) {
  if (line.service_date_end == line.service_date) return to_iso(line.service_date);
  return fmt::format("{} to {}", to_iso(line.service_date), to_iso(line.service_date_end));
}

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

assessment assess(const authorization_index& index, row_id id, const line_values& values) {
  const auto& row = index.row(id);
  const auto& line = values.line();
  assessment result{id, 0, 0};
  const auto flag = [&](difference d) { result.differences |= 1U << static_cast<unsigned>(d); };

  if (row.status != auth_status::approved) flag(difference::not_approved);
  if (line.service_date < row.effective) {
    flag(difference::not_yet_effective);
    result.window_distance += (row.effective - line.service_date).days();
  }
  if (line.service_date_end > row.expiration) {
    flag(difference::expired);
    result.window_distance += (line.service_date_end - row.expiration).days();
  }
  if (row.rendering_npis.count != 0 && !index.contains(row.rendering_npis, values.rendering_npi) &&
      !index.contains(row.rendering_npis, values.billing_npi)) {
    flag(difference::provider);
  }
  if (row.places_of_service.count != 0 &&
      !index.contains(row.places_of_service, values.place_of_service)) {
    flag(difference::place_of_service);
  }
  // A claim that names no separate service facility was delivered at the billing provider.
  const auto facility = values.facility_npi.empty() ? values.billing_npi : values.facility_npi;
  if (row.facility_npis.count != 0 && !index.contains(row.facility_npis, facility)) {
    flag(difference::facility);
  }
  if (row.diagnosis_codes.count != 0) {
    const auto dx = values.diagnoses();
    if (std::none_of(dx.begin(), dx.end(),
                     [&](std::string_view code) { return index.contains(row.diagnosis_codes, code); })) {
      flag(difference::diagnosis);
    }
  }
  return result;
}

/// The candidate that matches best: fewest differences, then the closest window, then the
/// row that was added first.
assessment best_of(const authorization_index& index, std::span<const row_id> candidates,
                   const line_values& values) {
  assessment best = assess(index, candidates.front(), values);
  for (const auto id : candidates.subspan(1)) {
    const auto next = assess(index, id, values);
    if (std::pair(next.count(), next.window_distance) < std::pair(best.count(), best.window_distance)) {
      best = next;
    }
  }
  return best;
}

bool same_patient(const detail::auth_row& row, const authorization_index& index,
                  const line_values& values) {
  const auto& dob = values.line().patient_dob;
  return index.text(row.payer) == values.payer_id && index.text(row.member) == values.member_id &&
         (row.patient_dob.is_special() || !dob || *dob == row.patient_dob);
}

// --- writing findings ---------------------------------------------------------------------------

/// The default adjustment codes of a finding; every default has at most one remark code.
struct adjustment {
  std::string_view group, carc, rarc;
};

adjustment adjustment_for(finding_kind kind, auth_status status) {
  switch (kind) {
    case finding_kind::auth_missing: return {"CO", "197", ""};
    case finding_kind::auth_number_missing:
    case finding_kind::auth_number_unknown:
    case finding_kind::auth_number_mismatch: return {"CO", "16", "M62"};
    case finding_kind::auth_not_approved:
      return status == auth_status::denied ? adjustment{"CO", "39", ""} : adjustment{"CO", "197", ""};
    case finding_kind::units_exceeded: return {"CO", "198", "N640"};
    case finding_kind::auth_not_yet_effective:
    case finding_kind::auth_expired:
    case finding_kind::code_mismatch:
    case finding_kind::provider_mismatch:
    case finding_kind::site_mismatch:
    case finding_kind::diagnosis_mismatch: return {"CO", "197", "N54"};
    case finding_kind::claim_unreadable: return {"", "", ""};
  }
  return {"", "", ""};
}

/// A finding about `line`, compared against `row` when there is one.
finding make_finding(finding_kind kind, const line_values& values, const authorization_index& index,
                     const detail::auth_row* row) {
  const auto& line = values.line();
  const auto codes = adjustment_for(kind, row ? row->status : auth_status::approved);
  finding f;
  f.claim_id = line.claim_id;
  f.line = line.line;
  f.kind = kind;
  f.level = severity::deny;
  f.group = codes.group;
  f.carc = codes.carc;
  if (!codes.rarc.empty()) f.rarc.emplace_back(codes.rarc);
  if (row) f.auth_number = std::string(index.text(row->number));
  f.member_id = values.member_id;
  f.payer_id = values.payer_id;
  f.code = values.code;
  f.service_date = line.service_date;
  f.units = line.units;
  f.charge = line.charge;
  return f;
}

std::string texts_of(const authorization_index& index, detail::id_list list) {
  std::vector<std::string_view> values;
  for (const auto id : index.ids(list)) values.push_back(index.text(id));
  return detail::join(values, "|");
}

/// Codes approved under one authorization number, "97110|97140".
std::string approved_codes(const authorization_index& index, std::span<const row_id> rows) {
  std::vector<std::string_view> codes;
  for (const auto id : rows) {
    const auto code = index.text(index.row(id).code);
    if (std::find(codes.begin(), codes.end(), code) == codes.end()) codes.push_back(code);
  }
  return detail::join(codes, "|");
}

std::string_view status_fix(auth_status status) {
  switch (status) {
    case auth_status::pending: return "is pending, not approved; wait for the payer's decision before billing";
    case auth_status::denied: return "was denied; appeal or request a peer-to-peer review before billing";
    case auth_status::cancelled: return "was cancelled; obtain a new authorization before billing";
    case auth_status::expired: return "is marked expired by the payer; renew it before billing";
    case auth_status::approved: break;
  }
  return "is approved";
}

/// Findings for every difference between a line and the row it was matched with.
void describe(const assessment& match, const line_values& values, const authorization_index& index,
              std::vector<finding>& out) {
  const auto& row = index.row(match.row);
  const auto& line = values.line();
  const auto number = index.text(row.number);
  const auto add = [&](finding_kind kind, std::string expected, std::string actual,
                       std::string message) {
    auto f = make_finding(kind, values, index, &row);
    f.expected = std::move(expected);
    f.actual = std::move(actual);
    f.message = std::move(message);
    out.push_back(std::move(f));
  };

  if (match.has(difference::not_approved)) {
    add(finding_kind::auth_not_approved, "approved", std::string(to_string(row.status)),
        fmt::format("Authorization {} {}.", number, status_fix(row.status)));
  }
  if (match.has(difference::not_yet_effective)) {
    add(finding_kind::auth_not_yet_effective, "on or after " + to_iso(row.effective), dates_of(line),
        fmt::format("Service on {} is before authorization {} starts on {}; reschedule the service "
                    "or ask the payer to move the window.",
                    dates_of(line), number, to_iso(row.effective)));
  }
  if (match.has(difference::expired)) {
    add(finding_kind::auth_expired, "on or before " + to_iso(row.expiration), dates_of(line),
        fmt::format("Service on {} is after authorization {} expired on {}; renew the "
                    "authorization (renewals start 30 days before expiration) or request a "
                    "retro-authorization.",
                    dates_of(line), number, to_iso(row.expiration)));
  }
  if (match.has(difference::provider)) {
    const auto allowed = texts_of(index, row.rendering_npis);
    add(finding_kind::provider_mismatch, allowed, std::string(values.rendering_npi),
        fmt::format("Rendering NPI {} (billing NPI {}) is not a provider authorized under {} ({}); "
                    "bill under the authorized NPI or ask the payer to update the authorization.",
                    values.rendering_npi.empty() ? "none" : values.rendering_npi,
                    values.billing_npi.empty() ? "none" : values.billing_npi, number, allowed));
  }
  if (match.has(difference::place_of_service)) {
    const auto allowed = texts_of(index, row.places_of_service);
    add(finding_kind::site_mismatch, allowed, std::string(values.place_of_service),
        values.place_of_service.empty()
            ? fmt::format("The claim carries no place of service but authorization {} allows only "
                          "{}; add the place of service (CLM05-1 or SV105).",
                          number, allowed)
            : fmt::format("Place of service {} is not a site authorized under {} ({}); deliver the "
                          "service at the authorized site or get the authorization amended.",
                          values.place_of_service, number, allowed));
  }
  if (match.has(difference::facility)) {
    const auto allowed = texts_of(index, row.facility_npis);
    const auto facility = values.facility_npi.empty() ? values.billing_npi : values.facility_npi;
    add(finding_kind::site_mismatch, allowed, std::string(facility),
        fmt::format("Service facility NPI {} is not a facility authorized under {} ({}); deliver "
                    "the service at the authorized facility or get the authorization amended.",
                    facility.empty() ? "none" : facility, number, allowed));
  }
  if (match.has(difference::diagnosis)) {
    const auto allowed = texts_of(index, row.diagnosis_codes);
    const auto billed = detail::join(values.diagnoses(), "|");
    add(finding_kind::diagnosis_mismatch, allowed, billed,
        fmt::format("None of the line's diagnoses ({}) is among those authorized under {} ({}); "
                    "check the diagnosis pointers or ask the payer to add the diagnosis.",
                    billed.empty() ? "none" : billed, number, allowed));
  }
}

/// "; on file for this patient: 97140 under A100" and similar hints for auth_missing.
std::string near_misses(const authorization_index& index, const line_values& values) {
  std::vector<std::string> hints;
  for (const auto id : index.rows_of_member(values.member_id)) {
    const auto& row = index.row(id);
    if (!same_patient(row, index, values)) {
      if (index.text(row.code) == values.code && index.text(row.payer) != values.payer_id) {
        hints.push_back(fmt::format("{} is authorized under {} with payer {}: check the payer on "
                                    "the claim",
                                    values.code, index.text(row.number), index.text(row.payer)));
      }
    } else if (hints.size() < 3) {
      hints.push_back(fmt::format("{} is authorized under {}", index.text(row.code),
                                  index.text(row.number)));
    }
  }
  std::sort(hints.begin(), hints.end());
  hints.erase(std::unique(hints.begin(), hints.end()), hints.end());
  return hints.empty() ? std::string() : " (" + detail::join(hints, "; ") + ")";
}

/// The patient's own number for this code, when exactly one is on file.
std::optional<std::string_view> patients_number(const authorization_index& index,
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

}  // namespace

// --- validator ------------------------------------------------------------------------------------

bool validator::requires_auth(const claim_line& line) const noexcept {
  if (rules_ == nullptr) return true;
  std::string payer_scratch, code_scratch;
  return rules_->requires_auth(normalized(line.payer_id, payer_scratch),
                               normalized(line.code, code_scratch));
}

std::vector<finding> validator::validate(std::span<const claim_line> lines) const {
  validation_run run(*this);
  while (!lines.empty()) {
    std::size_t n = 1;
    while (n < lines.size() && lines[n].claim_id == lines.front().claim_id) ++n;
    run.add_claim(lines.first(n));
    lines = lines.subspan(n);
  }
  return std::move(run).finish();
}

// --- validation_run ---------------------------------------------------------------------------------

validation_run::validation_run(const validator& checker) : checker_(&checker) {}

void validation_run::add_claim(std::span<const claim_line> lines) {
  ++summary_.claims_read;
  for (const auto& line : lines) {
    ++summary_.lines_read;
    check_line(line);
    ++sequence_;
  }
}

void validation_run::reject_claim(finding unreadable) {
  ++summary_.claims_read;
  ++summary_.claims_rejected;
  add_finding(std::move(unreadable));
  ++sequence_;
}

void validation_run::add_finding(finding found) {
  findings_.push_back(std::move(found));
  finding_sequence_.push_back(sequence_);
}

void validation_run::check_line(const claim_line& line) {
  // A void cancels an earlier claim: there is nothing to authorize.
  if (line.frequency == claim_frequency::void_claim) return;

  const auto& index = checker_->index();
  const line_values values(line);
  std::vector<finding> found;
  std::optional<assessment> match;

  if (!values.auth_number.empty()) {
    const auto numbered = index.rows_with_number(values.auth_number);
    if (numbered.empty()) {
      auto f = make_finding(finding_kind::auth_number_unknown, values, index, nullptr);
      const auto valid = patients_number(index, values);
      f.expected = valid ? std::string(*valid) : std::string("a number on file");
      f.actual = values.auth_number;
      f.message = fmt::format("Authorization number {} is not on file; correct it{}.",
                              values.auth_number,
                              valid ? fmt::format(" (the patient's authorization for {} is {})",
                                                  values.code, *valid)
                                    : std::string(" with the number the payer issued"));
      found.push_back(std::move(f));
    } else if (const auto& first = index.row(numbered.front()); !same_patient(first, index, values)) {
      auto f = make_finding(finding_kind::auth_number_mismatch, values, index, &first);
      f.expected = fmt::format("member {} payer {}", index.text(first.member), index.text(first.payer));
      f.actual = fmt::format("member {} payer {}", values.member_id, values.payer_id);
      const auto valid = patients_number(index, values);
      f.message = fmt::format("Authorization {} belongs to another patient or payer ({}); bill "
                              "the patient's own authorization number{}.",
                              values.auth_number, f.expected,
                              valid ? fmt::format(" ({})", *valid) : std::string());
      found.push_back(std::move(f));
    } else {
      boost::container::small_vector<row_id, 4> same_code;
      for (const auto id : numbered) {
        if (index.text(index.row(id).code) == values.code) same_code.push_back(id);
      }
      if (same_code.empty()) {
        auto f = make_finding(finding_kind::code_mismatch, values, index, &first);
        f.expected = approved_codes(index, numbered);
        f.actual = values.code;
        f.message = fmt::format("Authorization {} approves {}, not {}; bill the approved code or "
                                "ask the payer to update the authorization.",
                                values.auth_number, f.expected, values.code);
        found.push_back(std::move(f));
      } else {
        match = best_of(index, {same_code.data(), same_code.size()}, values);
      }
    }
  } else if (checker_->requires_auth(line)) {
    boost::container::small_vector<row_id, 4> candidates;
    for (const auto id : index.rows_for(values.payer_id, values.member_id, values.code)) {
      if (same_patient(index.row(id), index, values)) candidates.push_back(id);
    }
    if (candidates.empty()) {
      auto f = make_finding(finding_kind::auth_missing, values, index, nullptr);
      f.expected = fmt::format("an approved authorization for {}", values.code);
      f.actual = "none on file";
      f.message = fmt::format("No authorization on file for {} for member {} with payer {}{}; "
                              "obtain one, or a retro-authorization where the payer allows it, "
                              "before billing.",
                              values.code, values.member_id, values.payer_id,
                              near_misses(index, values));
      found.push_back(std::move(f));
    } else {
      match = best_of(index, {candidates.data(), candidates.size()}, values);
    }
  }

  if (match) {
    describe(*match, values, index, found);
    const auto& row = index.row(match->row);
    if (match->count() == 0 && values.auth_number.empty()) {
      auto f = make_finding(finding_kind::auth_number_missing, values, index, &row);
      f.expected = std::string(index.text(row.number));
      f.actual = "none";
      f.message = fmt::format("Authorization {} covers this line but the claim does not carry "
                              "it; add REF*G1 {} and resubmit.",
                              index.text(row.number), index.text(row.number));
      found.push_back(std::move(f));
    }
    if (row.status == auth_status::approved && match->inside_window() && row.has_unit_limit) {
      consumptions_.push_back({match->row, line.service_date, line.line, sequence_,
                               std::string(line.claim_id), line.units, line.charge});
    }
  }
  for (auto& f : found) add_finding(std::move(f));
}

void validation_run::settle_units() {
  std::sort(consumptions_.begin(), consumptions_.end(), [](const consumption& a, const consumption& b) {
    return std::tie(a.service_date, a.claim_id, a.line, a.sequence) <
           std::tie(b.service_date, b.claim_id, b.line, b.sequence);
  });
  const auto& index = checker_->index();
  std::unordered_map<row_id, decimal> consumed;
  for (const auto& use : consumptions_) {
    const auto& row = index.row(use.row);
    decimal& used = consumed[use.row];
    const decimal remaining = row.units - row.units_used - used;
    const decimal available = std::max(remaining, decimal());
    if (use.units > available) {
      const decimal excess = use.units - available;
      finding f;
      f.claim_id = use.claim_id;
      f.line = use.line;
      f.kind = finding_kind::units_exceeded;
      f.level = severity::deny;
      const auto codes = adjustment_for(f.kind, row.status);
      f.group = codes.group;
      f.carc = codes.carc;
      if (!codes.rarc.empty()) f.rarc.emplace_back(codes.rarc);
      f.auth_number = std::string(index.text(row.number));
      f.member_id = index.text(row.member);
      f.payer_id = index.text(row.payer);
      f.code = index.text(row.code);
      f.service_date = use.service_date;
      f.units = use.units;
      f.charge = use.charge;
      f.expected = "at most " + available.to_string();
      f.actual = use.units.to_string();
      f.message = fmt::format("{} billed but {} remaining on authorization {} for {}; the "
                              "excess of {} will deny: request more units from the payer.",
                              units_of(use.units), units_of(available), *f.auth_number, f.code,
                              units_of(excess));
      findings_.push_back(std::move(f));
      finding_sequence_.push_back(use.sequence);
    }
    used += std::min(use.units, available);
  }
}

std::vector<finding> validation_run::take_settled() {
  return release_findings(true);
}

std::vector<finding> validation_run::finish() && {
  settle_units();
  auto sorted = release_findings(false);
  consumptions_.clear();
  at_risk_taken_.clear();
  return sorted;
}

std::vector<finding> validation_run::release_findings(bool more_to_come) {
  std::vector<std::size_t> order(findings_.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [this](std::size_t a, std::size_t b) {
    return std::pair(finding_sequence_[a], findings_[a].kind) <
           std::pair(finding_sequence_[b], findings_[b].kind);
  });

  std::vector<finding> sorted;
  sorted.reserve(findings_.size());
  std::optional<std::uint64_t> last_at_risk;
  for (const auto i : order) {
    auto& f = findings_[i];
    const auto line = finding_sequence_[i];
    ++summary_.findings_by_kind[static_cast<std::size_t>(f.kind)];
    if (f.level == severity::deny && f.charge && last_at_risk != line) {
      last_at_risk = line;
      // Sequences only grow from one release to the next, so at_risk_taken_ stays sorted.
      if (!std::binary_search(at_risk_taken_.begin(), at_risk_taken_.end(), line)) {
        summary_.charge_at_risk += *f.charge;
        if (more_to_come) at_risk_taken_.push_back(line);
      }
    }
    sorted.push_back(std::move(f));
  }
  findings_.clear();
  finding_sequence_.clear();
  return sorted;
}

}  // namespace v0
}  // namespace authmatch
