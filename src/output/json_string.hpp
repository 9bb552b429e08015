#ifndef AUTHMATCH_SRC_OUTPUT_JSON_STRING_HPP
#define AUTHMATCH_SRC_OUTPUT_JSON_STRING_HPP

// One JSON string writer for every JSON the library writes (findings, reconciliations, their
// summaries), so that all of it is valid UTF-8 whatever bytes the input held.

#include "text/printable.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <iterator>
#include <string>
#include <string_view>

namespace authmatch {
inline namespace v0 {
namespace detail {

/// Appends `text` as a JSON string, quotes included: `"` and `\` escaped, control characters as
/// `\n`, `\r`, `\t` or `\u00XX`, UTF-8 passed through, and each byte that is not part of a
/// well-formed UTF-8 sequence written as `\ufffd` (U+FFFD).
inline void append_json_string(std::string& out, std::string_view text) {
  out += '"';
  // Plain ASCII is appended in runs: most values need no escape at all.
  const auto plain = [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return c != '"' && c != '\\' && byte >= 0x20 && byte < 0x80;
  };
  while (!text.empty()) {
    const auto run =
        static_cast<std::size_t>(std::find_if_not(text.begin(), text.end(), plain) - text.begin());
    out.append(text.data(), run);
    if (run == text.size()) break;
    const char c = text[run];
    if (static_cast<unsigned char>(c) >= 0x80) {
      const auto length = utf8_sequence_length(text.substr(run));
      if (length == 0) {
        out += "\\ufffd";
        text.remove_prefix(run + 1);
      } else {
        out.append(text.data() + run, length);
        text.remove_prefix(run + length);
      }
      continue;
    }
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default: fmt::format_to(std::back_inserter(out), "\\u{:04x}", static_cast<unsigned>(c));
    }
    text.remove_prefix(run + 1);
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
