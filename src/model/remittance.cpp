#include <authmatch/remittance.hpp>

namespace authmatch {
inline namespace v0 {
namespace {

/// REF*6R as a number from 1 to `most`, or 0 when it is not one.
std::uint32_t line_number_of(const std::string& control_number, std::size_t most) noexcept {
  if (control_number.empty() || control_number.size() > 9) return 0;
  std::uint32_t value = 0;
  for (const char c : control_number) {
    if (c < '0' || c > '9') return 0;
    value = value * 10 + static_cast<std::uint32_t>(c - '0');
  }
  return value <= most ? value : 0;
}

}  // namespace

bool remittance_claim::control_numbers_are_lines() const {
  // A claim read from an 835 holds at most 10000 lines: a bitmap of the numbers seen.
  std::vector<bool> seen(lines.size() + 1, false);
  bool any = false;
  for (const auto& line : lines) {
    if (line.control_number.empty()) continue;
    const std::uint32_t number = line_number_of(line.control_number, lines.size());
    if (number == 0 || seen[number]) return false;
    seen[number] = true;
    any = true;
  }
  return any;
}

std::vector<std::uint32_t> remittance_claim::line_numbers() const {
  const bool numbered = control_numbers_are_lines();
  std::vector<std::uint32_t> out;
  out.reserve(lines.size());
  for (const auto& line : lines) {
    out.push_back(numbered && !line.control_number.empty()
                      ? line_number_of(line.control_number, lines.size())
                      : line.position);
  }
  return out;
}

}  // namespace v0
}  // namespace authmatch
