#include "claim_builder.hpp"

#include "amount.hpp"

#include <authmatch/limits.hpp>
#include "text/printable.hpp"

#include <fmt/format.h>

namespace authmatch {
inline namespace v0 {
namespace x12 {
namespace detail {
namespace {

using ::authmatch::detail::quoted_value;

/// HI qualifiers of diagnoses: principal, other, admitting, patient's reason for visit, in their
/// ICD-10 (ABK...) and ICD-9 (BK...) forms. External cause (ABN), value, occurrence, condition
/// and procedure codes are not diagnoses an authorization restricts.
bool is_diagnosis_qualifier(std::string_view q) noexcept {
  return q == "ABK" || q == "ABF" || q == "ABJ" || q == "APR" || q == "BK" || q == "BF" ||
         q == "BJ" || q == "PR";
}

std::optional<std::uint32_t> parse_count(std::string_view text) noexcept {
  if (text.empty() || text.size() > 9) return std::nullopt;
  std::uint32_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + static_cast<std::uint32_t>(c - '0');
  }
  return value;
}

/// DTP02/DTP03 as a D8 day or an RD8 range (first <= last).
bool read_dates(const elements& e, date& from, date& to) {
  const std::string_view format = e[2];
  const std::string_view value = e[3];
  std::optional<date> first, last;
  if (format == "D8") {
    first = last = parse_date(value);
  } else if (format == "RD8") {
    const auto dash = value.find('-');
    if (dash != std::string_view::npos) {
      first = parse_date(value.substr(0, dash));
      last = parse_date(value.substr(dash + 1));
    }
  }
  if (!first || !last || *last < *first) return false;
  from = *first;
  to = *last;
  return true;
}

}  // namespace

void claim_builder::begin_transaction(guide kind, std::string_view unsupported_reason) {
  end_transaction();
  kind_ = kind;
  unsupported_reason_.assign(unsupported_reason);
  separator_reported_ = false;
}

void claim_builder::end_transaction() {
  end_claim();
  kind_ = guide::none;
  area_ = area::header;
  name_ = name_loop::none;
  context_.have_billing = context_.have_subscriber = context_.have_patient = false;
  context_.billing_npi.clear();
  context_.member_id.clear();
  context_.payer_id.clear();
  context_.subscriber_dob.reset();
  context_.patient_dob.reset();
}

void claim_builder::report(diagnostic_kind kind, const segment& seg, std::size_t element,
                           const std::string& message) {
  diagnostic found = out_->make(kind, seg.where, seg.id, element, message);
  if (claim_.open) {
    hold(std::move(found));
  } else {
    out_->emit(found);
  }
}

void claim_builder::rewind() noexcept {
  separator_reported_ = claim_.separator_reported_before;
  claim_.open = false;
  claim_.failed = false;
  claim_.lines.clear();
  claim_.diagnosis_slots.clear();
  claim_.pending.clear();
  claim_.withheld = claim_.withheld_faults = 0;
}

void claim_builder::abandon(std::string_view what) {
  if (claim_.open) fail(claim_.where, 0, what);
}

void claim_builder::fail(position at, std::size_t element, std::string_view what) {
  if (!claim_.open || claim_.failed) return;
  claim_.failed = true;
  claim_.error = ::authmatch::detail::safe_message(out_->locate(at, element, what));
  // A failed claim keeps owned text only: drop the views so nothing can use them.
  claim_.lines.clear();
  claim_.diagnosis_slots.clear();
}

void claim_builder::on_segment(const segment& seg, const delimiters& delims) {
  if (seg.id_tag == tag("HL")) {
    end_claim();
    on_hl(seg);
    return;
  }
  if (seg.id_tag == tag("CLM")) {
    end_claim();
    open_claim(seg, delims);
    if (seg.oversized) fail(seg, 0, "the CLM segment is longer than the segment size limit");
    return;
  }
  if (claim_.open) {
    if (seg.oversized) {
      fail(seg, 0,
           fmt::format("segment {} is longer than the segment size limit", quoted_value(seg.id)));
    }
    if (!claim_.failed) on_claim_segment(seg, delims);
    return;
  }
  if (!seg.oversized) on_context_segment(seg);
}

void claim_builder::on_hl(const segment& seg) {
  const elements e(seg);
  const std::string_view id = e[1];
  const std::string_view parent = e[2];
  const std::string_view level = e[3];
  name_ = name_loop::none;
  if (level == "20") {
    context_.have_billing = true;
    context_.billing_hl.assign(id);
    context_.billing_npi.clear();
    context_.have_subscriber = context_.have_patient = false;
    context_.member_id.clear();
    context_.payer_id.clear();
    context_.subscriber_dob.reset();
    context_.patient_dob.reset();
    area_ = area::billing;
  } else if (level == "22") {
    if (!context_.have_billing) {
      report(diagnostic_kind::hierarchy, seg, 3,
             "subscriber HL (level 22) without a billing "
             "provider HL (level 20) before it");
    } else if (parent != context_.billing_hl) {
      report(diagnostic_kind::hierarchy, seg, 2,
             fmt::format("subscriber HL {} names parent {}, but the billing provider HL before "
                         "it is {}; it is read as that provider's",
                         quoted_value(id), quoted_value(parent), context_.billing_hl));
    }
    context_.have_subscriber = true;
    context_.subscriber_hl.assign(id);
    context_.have_patient = false;
    context_.member_id.clear();
    context_.payer_id.clear();
    context_.subscriber_dob.reset();
    context_.patient_dob.reset();
    area_ = area::subscriber;
  } else if (level == "23") {
    if (!context_.have_subscriber) {
      report(diagnostic_kind::hierarchy, seg, 3,
             "patient HL (level 23) without a subscriber "
             "HL (level 22) before it");
    } else if (parent != context_.subscriber_hl) {
      report(diagnostic_kind::hierarchy, seg, 2,
             fmt::format("patient HL {} names parent {}, but the subscriber HL before it is "
                         "{}; it is read as that subscriber's dependent",
                         quoted_value(id), quoted_value(parent), context_.subscriber_hl));
    }
    context_.have_patient = true;
    context_.patient_dob.reset();
    area_ = area::patient;
  } else {
    report(diagnostic_kind::hierarchy, seg, 3,
           fmt::format("HL level {} is not one an 837 uses (20, 22, 23); its loop is ignored",
                       quoted_value(level)));
    area_ = area::other_level;
  }
}

std::string_view claim_builder::provider_npi(const segment& seg, const elements& e) {
  const std::string_view id = e[9];
  if (id.empty()) return {};
  if (e[8] != "XX") {
    report(diagnostic_kind::value, seg, 8,
           fmt::format("NM1*{} identifies the provider by {} (NM108 {}), not by an NPI (XX); "
                       "it is not used as an NPI",
                       e[1], quoted_value(id), quoted_value(e[8])));
    return {};
  }
  return id;
}

components claim_builder::composite(const segment& seg, std::string_view element,
                                    const delimiters& delims) {
  // Some senders use another separator than ISA16 declares (see composite_separator).
  const char used = composite_separator(element, delims.component);
  if (used == delims.component) return components(element, used);
  if (!separator_reported_) {
    separator_reported_ = true;
    report(diagnostic_kind::value, seg, 0,
           fmt::format("{} separates its components with '{}', not with the component "
                       "separator '{}' that ISA16 declares; such composites are read with the "
                       "separator they use (reported once per transaction)",
                       quoted_value(element), used, delims.component));
  }
  return components(element, used);
}

void claim_builder::on_context_segment(const segment& seg) {
  if (kind_ == guide::unsupported) return;  // its claims are rejected whatever it says
  const bool nm1 = seg.id_tag == tag("NM1");
  if (!nm1 && seg.id_tag != tag("DMG")) return;
  const elements e(seg);
  if (nm1) {
    const std::string_view entity = e[1];
    name_ = name_loop::other;
    if (area_ == area::billing && entity == "85") {
      context_.billing_npi.assign(provider_npi(seg, e));
    } else if (area_ == area::subscriber && entity == "IL") {
      name_ = name_loop::subscriber;
      context_.member_id.assign(e[9]);
    } else if (area_ == area::subscriber && entity == "PR") {
      name_ = name_loop::payer;
      context_.payer_id.assign(e[9]);
    } else if (area_ == area::patient && entity == "QC") {
      name_ = name_loop::patient;
    }
    return;
  }
  // DMG: the subscriber's (2010BA) or the patient's (2010CA) date of birth.
  const bool subscriber = area_ == area::subscriber && name_ == name_loop::subscriber;
  const bool patient = area_ == area::patient;
  if (!subscriber && !patient) return;
  std::optional<date> dob;
  if (e[1] == "D8") dob = parse_date(e[2]);
  if (!dob && !e[2].empty()) {
    report(diagnostic_kind::value, seg, 2,
           fmt::format("DMG02 {} is not a D8 date of birth (CCYYMMDD); the {} has no date of "
                       "birth",
                       quoted_value(e[2]), subscriber ? "subscriber" : "patient"));
  }
  (subscriber ? context_.subscriber_dob : context_.patient_dob) = dob;
}

void claim_builder::open_claim(const segment& seg, const delimiters& delims) {
  claim_.separator_reported_before = separator_reported_;
  claim_.open = true;
  claim_.failed = false;
  claim_.kind = kind_;
  claim_.where = seg.where;
  claim_.error.clear();
  claim_.auth_number = claim_.original_claim_id = claim_.referral_number = {};
  claim_.has_dates = false;
  claim_.rendering_npi = claim_.facility_npi = {};
  claim_.diagnosis_slots.clear();
  claim_.lines.clear();
  claim_.pending.clear();
  claim_.withheld = claim_.withheld_faults = 0;
  area_ = area::claim;

  const elements e(seg);
  claim_.id.assign(e[1]);
  const components clm05 = composite(seg, e[5], delims);
  claim_.facility_code = clm05[1];
  const auto frequency = parse_claim_frequency(clm05[3]);
  claim_.frequency = frequency.value_or(claim_frequency::original);
  if (!claim_.facility_code.empty() && claim_.facility_code.size() != 2) {
    report(diagnostic_kind::value, seg, 5,
           fmt::format("CLM05-1 {} is not a two-digit {} code; the claim has no place of "
                       "service",
                       quoted_value(claim_.facility_code),
                       kind_ == guide::institutional ? "facility type" : "place of service"));
    claim_.facility_code = {};
  }

  if (claim_.id.empty()) {
    fail(seg, 1, "CLM01 (the claim ID) is empty");
  } else if (kind_ == guide::unsupported) {
    fail(seg, 0, unsupported_reason_);
  } else if (kind_ == guide::none) {
    fail(seg, 0, "the claim is outside an 837 transaction (no ST before it)");
  } else if (context_.member_id.empty()) {
    fail(seg, 0, "the claim has no subscriber member ID (2010BA NM1*IL NM109)");
  } else if (context_.payer_id.empty()) {
    fail(seg, 0, "the claim has no payer ID (2010BB NM1*PR NM109)");
  } else if (!frequency) {
    fail(seg, 5,
         fmt::format("CLM05-3 {} is not {}", quoted_value(clm05[3]), claim_frequency_expected));
  }
}

void claim_builder::on_claim_segment(const segment& seg, const delimiters& delims) {
  switch (seg.id_tag) {
    case tag("LX"): {
      const elements e(seg);
      const auto number = parse_count(e[1]);
      if (!number || *number == 0 || *number > 999999) {  // LX01 is 1 to 6 digits, from 1
        fail(
            seg, 1,
            fmt::format("LX01 {} is not a line number (expected 1 to 999999)", quoted_value(e[1])));
        return;
      }
      if (claim_.lines.size() == max_lines) {
        fail(seg, 0, fmt::format("the claim has more than {} service lines", max_lines));
        return;
      }
      line_state& line = claim_.lines.emplace_back();
      line.where = seg.where;
      line.number = *number;
      area_ = area::line;
      return;
    }
    case tag("SBR"): area_ = area::other_payer; return;
    case tag("REF"):
    case tag("DTP"):
    case tag("HI"):
    case tag("NM1"):
    case tag("SV1"):
    case tag("SV2"): break;
    default: return;
  }
  if (area_ == area::other_payer) return;
  const elements e(seg);
  if (area_ == area::line) {
    on_line_segment(seg, e, delims);
    return;
  }
  switch (seg.id_tag) {
    case tag("REF"):
      if (e[1] == "G1") claim_.auth_number = e[2];
      if (e[1] == "F8") claim_.original_claim_id = e[2];
      if (e[1] == "9F") claim_.referral_number = e[2];
      return;
    case tag("DTP"):
      // 837I statement dates (434); some senders put 472 on the claim.
      if (e[1] == "434" || e[1] == "472") {
        if (read_dates(e, claim_.from, claim_.to)) {
          claim_.has_dates = true;
        } else {
          report(diagnostic_kind::value, seg, 3,
                 fmt::format("DTP*{} {} is not a D8 or RD8 date; lines without their own "
                             "date cannot fall back to it",
                             e[1], quoted_value(fmt::format("{}*{}", e[2], e[3]))));
        }
      }
      return;
    case tag("HI"): on_diagnoses(seg, e, delims); return;
    case tag("NM1"):
      // 837P 2310B / 837I 2310D rendering, 837P 2310C / 837I 2310E service facility.
      if (e[1] == "82" && claim_.rendering_npi.empty()) claim_.rendering_npi = provider_npi(seg, e);
      if (e[1] == "77" && claim_.facility_npi.empty()) claim_.facility_npi = provider_npi(seg, e);
      return;
    case tag("SV1"):
    case tag("SV2"):
      fail(seg, 0, fmt::format("{} outside a service line (no LX before it)", seg.id));
      return;
    default: return;
  }
}

void claim_builder::on_line_segment(const segment& seg, const elements& e,
                                    const delimiters& delims) {
  line_state& line = claim_.lines.back();
  switch (seg.id_tag) {
    case tag("SV1"):
    case tag("SV2"):
      if (line.has_service) {
        report(diagnostic_kind::misplaced_segment, seg, 0,
               fmt::format("line {} already has its service segment; this {} is ignored",
                           line.number, seg.id));
        return;
      }
      on_service(seg, e, delims);
      return;
    case tag("DTP"):
      if (e[1] != "472") return;
      if (!read_dates(e, line.from, line.to)) {
        fail(seg, 3,
             fmt::format("DTP*472 '{}*{}' is not a D8 (CCYYMMDD) or RD8 "
                         "(CCYYMMDD-CCYYMMDD) date of service",
                         e[2], e[3]));
        return;
      }
      line.has_dates = true;
      return;
    case tag("REF"):
      if (e[1] == "G1") line.auth_number = e[2];
      if (e[1] == "9F") line.referral_number = e[2];
      return;
    case tag("NM1"):
      // 837P 2420A / 837I 2420C rendering, 837P 2420C service facility.
      if (e[1] == "82" && line.rendering_npi.empty()) line.rendering_npi = provider_npi(seg, e);
      if (e[1] == "77" && line.facility_npi.empty()) line.facility_npi = provider_npi(seg, e);
      return;
    default: return;
  }
}

void claim_builder::on_service(const segment& seg, const elements& e, const delimiters& delims) {
  line_state& line = claim_.lines.back();
  const bool professional = seg.id_tag == tag("SV1");
  // SV1: procedure, charge, basis, units, place, -, pointers. SV2: revenue code first.
  const std::size_t procedure = professional ? 1 : 2;
  const std::size_t charge = professional ? 2 : 3;
  const std::size_t units = professional ? 4 : 5;
  const components parts = composite(seg, e[procedure], delims);
  line.code = parts[2];
  for (std::size_t i = 3; i <= 6; ++i) {
    if (!parts[i].empty()) line.modifiers[line.modifier_count++] = parts[i];
  }
  if (!professional) line.revenue_code = e[1];
  if (line.code.empty() && !professional) {
    // Room and board and other revenue-code-only lines: the revenue code is what is matched.
    line.code = e[1];
    if (!e[2].empty()) {
      report(diagnostic_kind::value, seg, 2,
             fmt::format("SV202 {} has no procedure code after its qualifier; the revenue code "
                         "{} is matched instead",
                         quoted_value(e[2]), quoted_value(e[1])));
    }
  }
  if (line.code.empty()) {
    fail(seg, procedure,
         fmt::format("line {} has no procedure code ({}{:02}-2)", line.number, seg.id, procedure));
    return;
  }
  const auto charge_value = parse_amount(e[charge]);
  if (!charge_value || !is_valid_charge(*charge_value)) {
    fail(seg, charge,
         fmt::format("{}{:02} {} is not a charge (expected {})", seg.id, charge,
                     quoted_value(e[charge]), charge_expected));
    return;
  }
  line.charge = *charge_value;
  const auto units_value = parse_amount(e[units]);
  if (!units_value || !is_valid_units(*units_value)) {
    fail(seg, units,
         fmt::format("{}{:02} {} is not a quantity of units (expected {})", seg.id, units,
                     quoted_value(e[units]), units_expected));
    return;
  }
  line.units = *units_value;
  if (professional) {
    line.place_of_service = e[5];
    const components pointers = composite(seg, e[7], delims);
    for (std::size_t i = 1; i <= pointers.size() && !e[7].empty(); ++i) {
      const auto value = parse_count(pointers[i]);
      if (!value || *value == 0 || *value > 12) {
        report(diagnostic_kind::diagnosis_pointer, seg, 7,
               fmt::format("SV107 pointer {} of line {} is not a diagnosis position (1 to 12)",
                           quoted_value(pointers[i]), line.number));
      } else if (line.pointer_count == line.pointers.size()) {
        report(diagnostic_kind::diagnosis_pointer, seg, 7,
               fmt::format("SV107 of line {} has more than 4 pointers; pointer {} is ignored",
                           line.number, *value));
      } else {
        line.pointers[line.pointer_count++] = static_cast<std::uint16_t>(*value);
      }
    }
  }
  line.has_service = true;
  line.service_at = seg.where;
}

void claim_builder::on_diagnoses(const segment& seg, const elements& e, const delimiters& delims) {
  std::string bad;
  std::size_t bad_count = 0;
  for (std::size_t i = 1; i <= e.size(); ++i) {
    const components parts = composite(seg, e[i], delims);
    const bool diagnosis = is_diagnosis_qualifier(parts[1]);
    if (i == 1 && !diagnosis) return;  // codes of another kind (HI01 sets the kind)
    const bool usable = diagnosis && !parts[2].empty();
    claim_.diagnosis_slots.push_back(usable ? parts[2] : std::string_view());
    if (!usable && !e[i].empty()) {
      ++bad_count;
      bad += fmt::format("{}HI{:02} {}", bad.empty() ? "" : ", ", i, quoted_value(e[i]));
    }
  }
  if (bad_count > 0) {
    report(diagnostic_kind::value, seg, 0,
           fmt::format("{} {} not a diagnosis (qualifier{}code); ignored", bad,
                       bad_count == 1 ? "is" : "are", delims.component));
  }
}

}  // namespace detail
}  // namespace x12
}  // namespace v0
}  // namespace authmatch
