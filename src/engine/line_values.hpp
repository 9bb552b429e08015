#ifndef AUTHMATCH_SRC_LINE_VALUES_HPP
#define AUTHMATCH_SRC_LINE_VALUES_HPP

// A claim line's values as they are compared: trimmed, upper case, diagnoses without dots.

#include <authmatch/claim_line.hpp>
#include "text/text.hpp"

#include <fmt/format.h>
#include <boost/container/small_vector.hpp>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace authmatch {
inline namespace v0 {
namespace detail {

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
    referral_number = normalized(line.referral_number, scratch_[8]);
    for (const auto dx : line.diagnosis_codes) {
      if (dx.find('.') == std::string_view::npos && is_normalized_id(dx)) {
        diagnoses_.push_back(dx);
      } else {
        diagnosis_scratch_.push_back(normalize_diagnosis(dx));
      }
    }
    for (const auto& dx : diagnosis_scratch_) diagnoses_.push_back(dx);
  }
  line_values(const line_values&) = delete;
  line_values& operator=(const line_values&) = delete;

  const claim_line& line() const noexcept { return line_; }
  std::span<const std::string_view> diagnoses() const noexcept {
    return {diagnoses_.data(), diagnoses_.size()};
  }

  std::string_view member_id, payer_id, code, auth_number;
  std::string_view rendering_npi, billing_npi, facility_npi, place_of_service;
  std::string_view referral_number;

 private:
  const claim_line& line_;
  std::string scratch_[9];
  std::vector<std::string> diagnosis_scratch_;
  boost::container::small_vector<std::string_view, 12> diagnoses_;
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
