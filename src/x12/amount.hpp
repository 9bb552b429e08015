#ifndef AUTHMATCH_SRC_X12_AMOUNT_HPP
#define AUTHMATCH_SRC_X12_AMOUNT_HPP

// X12 decimals (R) as decimals, shared by the 837 and 835 layers and the Python module's numbers.

#include <authmatch/decimal.hpp>

#include <optional>
#include <string_view>

namespace authmatch {
inline namespace v0 {
namespace x12 {
namespace detail {

/// An X12 decimal (R) as a decimal: zeros past the third fractional digit are dropped
/// ("1.0000" is 1), any other digit there makes it unusable.
constexpr std::optional<decimal> parse_amount(std::string_view text) noexcept {
  if (text.size() > 4 && text.back() == '0') {  // else there is nothing to drop
    const auto dot = text.find('.');
    if (dot != std::string_view::npos) {
      while (text.size() > dot + 4 && text.back() == '0') text.remove_suffix(1);
    }
  }
  return decimal::parse(text);
}

}  // namespace detail
}  // namespace x12
}  // namespace v0
}  // namespace authmatch

#endif
