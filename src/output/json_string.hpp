#ifndef AUTHMATCH_SRC_OUTPUT_JSON_STRING_HPP
#define AUTHMATCH_SRC_OUTPUT_JSON_STRING_HPP

// One JSON string writer for every JSON the library writes (findings, reconciliations, their
// summaries), so that all of it is valid UTF-8 whatever bytes the input held.

#include "text/byte_scan.hpp"
#include "text/printable.hpp"

#include <bit>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace authmatch {
inline namespace v0 {
namespace detail {

/// Whether a byte is written as it is inside a JSON string: printable ASCII but `"` and `\`.
constexpr bool json_plain(char c) noexcept {
  const auto byte = static_cast<unsigned char>(c);
  return c != '"' && c != '\\' && byte >= 0x20 && byte < 0x80;
}

#if defined(__SSE2__)
/// Flags the bytes of the 16 at `at` that are not json_plain, a bit each.
inline unsigned json_special_16(const char* at) noexcept {
  const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(at));
  // Signed, the bytes from 0x80 up are below 0x20 too.
  const __m128i special = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(bytes, _mm_set1_epi8('"')),
                                                    _mm_cmpeq_epi8(bytes, _mm_set1_epi8('\\'))),
                                       _mm_cmplt_epi8(bytes, _mm_set1_epi8(0x20)));
  return static_cast<unsigned>(_mm_movemask_epi8(special));
}
#endif

/// How many bytes at the start of `text` are json_plain: 16 at a time where SSE2 is there (a
/// message is a hundred bytes or more), the last of them in the 16 that end the text.
inline std::size_t json_plain_prefix(std::string_view text) noexcept {
  std::size_t i = 0;
#if defined(__SSE2__)
  constexpr std::size_t block = 16;
  for (; i + block <= text.size(); i += block) {
    if (const unsigned flags = json_special_16(text.data() + i); flags != 0) {
      return i + static_cast<std::size_t>(std::countr_zero(flags));
    }
  }
  if (i < text.size() && text.size() >= block) {
    const unsigned flags =
        json_special_16(text.data() + text.size() - block) >> (block - (text.size() - i));
    return flags == 0 ? text.size() : i + static_cast<std::size_t>(std::countr_zero(flags));
  }
#endif
  return i + plain_prefix(
                 text.substr(i),
                 [](std::uint64_t word) {
                   return bytes_below(word, 0x20) | bytes_equal(word, '"') |
                          bytes_equal(word, '\\') | bytes_not_ascii(word);
                 },
                 json_plain);
}

/// The most bytes one escape writes: `\u00XX` for a control character, `\ufffd` for a byte
/// that is not UTF-8.
inline constexpr std::size_t json_escape_bytes = 6;

/// The most bytes write_json_string() writes for a text of `size` bytes: each byte escaped, and
/// the quotes.
constexpr std::size_t json_string_bound(std::size_t size) noexcept {
  return json_escape_bytes * size + 2;
}

/// Writes the escape of the character at the start of `text`, which is not json_plain, at `to`
/// (json_escape_bytes at most). Returns how many bytes of `text` it stands for and how many it
/// wrote.
struct json_escape {
  std::size_t read, written;
};
inline json_escape write_json_escape(char* to, std::string_view text) noexcept {
  const char c = text.front();
  const auto copy = [to](std::string_view escape) {
    std::memcpy(to, escape.data(), escape.size());
    return escape.size();
  };
  if (static_cast<unsigned char>(c) >= 0x80) {
    const auto length = utf8_sequence_length(text);
    if (length == 0) return {1, copy("\\ufffd")};
    std::memcpy(to, text.data(), length);
    return {length, length};
  }
  switch (c) {
    case '"': return {1, copy("\\\"")};
    case '\\': return {1, copy("\\\\")};
    case '\n': return {1, copy("\\n")};
    case '\r': return {1, copy("\\r")};
    case '\t': return {1, copy("\\t")};
    default: {
      constexpr std::string_view hex = "0123456789abcdef";
      const auto byte = static_cast<unsigned char>(c);
      const char escape[] = {'\\', 'u', '0', '0', hex[byte >> 4], hex[byte & 0xf]};
      return {1, copy({escape, sizeof escape})};
    }
  }
}

/// Writes `text` as a JSON string at `to`, quotes included (json_string_bound() bytes at most),
/// given that its first `plain` bytes are json_plain; returns the end of what it wrote. `"` and
/// `\` are escaped, control characters written as `\n`, `\r`, `\t` or `\u00XX`, UTF-8 passed
/// through, and each byte that is not part of a well-formed UTF-8 sequence written as `\ufffd`
/// (U+FFFD).
inline char* write_json_string(char* to, std::string_view text, std::size_t plain) noexcept {
  *to++ = '"';
  while (true) {
    if (plain != 0) std::memcpy(to, text.data(), plain);
    to += plain;
    if (plain == text.size()) break;
    const auto escape = write_json_escape(to, text.substr(plain));
    to += escape.written;
    text.remove_prefix(plain + escape.read);
    plain = json_plain_prefix(text);
  }
  *to++ = '"';
  return to;
}
inline char* write_json_string(char* to, std::string_view text) noexcept {
  return write_json_string(to, text, json_plain_prefix(text));
}

/// Appends `text` as a JSON string (see write_json_string()).
inline void append_json_string(std::string& out, std::string_view text) {
  const auto plain = json_plain_prefix(text);
  const auto at = out.size();
  // The common case, the value as it is between quotes, takes exactly its room.
  out.resize(at + (plain == text.size() ? text.size() + 2 : json_string_bound(text.size())));
  const char* end = write_json_string(out.data() + at, text, plain);
  out.resize(static_cast<std::size_t>(end - out.data()));
}

/// `text` as a JSON string, quotes included (see append_json_string).
inline std::string json_string(std::string_view text) {
  std::string out;
  append_json_string(out, text);
  return out;
}

}  // namespace detail
}  // namespace v0
}  // namespace authmatch

#endif
