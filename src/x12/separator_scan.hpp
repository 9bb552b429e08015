#ifndef AUTHMATCH_SRC_X12_SEPARATOR_SCAN_HPP
#define AUTHMATCH_SRC_X12_SEPARATOR_SCAN_HPP

// Finds the separator bytes of 64 input bytes at once, as bitmaps (bit i stands for byte i): the
// segment terminator, the element and component separators, and the line breaks (CR, LF) that
// may follow a terminator. X12 segments are short (25 bytes on average in an 837): a block serves
// two or three of them and each byte is compared once. The tokenizer reads the terminator and
// element bitmaps; inlined, the compares of the bitmaps a caller does not read are dropped by the
// compiler.
//
// The vector code is chosen when compiling: SSE2 (every x86-64 has it; four 16-byte compares per
// block), else the portable loop, which gives the same bitmaps.

#include "segment.hpp"

#include <cstddef>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace authmatch {
inline namespace v0 {
namespace x12 {
namespace detail {

/// The separator bytes of one block, a bit per byte: bit i is the block's byte i.
struct separator_masks {
  std::uint64_t terminator = 0;
  std::uint64_t element = 0;
  std::uint64_t component = 0;
  std::uint64_t line_break = 0;  ///< '\r' or '\n'

  friend bool operator==(const separator_masks&, const separator_masks&) = default;
};

inline constexpr std::size_t separator_block = 64;

/// The bitmaps of `size` bytes (at most 64) at `p`, byte by byte: the reference the vector code
/// must match, and the code used where there is none.
inline separator_masks find_separators_portable(const char* p, std::size_t size,
                                                const delimiters& delims) noexcept {
  separator_masks found;
  for (std::size_t i = 0; i < size && i < separator_block; ++i) {
    const std::uint64_t bit = std::uint64_t{1} << i;
    const char c = p[i];
    if (c == delims.segment) found.terminator |= bit;
    if (c == delims.element) found.element |= bit;
    if (c == delims.component) found.component |= bit;
    if (c == '\r' || c == '\n') found.line_break |= bit;
  }
  return found;
}

#if defined(__SSE2__)

/// The bitmaps of the 64 bytes at `p` (all readable), 16 at a time.
[[gnu::always_inline]] inline separator_masks find_separators_block(
    const char* p, const delimiters& delims) noexcept {
  const auto bits = [](__m128i equal) {
    return static_cast<std::uint64_t>(static_cast<std::uint32_t>(_mm_movemask_epi8(equal)));
  };
  const __m128i terminator = _mm_set1_epi8(delims.segment);
  const __m128i element = _mm_set1_epi8(delims.element);
  const __m128i component = _mm_set1_epi8(delims.component);
  const __m128i cr = _mm_set1_epi8('\r');
  const __m128i lf = _mm_set1_epi8('\n');
  separator_masks found;
  for (std::size_t quarter = 0; quarter < 4; ++quarter) {
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * quarter));
    const std::size_t shift = 16 * quarter;
    found.terminator |= bits(_mm_cmpeq_epi8(bytes, terminator)) << shift;
    found.element |= bits(_mm_cmpeq_epi8(bytes, element)) << shift;
    found.component |= bits(_mm_cmpeq_epi8(bytes, component)) << shift;
    found.line_break |= bits(_mm_or_si128(_mm_cmpeq_epi8(bytes, cr), _mm_cmpeq_epi8(bytes, lf)))
                        << shift;
  }
  return found;
}

#else

/// The bitmaps of the 64 bytes at `p` (all readable).
inline separator_masks find_separators_block(const char* p, const delimiters& delims) noexcept {
  return find_separators_portable(p, separator_block, delims);
}

#endif

/// The bitmaps of the `size` bytes at `p` (no byte past them is read); bits from `size` on are
/// clear. A block shorter than 64 bytes (the end of the input in memory) is copied out first.
[[gnu::always_inline]] inline separator_masks find_separators(const char* p, std::size_t size,
                                                              const delimiters& delims) noexcept {
  if (size >= separator_block) return find_separators_block(p, delims);
  if (size == 0) return {};
  // The padding is cleared from the bitmaps below, whatever it matched.
  char padded[separator_block] = {};
  std::memcpy(padded, p, size);
  separator_masks found = find_separators_block(padded, delims);
  const std::uint64_t kept = (std::uint64_t{1} << size) - 1;
  found.terminator &= kept;
  found.element &= kept;
  found.component &= kept;
  found.line_break &= kept;
  return found;
}

}  // namespace detail
}  // namespace x12
}  // namespace v0
}  // namespace authmatch

#endif
