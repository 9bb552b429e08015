#ifndef AUTHMATCH_DATE_HPP
#define AUTHMATCH_DATE_HPP

#include <boost/date_time/gregorian/gregorian_types.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace authmatch {
inline namespace v0 {

/// A calendar day. Boost's Gregorian date: four bytes, exact day arithmetic.
using date = boost::gregorian::date;

namespace detail {
constexpr bool parse_digits(std::string_view text, int& out) noexcept {
  out = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    out = out * 10 + (c - '0');
  }
  return true;
}
constexpr int days_in_month(int year, int month) noexcept {
  constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : days[month - 1];
}
}  // namespace detail

/// Parses an ISO date "YYYY-MM-DD" or the X12 form "YYYYMMDD" (years 1400 to 9999).
/// Returns nullopt for anything else, including days that do not exist (2025-02-29).
inline std::optional<date> parse_date(std::string_view text) noexcept {
  int y = 0, m = 0, d = 0;
  bool ok = false;
  if (text.size() == 8) {
    ok = detail::parse_digits(text.substr(0, 4), y) && detail::parse_digits(text.substr(4, 2), m) &&
         detail::parse_digits(text.substr(6, 2), d);
  } else if (text.size() == 10 && text[4] == '-' && text[7] == '-') {
    ok = detail::parse_digits(text.substr(0, 4), y) && detail::parse_digits(text.substr(5, 2), m) &&
         detail::parse_digits(text.substr(8, 2), d);
  }
  if (!ok || y < 1400 || m < 1 || m > 12 || d < 1 || d > detail::days_in_month(y, m)) {
    return std::nullopt;
  }
  return date(static_cast<unsigned short>(y), static_cast<unsigned short>(m),
              static_cast<unsigned short>(d));
}

/// "YYYY-MM-DD".
std::string to_iso(date day);

}  // namespace v0
}  // namespace authmatch

#endif
