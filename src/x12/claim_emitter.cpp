// Finishing a claim: completeness checks, the fallbacks from line to claim to
// hierarchy values, diagnosis pointers, and the hand-over to the sink.

#include "claim_builder.hpp"

#include <authmatch/x12/place_of_service.hpp>

#include <algorithm>
#include "text/printable.hpp"

#include <fmt/format.h>

namespace authmatch {
inline namespace v0 {
namespace x12 {
namespace detail {
namespace {

std::string_view first_of(std::string_view a, std::string_view b) noexcept {
  return a.empty() ? b : a;
}

}  // namespace

void claim_builder::end_claim() {
  if (!claim_.open) return;
  if (!claim_.failed) check_complete();
  claim_.open = false;  // reports made from here on go straight to the sink
  if (claim_.failed) {
    emit_rejection();
  } else {
    emit_lines();
  }
  claim_.lines.clear();
  claim_.diagnosis_slots.clear();
}

void claim_builder::end_of_input(std::uint64_t end) {
  if (claim_.open) {
    fail(claim_.where, 0,
         fmt::format("the input ends at byte {} inside this claim, before the SE of its "
                     "transaction: lines may be missing, so the claim is not judged",
                     end));
  }
  end_transaction();
}

bool claim_builder::check_complete() {
  if (claim_.lines.empty()) {
    fail(claim_.where, 0, "the claim has no service lines (LX)");
    return false;
  }
  for (const line_state& line : claim_.lines) {
    if (!line.has_service) {
      fail(line.where, 0,
           fmt::format("line {} has no service segment ({})", line.number,
                       claim_.kind == guide::institutional ? "SV2" : "SV1"));
      return false;
    }
    if (!line.has_dates && !claim_.has_dates) {
      fail(line.where, 0,
           claim_.kind == guide::institutional
               ? fmt::format("line {} has no date of service (DTP*472) and the claim no statement "
                             "dates (DTP*434)",
                             line.number)
               : fmt::format("line {} has no date of service (DTP*472)", line.number));
      return false;
    }
  }
  return true;
}

void claim_builder::hold(diagnostic found) {
  if (claim_.pending.size() == max_held_diagnostics) {
    ++claim_.withheld;
    if (is_fault(found.kind) && claim_.withheld_faults++ == 0) {
      claim_.first_withheld_fault = found.kind;
    }
    return;
  }
  found.claim_id = claim_.id;
  claim_.pending.push_back(std::move(found));
}

void claim_builder::flush_pending() {
  for (const diagnostic& found : claim_.pending) out_->emit(found);
  claim_.pending.clear();
  if (claim_.withheld == 0) return;
  // The summary of withheld diagnostics is a fault when one of them was: it may have cost a line.
  const bool faults = claim_.withheld_faults > 0;
  diagnostic summary = out_->make(
      faults ? claim_.first_withheld_fault : diagnostic_kind::value, claim_.where, "CLM", 0,
      fmt::format("{} more diagnostics about claim {}{} are not reported one by one",
                  claim_.withheld, ::authmatch::detail::quoted_value(claim_.id),
                  faults ? fmt::format(" ({} of them segments ignored or unreadable)",
                                       claim_.withheld_faults)
                         : std::string()));
  summary.claim_id = claim_.id;
  claim_.withheld = claim_.withheld_faults = 0;
  out_->emit(summary);
}

void claim_builder::emit_rejection() {
  finding unreadable;
  unreadable.claim_id = claim_.id;
  unreadable.line = 0;
  unreadable.kind = finding_kind::claim_unreadable;
  unreadable.level = severity::error;
  unreadable.member_id = context_.member_id;
  unreadable.payer_id = context_.payer_id;
  unreadable.message = claim_.error;
  unreadable.source = source_text(out_->file(), claim_.where.number);
  read_stats& stats = out_->stats();
  ++stats.claims_read;
  ++stats.claims_rejected;
  flush_pending();
  out_->sink().on_rejected(std::move(unreadable));
}

std::span<const std::string_view> claim_builder::resolve_diagnoses(const line_state& line) {
  if (claim_.kind != guide::professional || line.pointer_count == 0) return out_codes_;
  const std::size_t start = out_line_codes_.size();
  for (std::size_t i = 0; i < line.pointer_count; ++i) {
    const std::size_t pointer = line.pointers[i];
    std::string problem;
    if (pointer > out_slots_.size()) {
      problem = fmt::format(
          "SV107 pointer {} of line {} points at nothing: the claim has {} "
          "diagnosis position{} (HI)",
          pointer, line.number, out_slots_.size(), out_slots_.size() == 1 ? "" : "s");
    } else if (out_slots_[pointer - 1].empty()) {
      problem = fmt::format(
          "SV107 pointer {} of line {} points at HI{:02}, which holds no "
          "diagnosis code",
          pointer, line.number, pointer);
    } else {
      out_line_codes_.push_back(out_slots_[pointer - 1]);
      continue;
    }
    diagnostic found =
        out_->make(diagnostic_kind::diagnosis_pointer, line.service_at, "SV1", 7, problem);
    hold(std::move(found));
  }
  const std::size_t count = out_line_codes_.size() - start;
  // No pointer leads anywhere: judge the line against all of the claim's diagnoses.
  if (count == 0) return out_codes_;
  return {out_line_codes_.data() + start, count};
}

void claim_builder::emit_lines() {
  const std::size_t n = claim_.lines.size();
  // Diagnosis codes without dots. The arena is reserved first so views into it stay valid.
  std::size_t need = 0;
  for (std::string_view slot : claim_.diagnosis_slots) need += slot.size();
  arena_.clear();
  arena_.reserve(need);
  out_slots_.clear();
  out_codes_.clear();
  for (std::string_view slot : claim_.diagnosis_slots) {
    if (slot.find('.') != std::string_view::npos) {
      const std::size_t start = arena_.size();
      for (char c : slot) {
        if (c != '.') arena_.push_back(c);
      }
      slot = std::string_view(arena_.data() + start, arena_.size() - start);
    }
    out_slots_.push_back(slot);
    if (!slot.empty()) out_codes_.push_back(slot);
  }
  out_modifiers_.resize(n * 4);
  out_line_codes_.clear();
  out_line_codes_.reserve(n * 4);
  out_lines_.clear();
  out_lines_.reserve(n);

  const std::optional<date> dob =
      context_.have_patient ? context_.patient_dob : context_.subscriber_dob;
  const bool institutional = claim_.kind == guide::institutional;
  const std::string_view claim_place =
      institutional ? place_of_service_for_facility_type(claim_.facility_code)
                    : claim_.facility_code;
  // An 837I's level of care is the claim's (its type of bill); an 837P's comes from each line's
  // place of service when it is judged.
  std::optional<level_of_care> claim_level;
  if (institutional) {
    const bool observation = std::any_of(
        claim_.lines.begin(), claim_.lines.end(),
        [](const line_state& line) { return bills_observation(line.revenue_code, line.code); });
    claim_level = level_of_care_for_bill(claim_.facility_code, observation);
  }
  for (std::size_t i = 0; i < n; ++i) {
    const line_state& line = claim_.lines[i];
    claim_line& out = out_lines_.emplace_back();
    out.claim_id = claim_.id;
    out.line = line.number;
    out.member_id = context_.member_id;
    out.payer_id = context_.payer_id;
    out.patient_dob = dob;
    out.auth_number = first_of(line.auth_number, claim_.auth_number);
    out.auth_number_from_claim = line.auth_number.empty() && !claim_.auth_number.empty();
    out.code = line.code;
    std::string_view* modifiers = out_modifiers_.data() + i * 4;
    for (std::size_t m = 0; m < line.modifier_count; ++m) modifiers[m] = line.modifiers[m];
    out.modifiers = {modifiers, line.modifier_count};
    out.units = line.units;
    out.service_date = line.has_dates ? line.from : claim_.from;
    out.service_date_end = line.has_dates ? line.to : claim_.to;
    out.rendering_npi =
        first_of(line.rendering_npi, first_of(claim_.rendering_npi, context_.billing_npi));
    out.billing_npi = context_.billing_npi;
    out.facility_npi = first_of(line.facility_npi, claim_.facility_npi);
    out.place_of_service = first_of(line.place_of_service, claim_place);
    out.diagnosis_codes = resolve_diagnoses(line);
    out.charge = line.charge;
    out.frequency = claim_.frequency;
    out.original_claim_id = claim_.original_claim_id;
    out.referral_number = first_of(line.referral_number, claim_.referral_number);
    out.level_of_care = claim_level;
    out.claim_type = institutional ? claim_type::institutional : claim_type::professional;
    out.source_input = out_->file();
    out.source_position = line.where.number;
  }
  read_stats& stats = out_->stats();
  ++stats.claims_read;
  stats.lines_read += n;
  flush_pending();
  out_->sink().on_claim(out_lines_);
}

}  // namespace detail
}  // namespace x12
}  // namespace v0
}  // namespace authmatch
