#ifndef AUTHMATCH_DATE_HPP
#define AUTHMATCH_DATE_HPP

#include <bit>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

namespace authmatch {
inline namespace v0 {

/// A day of the proleptic Gregorian calendar split into its parts.
struct civil_date {
  int year = 1970;
  unsigned month = 1;  ///< 1 to 12
  unsigned day = 1;    ///< 1 to 31
};

namespace detail {

// Howard Hinnant's days_from_civil and civil_from_days: days since 1970-01-01 from a civil date
// and back, exact for every day a 32-bit day count holds.
constexpr std::int64_t days_from_civil(std::int64_t year, unsigned month, unsigned day) noexcept {
  year -= month <= 2 ? 1 : 0;
  const std::int64_t era = (year >= 0 ? year : year - 399) / 400;
  const auto year_of_era = static_cast<unsigned>(year - era * 400);  // [0, 399]
  const unsigned day_of_year = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  const unsigned day_of_era =
      year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;  // [0, 146096]
  return era * 146097 + std::int64_t{day_of_era} - 719468;
}

constexpr civil_date civil_from_days(std::int64_t days) noexcept {
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const auto day_of_era = static_cast<unsigned>(days - era * 146097);  // [0, 146096]
  const unsigned year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const unsigned day_of_year =
      day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);  // [0, 365]
  const unsigned shifted_month = (5 * day_of_year + 2) / 153;                  // [0, 11], March 0
  const unsigned day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
  const unsigned month = shifted_month < 10 ? shifted_month + 3 : shifted_month - 9;
  const std::int64_t year = std::int64_t{year_of_era} + era * 400 + (month <= 2 ? 1 : 0);
  return {static_cast<int>(year), month, day};
}

}  // namespace detail

/// A calendar day: four bytes holding the days since 1970-01-01, so that comparing two days and
/// counting the days between them are integer operations. A default-constructed date holds no
/// day (is_set() is false); it compares before every day and is equal only to another unset
/// date. Arithmetic and year_month_day() expect a date that is set.
class date {
 public:
  /// No day: what an optional value reads before it is given.
  constexpr date() noexcept = default;

  /// The day `day` of `month` (1-12) of `year`. The day must exist (parse_date checks input).
  constexpr date(int year, unsigned month, unsigned day) noexcept
      : days_(static_cast<std::int32_t>(detail::days_from_civil(year, month, day))) {}

  /// The day `days` after 1970-01-01 (before it when negative).
  static constexpr date from_days_since_epoch(std::int32_t days) noexcept {
    date out;
    out.days_ = days;
    return out;
  }

  /// Whether the date holds a day.
  constexpr bool is_set() const noexcept { return days_ != unset; }

  /// Days since 1970-01-01.
  constexpr std::int32_t days_since_epoch() const noexcept { return days_; }

  /// Year, month and day.
  constexpr civil_date year_month_day() const noexcept { return detail::civil_from_days(days_); }

  /// Moves the date `days` later (+) or earlier (-).
  constexpr date& operator+=(std::int32_t days) noexcept {
    days_ += days;
    return *this;
  }
  constexpr date& operator-=(std::int32_t days) noexcept {
    days_ -= days;
    return *this;
  }
  friend constexpr date operator+(date day, std::int32_t days) noexcept { return day += days; }
  friend constexpr date operator-(date day, std::int32_t days) noexcept { return day -= days; }
  /// The days from `earlier` to `later`: negative when `later` is the earlier day. Wider than a
  /// date, so that no two dates overflow it.
  friend constexpr std::int64_t operator-(date later, date earlier) noexcept {
    return std::int64_t{later.days_} - earlier.days_;
  }

  friend constexpr bool operator==(date, date) noexcept = default;
  friend constexpr std::strong_ordering operator<=>(date, date) noexcept = default;

 private:
  static constexpr std::int32_t unset = std::numeric_limits<std::int32_t>::min();
  std::int32_t days_ = unset;
};

static_assert(sizeof(date) == 4);

namespace detail {
constexpr int days_in_month(int year, int month) noexcept {
  constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : days[month - 1];
}

/// `n` bytes (at most 8) at `p` as a number, the first byte lowest.
constexpr std::uint64_t load_bytes(const char* p, std::size_t n) noexcept {
  std::uint64_t word = 0;
  if (!std::is_constant_evaluated() && std::endian::native == std::endian::little) {
    std::memcpy(&word, p, n);
    return word;
  }
  for (std::size_t i = 0; i < n; ++i)
    word |= std::uint64_t{static_cast<unsigned char>(p[i])} << 8 * i;
  return word;
}

/// Whether the eight bytes of `word` are ASCII digits (the test simdjson uses for numbers).
constexpr bool eight_digits(std::uint64_t word) noexcept {
  return ((word & 0xF0F0F0F0F0F0F0F0) |
          (((word + 0x0606060606060606) & 0xF0F0F0F0F0F0F0F0) >> 4)) == 0x3333333333333333;
}

}  // namespace detail

/// Parses an ISO date "YYYY-MM-DD" or the X12 form "YYYYMMDD" (years 1400 to 9999).
/// Returns nullopt for anything else, including days that do not exist (2025-02-29).
constexpr std::optional<date> parse_date(std::string_view text) noexcept {
  // The eight digits, YYYYMMDD, read as one word: the first in its lowest byte.
  std::uint64_t word = 0;
  const char* const p = text.data();
  if (text.size() == 8) {
    word = detail::load_bytes(p, 8);
  } else if (text.size() == 10 && p[4] == '-' && p[7] == '-') {
    word = detail::load_bytes(p, 4) | detail::load_bytes(p + 5, 2) << 32 |
           detail::load_bytes(p + 8, 2) << 48;
  } else {
    return std::nullopt;
  }
  if (!detail::eight_digits(word)) return std::nullopt;
  // Each 16-bit lane becomes the number of its two digits: century, year, month, day.
  const std::uint64_t pairs = ((word & 0x0F0F0F0F0F0F0F0F) * 2561) >> 8;
  const auto lane = [pairs](int i) { return static_cast<int>(pairs >> 16 * i & 0xFF); };
  const int y = lane(0) * 100 + lane(1), m = lane(2), d = lane(3);
  if (y < 1400 || m < 1 || m > 12 || d < 1 || (d > 28 && d > detail::days_in_month(y, m))) {
    return std::nullopt;
  }
  return date(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
}

/// "YYYY-MM-DD"; empty for a date that is not set.
std::string to_iso(date day);

}  // namespace v0
}  // namespace authmatch

#endif
