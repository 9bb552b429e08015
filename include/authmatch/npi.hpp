#ifndef AUTHMATCH_NPI_HPP
#define AUTHMATCH_NPI_HPP

#include <string_view>

namespace authmatch {
inline namespace v0 {

/// True for a 10-digit National Provider Identifier whose last digit is the Luhn check digit
/// computed over the prefix 80840 followed by the first nine digits.
constexpr bool is_valid_npi(std::string_view npi) noexcept {
  if (npi.size() != 10) return false;
  for (char c : npi) {
    if (c < '0' || c > '9') return false;
  }
  // The prefix 80840 always contributes 24 to the Luhn sum.
  int sum = 24;
  for (int i = 8; i >= 0; --i) {
    int digit = npi[static_cast<std::size_t>(i)] - '0';
    if ((8 - i) % 2 == 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return (10 - sum % 10) % 10 == npi[9] - '0';
}

}  // namespace v0
}  // namespace authmatch

#endif
