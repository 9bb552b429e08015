#include <authmatch/remittance.hpp>

namespace authmatch {
inline namespace v0 {

std::uint32_t remittance_line::line() const noexcept {
  if (control_number.empty() || control_number.size() > 9) return position;
  std::uint32_t value = 0;
  for (const char c : control_number) {
    if (c < '0' || c > '9') return position;
    value = value * 10 + static_cast<std::uint32_t>(c - '0');
  }
  return value == 0 ? position : value;
}

}  // namespace v0
}  // namespace authmatch
