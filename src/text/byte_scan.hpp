#ifndef AUTHMATCH_SRC_TEXT_BYTE_SCAN_HPP
#define AUTHMATCH_SRC_TEXT_BYTE_SCAN_HPP

// Finding the first byte of a text that a writer must treat specially (escape, quote, replace),
// eight bytes at a time: most values written out need nothing done to them, and the messages of
// findings are long.

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace authmatch {
inline namespace v0 {
namespace detail {

inline constexpr std::uint64_t each_byte = 0x0101010101010101;

// Each test sets the high bit of the bytes it flags. A flag can carry a borrow into the next
// byte and flag that one wrongly, but the lowest byte flagged is always one that passes the
// test, and only the lowest one's position is used.

/// Flags the bytes of `word` below `bound` (at most 0x80).
constexpr std::uint64_t bytes_below(std::uint64_t word, std::uint8_t bound) noexcept {
  return (word - each_byte * bound) & ~word & (each_byte * 0x80);
}

/// Flags the bytes of `word` equal to `byte`.
constexpr std::uint64_t bytes_equal(std::uint64_t word, char byte) noexcept {
  return bytes_below(word ^ (each_byte * static_cast<std::uint8_t>(byte)), 1);
}

/// Flags the bytes of `word` from 0x80 up: the bytes of UTF-8 sequences, and bytes that are
/// not UTF-8.
constexpr std::uint64_t bytes_not_ascii(std::uint64_t word) noexcept {
  return word & (each_byte * 0x80);
}

/// Flags the bytes of `word` from 'a' to 'z' (exactly: no borrow crosses a byte).
constexpr std::uint64_t bytes_lower_case(std::uint64_t word) noexcept {
  const std::uint64_t low_seven = word & (each_byte * 0x7F);
  const std::uint64_t below_brace = each_byte * (0x7F + 'z' + 1) - low_seven;  // high bit: < '{'
  const std::uint64_t from_a = low_seven + each_byte * (0x7F - ('a' - 1));     // high bit: >= 'a'
  return below_brace & from_a & ~word & (each_byte * 0x80);
}

/// How many bytes at the start of `text` are plain: eight at a time, where `special(word)` flags
/// the bytes of an eight-byte word that are not (as the functions above do); a text of four to
/// seven bytes in one word too, a shorter one byte by byte with `plain(c)`. Both must agree.
template <typename Special, typename Plain>
std::size_t plain_prefix(std::string_view text, Special special, Plain plain) noexcept {
  constexpr std::size_t word_size = sizeof(std::uint64_t);
  std::size_t i = 0;
  if constexpr (std::endian::native == std::endian::little) {
    const auto flags_at = [&](std::size_t at) {
      std::uint64_t word = 0;
      std::memcpy(&word, text.data() + at, word_size);
      return special(word);
    };
    for (; i + word_size <= text.size(); i += word_size) {
      if (const std::uint64_t flags = flags_at(i); flags != 0) {
        return i + static_cast<std::size_t>(std::countr_zero(flags)) / 8;
      }
    }
    if (i < text.size() && text.size() >= word_size) {
      // The last bytes, in the word that ends with the text: the bytes before `i` in it are
      // plain and flag nothing, so they (and any borrow) are shifted out.
      const std::uint64_t flags =
          flags_at(text.size() - word_size) >> 8 * (word_size - (text.size() - i));
      return flags == 0 ? text.size() : i + static_cast<std::size_t>(std::countr_zero(flags)) / 8;
    }
    if (constexpr std::size_t half = word_size / 2;
        text.size() >= half && text.size() < word_size) {
      // Four to seven bytes (most codes): one word of the first four bytes and the last four,
      // which overlap. The word's byte k from 4 up is the text's byte k + size - 8; none of the
      // first four flagged, the lowest flagged is the text's first byte that is not plain.
      std::uint32_t first = 0, last = 0;
      std::memcpy(&first, text.data(), half);
      std::memcpy(&last, text.data() + text.size() - half, half);
      const std::uint64_t flags = special(first | std::uint64_t{last} << 32);
      if (flags == 0) return text.size();
      const auto at = static_cast<std::size_t>(std::countr_zero(flags)) / 8;
      return at < half ? at : at + text.size() - word_size;
    }
  }
  while (i < text.size() && plain(text[i])) ++i;
  return i;
}

}  // namespace detail
}  // namespace v0
}  // namespace authmatch

#endif
