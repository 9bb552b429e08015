#include "remittance_builder.hpp"

#include "amount.hpp"

#include <authmatch/limits.hpp>
#include "text/printable.hpp"
#include "text/text.hpp"

#include <fmt/format.h>

#include <cstdlib>

namespace authmatch {
inline namespace v0 {
namespace x12 {
namespace detail {
namespace {

using ::authmatch::detail::quoted_value;

/// An amount of an 835: a payment or adjustment may be negative (a reversal), never larger
/// than a charge can be, so that totals stay exact.
std::optional<decimal> money(std::string_view text) noexcept {
  const auto value = parse_amount(text);
  if (!value) return std::nullopt;
  const decimal magnitude = value->is_negative() ? decimal() - *value : *value;
  if (magnitude > max_charge) return std::nullopt;
  return value;
}

constexpr const char* money_expected = "an amount from -99999999.99 to 99999999.99";

}  // namespace

void remittance_builder::begin_transaction(guide kind, std::string_view unsupported_reason) {
  end_transaction();
  kind_ = kind;
  unsupported_reason_.assign(unsupported_reason);
  separator_reported_ = false;
}

void remittance_builder::end_transaction() {
  end_claim();
  kind_ = guide::none;
  area_ = area::header;
  payer_id_.clear();
  payer_ref_.clear();
  payer_name_.clear();
}

void remittance_builder::end_of_input(std::uint64_t end) {
  if (open_ && !failed_) {
    failed_ = true;
    rejection_.where = input_position{out_->file(), 0, 0};
    rejection_.byte_offset = end;
    rejection_.message = ::authmatch::detail::safe_message(fmt::format(
        "{}: byte {}: the input ends inside claim {} (no SE closes its transaction); service "
        "lines may be missing, so it was not read",
        ::authmatch::detail::printable(out_->file()), end, quoted_value(claim_.claim_id)));
  }
  end_transaction();
}

void remittance_builder::report(diagnostic_kind kind, const segment& seg, std::size_t element,
                                const std::string& message) {
  diagnostic found = out_->make(kind, seg.where, seg.id, element, message);
  if (open_) found.claim_id = claim_.claim_id;
  out_->emit(found);
}

void remittance_builder::fail(const segment& seg, std::size_t element, std::string_view what) {
  if (!open_ || failed_) return;
  failed_ = true;
  rejection_.where =
      input_position{out_->file(), static_cast<std::size_t>(seg.where.number), element};
  rejection_.byte_offset = seg.where.offset;
  rejection_.message = ::authmatch::detail::safe_message(out_->locate(seg.where, element, what));
}

void remittance_builder::end_claim() {
  if (!open_) return;
  open_ = false;
  read_stats& stats = out_->stats();
  if (failed_) {
    rejection_.claim_id = claim_.claim_id;
    rejection_.payer_id = claim_.payer_id;
    rejection_.lines = svc_count_;
    ++stats.claims_rejected;
    sink_->on_rejected(rejection_);
    return;
  }
  claim_.member_id = insured_id_.empty() ? patient_id_ : insured_id_;
  // A line without its own date takes the claim's statement period; whichever end is known
  // stands for the other, so a line has both dates or neither.
  const auto statement_start = claim_.statement_from ? claim_.statement_from : claim_.statement_to;
  for (auto& line : claim_.lines) {
    if (!line.service_date) {
      line.service_date = statement_start;
      if (!line.service_date_end) line.service_date_end = claim_.statement_to;
    }
    if (!line.service_date) line.service_date = line.service_date_end;
    if (!line.service_date_end) line.service_date_end = line.service_date;
  }
  sink_->on_claim(claim_);
}

void remittance_builder::on_segment(const segment& seg, const delimiters& delims) {
  const elements e(seg);
  switch (seg.id_tag) {
    case tag("LX"):  // a header number (2000) groups the claims that follow
      end_claim();
      area_ = area::claim;
      return;
    case tag("CLP"): open_claim(seg, e); return;
    case tag("PLB"):  // provider adjustments follow the last claim
      end_claim();
      area_ = area::trailer;
      return;
    case tag("N1"):
      if (open_) break;
      area_ = e[1] == "PR" ? area::payer : e[1] == "PE" ? area::payee : area::header;
      if (area_ == area::payer) {
        payer_name_.assign(e[2]);
        payer_id_ = ::authmatch::detail::normalize_id(e[4]);
      }
      return;
    case tag("SVC"):
      if (!open_) {
        // Read but held by no claim: counted, reported, and passed on as a line of no claim.
        ++out_->stats().lines_read;
        report(diagnostic_kind::misplaced_segment, seg, 0,
               "SVC outside a claim (no CLP before it); it is counted as a line read that "
               "matches nothing");
        sink_->on_stray_line(
            {payer(), input_position{out_->file(), static_cast<std::size_t>(seg.where.number), 0},
             seg.where.offset});
        return;
      }
      open_line(seg, e, delims);
      return;
    default: break;
  }
  if (area_ == area::payer && seg.id_tag == tag("REF") && e[1] == "2U") {
    payer_ref_ = ::authmatch::detail::normalize_id(e[2]);
    return;
  }
  if (!open_ || failed_) return;
  if (area_ == area::line) {
    on_line_segment(seg, e);
  } else {
    on_claim_segment(seg, e);
  }
}

void remittance_builder::open_claim(const segment& seg, const elements& e) {
  end_claim();
  ++out_->stats().claims_read;
  open_ = true;
  failed_ = false;
  area_ = area::claim;
  svc_count_ = 0;
  insured_id_.clear();
  patient_id_.clear();
  claim_.claim_id = ::authmatch::detail::normalize_id(e[1]);
  claim_.status.assign(e[2]);
  claim_.payer_claim_number.assign(e[7]);
  claim_.payer_id = payer();
  claim_.payer_name = payer_name_;
  claim_.statement_from.reset();
  claim_.statement_to.reset();
  claim_.adjustments.clear();
  claim_.remarks.clear();
  claim_.lines.clear();
  claim_.where = input_position{out_->file(), static_cast<std::size_t>(seg.where.number), 0};
  claim_.byte_offset = seg.where.offset;
  rejection_ = remittance_rejection{};

  if (kind_ != guide::remittance) {
    fail(seg, 0,
         kind_ == guide::none
             ? std::string("the claim is outside a transaction (no ST before it)")
             : fmt::format("the claim's transaction cannot be read: {}", unsupported_reason_));
    return;
  }
  if (claim_.claim_id.empty()) {
    fail(seg, 1, "CLP01 (the claim ID) is empty");
    return;
  }
  const auto charge = money(e[3]);
  if (!charge) {
    fail(seg, 3, fmt::format("CLP03 {} is not {}", quoted_value(e[3]), money_expected));
    return;
  }
  const auto paid = money(e[4]);
  if (!paid) {
    fail(seg, 4, fmt::format("CLP04 {} is not {}", quoted_value(e[4]), money_expected));
    return;
  }
  claim_.charge = *charge;
  claim_.paid = *paid;
}

void remittance_builder::read_adjustments(const segment& seg, const elements& e,
                                          std::vector<remittance_adjustment>& into) {
  // Blanks are no group and no reason: read as given, they would be empty.
  std::string group = ::authmatch::detail::normalize_id(e[1]);
  if (group.empty()) {
    fail(seg, 1, fmt::format("CAS01 {} names no adjustment group", quoted_value(e[1])));
    return;
  }
  // Up to six adjustments: reason, amount, quantity in CAS02-04, 05-07, ... 17-19.
  for (std::size_t at = 2; at <= 17; at += 3) {
    std::string reason = ::authmatch::detail::normalize_id(e[at]);
    if (reason.empty()) {
      if (e[at + 1].empty() && e[at + 2].empty()) continue;  // an unused triple
      fail(seg, at,
           fmt::format("CAS{:02} {} names no reason, but an amount or quantity follows it", at,
                       quoted_value(e[at])));
      return;
    }
    const auto amount = money(e[at + 1]);
    if (!amount) {
      fail(seg, at + 1,
           fmt::format("the amount {} of reason {} is not {}", quoted_value(e[at + 1]),
                       quoted_value(reason), money_expected));
      return;
    }
    std::optional<decimal> quantity;
    if (!e[at + 2].empty()) {
      quantity = parse_amount(e[at + 2]);
      if (!quantity) {
        fail(seg, at + 2,
             fmt::format("the quantity {} of reason {} is not a number", quoted_value(e[at + 2]),
                         quoted_value(reason)));
        return;
      }
    }
    if (into.size() >= max_codes) {
      fail(seg, at, fmt::format("more than {} adjustments; the claim was not read", max_codes));
      return;
    }
    into.push_back({group, std::move(reason), *amount, quantity});
  }
}

void remittance_builder::add_remark(const segment& seg, std::size_t element, std::string_view code,
                                    std::vector<std::string>& into) {
  if (code.empty()) return;
  if (into.size() >= max_codes) {
    fail(seg, element, fmt::format("more than {} remark codes; the claim was not read", max_codes));
    return;
  }
  into.push_back(::authmatch::detail::normalize_id(code));
}

void remittance_builder::on_claim_segment(const segment& seg, const elements& e) {
  switch (seg.id_tag) {
    case tag("CAS"): read_adjustments(seg, e, claim_.adjustments); return;
    case tag("NM1"):
      if (e[1] == "IL") insured_id_ = ::authmatch::detail::normalize_id(e[9]);
      if (e[1] == "QC") patient_id_ = ::authmatch::detail::normalize_id(e[9]);
      return;
    case tag("MOA"):  // MOA03-07: claim payment remark codes
      for (std::size_t i = 3; i <= 7; ++i) add_remark(seg, i, e[i], claim_.remarks);
      return;
    case tag("MIA"):  // MIA05 and MIA20-24: claim payment remark codes
      add_remark(seg, 5, e[5], claim_.remarks);
      for (std::size_t i = 20; i <= 24; ++i) add_remark(seg, i, e[i], claim_.remarks);
      return;
    case tag("DTM"): {
      if (e[1] != "232" && e[1] != "233") return;
      const auto day = parse_date(e[2]);
      if (!day) {
        fail(seg, 2, fmt::format("{} is not a date (CCYYMMDD)", quoted_value(e[2])));
        return;
      }
      (e[1] == "232" ? claim_.statement_from : claim_.statement_to) = *day;
      return;
    }
    default: return;
  }
}

void remittance_builder::open_line(const segment& seg, const elements& e,
                                   const delimiters& delims) {
  ++svc_count_;
  ++out_->stats().lines_read;
  area_ = area::line;
  if (failed_) return;
  if (claim_.lines.size() >= max_lines) {
    fail(seg, 0,
         fmt::format("the claim has more than {} service lines; it was not read", max_lines));
    return;
  }
  const char used = composite_separator(e[1], delims.component);
  if (used != delims.component && !separator_reported_) {
    separator_reported_ = true;
    report(diagnostic_kind::value, seg, 1,
           fmt::format("{} uses '{}' between its components, not ISA16's '{}'; read with the one "
                       "it uses (reported once per transaction)",
                       quoted_value(e[1]), used, delims.component));
  }
  const components procedure(e[1], used);
  if (::authmatch::detail::trim(procedure[2]).empty()) {
    fail(seg, 1, fmt::format("SVC01 {} names no procedure code", quoted_value(e[1])));
    return;
  }
  const auto charge = money(e[2]);
  if (!charge) {
    fail(seg, 2, fmt::format("SVC02 {} is not {}", quoted_value(e[2]), money_expected));
    return;
  }
  const auto paid = money(e[3]);
  if (!paid) {
    fail(seg, 3, fmt::format("SVC03 {} is not {}", quoted_value(e[3]), money_expected));
    return;
  }
  std::optional<decimal> units = decimal::from_integer(1);
  if (!e[5].empty()) {
    units = parse_amount(e[5]);
    if (!units || !is_valid_units(*units)) {
      fail(seg, 5, fmt::format("SVC05 {} is not {}", quoted_value(e[5]), units_expected));
      return;
    }
  }
  remittance_line& line = claim_.lines.emplace_back();
  line.position = svc_count_;
  line.code = ::authmatch::detail::normalize_id(procedure[2]);
  for (std::size_t i = 3; i <= 6; ++i) {
    if (!procedure[i].empty())
      line.modifiers.push_back(::authmatch::detail::normalize_id(procedure[i]));
  }
  line.charge = *charge;
  line.paid = *paid;
  line.units = *units;
  line_has_date_ = false;
}

void remittance_builder::on_line_segment(const segment& seg, const elements& e) {
  remittance_line& line = claim_.lines.back();
  switch (seg.id_tag) {
    case tag("CAS"): read_adjustments(seg, e, line.adjustments); return;
    case tag("LQ"):
      if (e[1] == "HE") add_remark(seg, 2, e[2], line.remarks);
      return;
    case tag("REF"):
      if (e[1] == "6R") line.control_number = ::authmatch::detail::normalize_id(e[2]);
      return;
    case tag("DTM"): {
      const std::string_view qualifier = e[1];
      if (qualifier != "472" && qualifier != "150" && qualifier != "151") return;
      const auto day = parse_date(e[2]);
      if (!day) {
        fail(seg, 2, fmt::format("{} is not a date (CCYYMMDD)", quoted_value(e[2])));
        return;
      }
      if (qualifier == "151") {
        line.service_date_end = *day;
      } else if (qualifier == "472" || !line_has_date_) {
        line.service_date = *day;  // the date of service wins over a period's start
        line_has_date_ = qualifier == "472";
      }
      return;
    }
    default: return;
  }
}

}  // namespace detail
}  // namespace x12
}  // namespace v0
}  // namespace authmatch
