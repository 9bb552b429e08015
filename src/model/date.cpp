#include <authmatch/date.hpp>
#include "text/digits.hpp"

#include <fmt/format.h>

namespace authmatch {
inline namespace v0 {

std::string to_iso(date day) {
  if (!day.is_set()) return {};
  const auto ymd = day.year_month_day();
  if (!detail::has_four_digit_year(ymd)) {
    return fmt::format("{:04}-{:02}-{:02}", ymd.year, ymd.month, ymd.day);
  }
  std::string text(detail::iso_date_size, '-');
  detail::write_iso_date(text.data(), ymd);
  return text;
}

}  // namespace v0
}  // namespace authmatch
