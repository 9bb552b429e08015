// Terminal columns of UTF-8 text: the ranges of zero-width and wide characters (Unicode's
// combining marks and East Asian Width W and F, the blocks a claim or payer name meets).

#include "text/display_width.hpp"

#include "text/printable.hpp"

#include <algorithm>
#include <array>
#include <cstdint>

namespace authmatch {
inline namespace v0 {
namespace detail {
namespace {

struct code_range {
  char32_t first, last;
};

/// Combining marks, zero-width spaces and joiners, variation selectors.
constexpr std::array<code_range, 26> zero_width = {{
    {0x0300, 0x036F}, {0x0483, 0x0489}, {0x0591, 0x05BD}, {0x05BF, 0x05BF}, {0x05C1, 0x05C2},
    {0x05C4, 0x05C5}, {0x05C7, 0x05C7}, {0x0610, 0x061A}, {0x064B, 0x065F}, {0x0670, 0x0670},
    {0x06D6, 0x06DC}, {0x06DF, 0x06E4}, {0x0900, 0x0902}, {0x093C, 0x093C}, {0x0941, 0x0948},
    {0x094D, 0x094D}, {0x0E31, 0x0E31}, {0x0E34, 0x0E3A}, {0x0E47, 0x0E4E}, {0x1AB0, 0x1AFF},
    {0x1DC0, 0x1DFF}, {0x200B, 0x200F}, {0x2060, 0x2064}, {0x20D0, 0x20FF}, {0xFE00, 0xFE0F},
    {0xFEFF, 0xFEFF},
}};

/// East Asian wide and full-width characters, and the emoji blocks terminals draw two wide.
constexpr std::array<code_range, 16> wide = {{
    {0x1100, 0x115F},
    {0x2329, 0x232A},
    {0x2E80, 0x303E},
    {0x3040, 0xA4CF},
    {0xAC00, 0xD7A3},
    {0xF900, 0xFAFF},
    {0xFE10, 0xFE19},
    {0xFE30, 0xFE6F},
    {0xFF00, 0xFF60},
    {0xFFE0, 0xFFE6},
    {0x1F300, 0x1F64F},
    {0x1F680, 0x1F6FF},
    {0x1F900, 0x1F9FF},
    {0x1FA70, 0x1FAFF},
    {0x20000, 0x2FFFD},
    {0x30000, 0x3FFFD},
}};

template <std::size_t N>
bool in(const std::array<code_range, N>& ranges, char32_t c) noexcept {
  return std::any_of(ranges.begin(), ranges.end(),
                     [c](const code_range& r) { return c >= r.first && c <= r.last; });
}

/// The code point of a well-formed sequence of `length` bytes.
char32_t decode(std::string_view text, std::size_t length) noexcept {
  const auto byte = [&](std::size_t i) { return static_cast<std::uint8_t>(text[i]); };
  if (length == 1) return byte(0);
  constexpr std::array<std::uint8_t, 5> lead_bits = {0, 0, 0x1F, 0x0F, 0x07};
  char32_t c = byte(0) & lead_bits[length];
  for (std::size_t i = 1; i < length; ++i) c = (c << 6) | (byte(i) & 0x3Fu);
  return c;
}

}  // namespace

std::size_t display_width(std::string_view text) noexcept {
  std::size_t columns = 0;
  while (!text.empty()) {
    const std::size_t length = utf8_sequence_length(text);
    if (length == 0) {  // shown escaped, byte by byte
      ++columns;
      text.remove_prefix(1);
      continue;
    }
    const char32_t c = decode(text, length);
    text.remove_prefix(length);
    if (c < 0x300) {
      ++columns;
    } else if (!in(zero_width, c)) {
      columns += in(wide, c) ? 2U : 1U;
    }
  }
  return columns;
}

}  // namespace detail
}  // namespace v0
}  // namespace authmatch
