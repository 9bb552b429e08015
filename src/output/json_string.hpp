#ifndef AUTHMATCH_SRC_OUTPUT_JSON_STRING_HPP
#define AUTHMATCH_SRC_OUTPUT_JSON_STRING_HPP

// One JSON string writer for every JSON the library writes (findings, reconciliations, their
// summaries), so that all of it is valid UTF-8 whatever bytes the input held.

#include "text/byte_scan.hpp"
#include "text/printable.hpp"

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace authmatch {
inline namespace v0 {
namespace detail {

/// Whether a byte is written as it is inside a JSON string: printable ASCII but `"` and `\`.
constexpr bool json_plain(char c) noexcept {
  const auto byte = static_cast<unsigned char>(c);
  return c != '"' && c != '\\' && byte >= 0x20 && byte < 0x80;
}

/// How many bytes at the start of `text` are json_plain.
inline std::size_t json_plain_prefix(std::string_view text) noexcept {
  return plain_prefix(
      text,
      [](std::uint64_t word) {
        return bytes_below(word, 0x20) | bytes_equal(word, '"') | bytes_equal(word, '\\') |
               bytes_not_ascii(word);
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
