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

/// Appends the escape of the character at the start of `text`, which is not json_plain, and
/// returns how many bytes of `text` it stands for.
inline std::size_t append_json_escape(std::string& out, std::string_view text) {
  const char c = text.front();
  if (static_cast<unsigned char>(c) >= 0x80) {
    const auto length = utf8_sequence_length(text);
    if (length == 0) {
      out += "\\ufffd";
      return 1;
    }
    out.append(text.data(), length);
    return length;
  }
  switch (c) {
    case '"': out += "\\\""; break;
    case '\\': out += "\\\\"; break;
    case '\n': out += "\\n"; break;
    case '\r': out += "\\r"; break;
    case '\t': out += "\\t"; break;
    default: {
      constexpr std::string_view hex = "0123456789abcdef";
      const auto byte = static_cast<unsigned char>(c);
      const char escape[] = {'\\', 'u', '0', '0', hex[byte >> 4], hex[byte & 0xf]};
      out.append(escape, sizeof escape);
    }
  }
  return 1;
}

/// Appends `text` as a JSON string, quotes included: `"` and `\` escaped, control characters as
/// `\n`, `\r`, `\t` or `\u00XX`, UTF-8 passed through, and each byte that is not part of a
/// well-formed UTF-8 sequence written as `\ufffd` (U+FFFD).
inline void append_json_string(std::string& out, std::string_view text) {
  auto run = json_plain_prefix(text);
  if (run == text.size()) {  // the common case: the value as it is, between quotes
    const auto at = out.size();
    out.resize(at + text.size() + 2);
    char* to = out.data() + at;
    to[0] = '"';
    if (!text.empty()) std::memcpy(to + 1, text.data(), text.size());
    to[text.size() + 1] = '"';
    return;
  }
  out += '"';
  while (true) {
    out.append(text.data(), run);
    if (run == text.size()) break;
    text.remove_prefix(run + append_json_escape(out, text.substr(run)));
    run = json_plain_prefix(text);
  }
  out += '"';
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
