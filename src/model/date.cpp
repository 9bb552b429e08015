#include <authmatch/date.hpp>

#include <fmt/format.h>

namespace authmatch {
inline namespace v0 {

std::string to_iso(date day) {
  if (!day.is_set()) return {};
  const auto ymd = day.year_month_day();
  if (ymd.year < 0 || ymd.year > 9999) {
    return fmt::format("{:04}-{:02}-{:02}", ymd.year, ymd.month, ymd.day);
  }
  // Written digit by digit: findings carry several dates each, and a runtime format string
  // costs more than the rest of the conversion.
  const auto digits = [](char* at, unsigned value, int width) {
    for (int i = width - 1; i >= 0; --i, value /= 10) at[i] = static_cast<char>('0' + value % 10);
  };
  std::string text(10, '-');
  digits(text.data(), static_cast<unsigned>(ymd.year), 4);
  digits(text.data() + 5, ymd.month, 2);
  digits(text.data() + 8, ymd.day, 2);
  return text;
}

}  // namespace v0
}  // namespace authmatch
