#ifndef AUTHMATCH_SRC_LINE_VALUES_HPP
#define AUTHMATCH_SRC_LINE_VALUES_HPP

// A claim line's values as they are compared: trimmed, upper case, diagnoses without dots.

#include <authmatch/claim_line.hpp>
#include "text/text.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace authmatch {
inline namespace v0 {
namespace detail {

/// The values of one line after another. A judging batch reads each line of a claim into the
/// same line_values: a field of the claim, which the claim's lines share there (the same bytes
/// in the same place), keeps the value it was compared as for the line before, unread.
class line_values {
 public:
  line_values() = default;
  explicit line_values(const claim_line& line) { read(line); }
  line_values(const line_values&) = delete;
  line_values& operator=(const line_values&) = delete;

  /// Makes these the values of `line`, which must outlive its reading (so must the line read
  /// before it, when they share a field's text).
  void read(const claim_line& line) {
    line_ = &line;
    member_id = compared(line.member_id, member_id_field);
    payer_id = compared(line.payer_id, payer_id_field);
    code = compared(line.code, code_field);
    auth_number = compared(line.auth_number, auth_number_field);
    rendering_npi = compared(line.rendering_npi, rendering_npi_field);
    billing_npi = compared(line.billing_npi, billing_npi_field);
    facility_npi = compared(line.facility_npi, facility_npi_field);
    place_of_service = compared(line.place_of_service, place_of_service_field);
    referral_number = compared(line.referral_number, referral_number_field);
    if (!same_view(line.diagnosis_codes, read_diagnoses_)) read_diagnoses(line.diagnosis_codes);
  }

  const claim_line& line() const noexcept { return *line_; }
  std::span<const std::string_view> diagnoses() const noexcept { return diagnoses_; }

  std::string_view member_id, payer_id, code, auth_number;
  std::string_view rendering_npi, billing_npi, facility_npi, place_of_service;
  std::string_view referral_number;

 private:
  enum field : std::uint8_t {
    member_id_field,
    payer_id_field,
    code_field,
    auth_number_field,
    rendering_npi_field,
    billing_npi_field,
    facility_npi_field,
    place_of_service_field,
    referral_number_field,
    field_count
  };

  /// Whether two views are of the very same text: the same bytes in the same place.
  template <typename View>
  static bool same_view(View a, View b) noexcept {
    return a.data() == b.data() && a.size() == b.size();
  }

  /// The value of `text` as compared (normalized()), kept from the line before when `text` is
  /// the view read then; a copy, in the field's scratch string, only when `text` is not
  /// normalized already.
  std::string_view compared(std::string_view text, field which) {
    if (same_view(text, read_[which])) return compared_[which];
    read_[which] = text;
    return compared_[which] = normalized(text, scratch_[which]);
  }

  /// The line's own list when every code is compared as written (upper case, no dot), as
  /// readers give them; else the codes as compared, in the line's order.
  void read_diagnoses(std::span<const std::string_view> codes) {
    read_diagnoses_ = diagnoses_ = codes;
    const bool as_written = std::all_of(codes.begin(), codes.end(), [](std::string_view dx) {
      return dx.find('.') == std::string_view::npos && is_normalized_id(dx);
    });
    if (as_written) return;
    diagnosis_scratch_.resize(codes.size());
    compared_diagnoses_.clear();
    for (std::size_t i = 0; i < codes.size(); ++i) {
      diagnosis_scratch_[i] = normalize_diagnosis(codes[i]);
      compared_diagnoses_.push_back(diagnosis_scratch_[i]);
    }
    diagnoses_ = compared_diagnoses_;
  }

  const claim_line* line_ = nullptr;
  std::string_view read_[field_count];      ///< each field's text as read
  std::string_view compared_[field_count];  ///< and as compared
  std::string scratch_[field_count];
  std::span<const std::string_view> read_diagnoses_, diagnoses_;
  std::vector<std::string> diagnosis_scratch_;
  std::vector<std::string_view> compared_diagnoses_;
};

/// Sets `out` to the pieces one after the other, allocating at most once, and only when its
/// room is short: assign_concat(f.message, "Authorization ", number, " is pending."). No piece
/// may be a view of `out`.
template <typename... Pieces>
void assign_concat(std::string& out, const Pieces&... pieces) {
  const std::string_view views[] = {std::string_view(pieces)...};
  std::size_t size = 0;
  for (const auto view : views) size += view.size();
  out.clear();
  out.reserve(size);
  for (const auto view : views) out += view;
}

/// Sets `out` to `text`, keeping the room of the string it may hold already.
inline void assign_text(std::optional<std::string>& out, std::string_view text) {
  if (out) {
    out->assign(text);
  } else {
    out.emplace(text);
  }
}

/// The pieces one after the other, in one allocation of the exact size:
/// concat("Authorization ", number, " is pending.").
template <typename... Pieces>
std::string concat(const Pieces&... pieces) {
  std::string out;
  assign_concat(out, pieces...);
  return out;
}

/// "1 unit", "2 units", "1.5 units".
inline std::string units_of(decimal quantity) {
  return quantity.to_string() + (quantity == decimal::from_integer(1) ? " unit" : " units");
}

/// Sets `out` to "2026-03-02", or "2026-03-02 to 2026-03-04" for a range, keeping its room.
inline void assign_dates(std::string& out, date from, date to) {
  if (to == from) {
    assign_concat(out, to_iso(from));
  } else {
    assign_concat(out, to_iso(from), " to ", to_iso(to));
  }
}

/// "2026-03-02", or "2026-03-02 to 2026-03-04" for a range (assign_dates).
inline std::string dates_of(date from, date to) {
  std::string out;
  assign_dates(out, from, to);
  return out;
}

}  // namespace detail
}  // namespace v0
}  // namespace authmatch

#endif
