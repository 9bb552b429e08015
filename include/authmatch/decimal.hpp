#ifndef AUTHMATCH_DECIMAL_HPP
#define AUTHMATCH_DECIMAL_HPP

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace authmatch {
inline namespace v0 {

/// An exact decimal with three fractional digits: units ("1.5", "12") and charges ("150.25").
/// Stored as a count of thousandths, so sums and comparisons never round.
class decimal {
 public:
  static constexpr int places = 3;
  static constexpr std::int64_t scale = 1000;

  constexpr decimal() noexcept = default;

  static constexpr decimal from_thousandths(std::int64_t thousandths) noexcept {
    decimal d;
    d.thousandths_ = thousandths;
    return d;
  }
  static constexpr decimal from_integer(std::int64_t whole) noexcept {
    return from_thousandths(whole * scale);
  }

  /// Parses "12", "-3", "1.5", ".25", "0.125"; at most 3 fractional and 15 integer digits.
  /// Leading and trailing blanks are ignored. Returns nullopt for anything else.
  static constexpr std::optional<decimal> parse(std::string_view text) noexcept;

  constexpr std::int64_t thousandths() const noexcept { return thousandths_; }
  constexpr bool is_negative() const noexcept { return thousandths_ < 0; }
  constexpr bool is_zero() const noexcept { return thousandths_ == 0; }

  /// "12", "1.5", "0.125"; with min_places = 2: "150.00", "1.50", "0.125".
  std::string to_string(int min_places = 0) const;

  friend constexpr auto operator<=>(decimal, decimal) noexcept = default;
  friend constexpr decimal operator+(decimal a, decimal b) noexcept {
    return from_thousandths(a.thousandths_ + b.thousandths_);
  }
  friend constexpr decimal operator-(decimal a, decimal b) noexcept {
    return from_thousandths(a.thousandths_ - b.thousandths_);
  }
  constexpr decimal& operator+=(decimal other) noexcept {
    thousandths_ += other.thousandths_;
    return *this;
  }
  constexpr decimal& operator-=(decimal other) noexcept {
    thousandths_ -= other.thousandths_;
    return *this;
  }

 private:
  std::int64_t thousandths_ = 0;
};

constexpr std::optional<decimal> decimal::parse(std::string_view text) noexcept {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  bool negative = false;
  if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
    negative = text.front() == '-';
    text.remove_prefix(1);
  }
  std::int64_t whole = 0;
  int whole_digits = 0;
  std::size_t i = 0;
  for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) {
    if (++whole_digits > 15) return std::nullopt;
    whole = whole * 10 + (text[i] - '0');
  }
  std::int64_t fraction = 0;
  int fraction_digits = 0;
  if (i < text.size() && text[i] == '.') {
    for (++i; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) {
      if (++fraction_digits > places) return std::nullopt;
      fraction = fraction * 10 + (text[i] - '0');
    }
  }
  if (i != text.size() || whole_digits + fraction_digits == 0) return std::nullopt;
  for (int d = fraction_digits; d < places; ++d) fraction *= 10;
  const std::int64_t value = whole * scale + fraction;
  return from_thousandths(negative ? -value : value);
}

}  // namespace v0
}  // namespace authmatch

#endif
