#ifndef AUTHMATCH_SRC_TEXT_DIGITS_HPP
#define AUTHMATCH_SRC_TEXT_DIGITS_HPP

// Whole numbers, decimals and dates written digit by digit: a finding carries several of each,
// and a format string costs more than the rest of writing one out.

#include <authmatch/date.hpp>
#include <authmatch/decimal.hpp>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <iterator>

namespace authmatch {
inline namespace v0 {
namespace detail {

/// Writes `value` in decimal digits ending just before `end`; returns where they begin.
constexpr char* write_digits_backward(char* end, std::uint64_t value) noexcept {
  do {
    *--end = static_cast<char>('0' + value % 10);
    value /= 10;
  } while (value != 0);
  return end;
}

/// Writes `value` in exactly `width` digits (leading zeros) at `at`.
constexpr void write_fixed_digits(char* at, unsigned value, int width) noexcept {
  for (int i = width - 1; i >= 0; --i, value /= 10) at[i] = static_cast<char>('0' + value % 10);
}

/// Room for any decimal's text: a sign, 16 whole digits, a point and 3 places.
inline constexpr std::size_t decimal_text_size = 24;

/// Writes `value` as decimal::to_string(min_places) gives it ("12", "1.5", "150.00") at `out`
/// (room for decimal_text_size bytes); returns its length.
inline std::size_t write_decimal(char* out, decimal value, int min_places) noexcept {
  char text[decimal_text_size];
  char* const end = std::end(text);
  char* begin = end;
  const std::int64_t thousandths = value.thousandths();
  const std::uint64_t magnitude = thousandths < 0 ? 0 - static_cast<std::uint64_t>(thousandths)
                                                  : static_cast<std::uint64_t>(thousandths);
  constexpr auto scale = static_cast<std::uint64_t>(decimal::scale);
  std::uint64_t fraction = magnitude % scale;
  int places = decimal::places;
  while (places > min_places && fraction % 10 == 0) {  // trailing zeros beyond min_places go
    fraction /= 10;
    --places;
  }
  for (int i = 0; i < places; ++i, fraction /= 10)
    *--begin = static_cast<char>('0' + fraction % 10);
  if (places > 0) *--begin = '.';
  begin = write_digits_backward(begin, magnitude / scale);
  if (thousandths < 0) *--begin = '-';
  const auto size = static_cast<std::size_t>(end - begin);
  std::memcpy(out, begin, size);
  return size;
}

/// The length of an ISO date "YYYY-MM-DD".
inline constexpr std::size_t iso_date_size = 10;

/// Whether write_iso_date() writes the day: a day of the years 0 to 9999.
constexpr bool has_four_digit_year(const civil_date& day) noexcept {
  return day.year >= 0 && day.year <= 9999;
}

/// Writes `day` (has_four_digit_year) as "YYYY-MM-DD" at `out`, iso_date_size bytes.
constexpr void write_iso_date(char* out, const civil_date& day) noexcept {
  write_fixed_digits(out, static_cast<unsigned>(day.year), 4);
  out[4] = '-';
  write_fixed_digits(out + 5, day.month, 2);
  out[7] = '-';
  write_fixed_digits(out + 8, day.day, 2);
}

}  // namespace detail
}  // namespace v0
}  // namespace authmatch

#endif
