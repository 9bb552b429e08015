#include "text/markup.hpp"

#include "text/printable.hpp"

#include <fmt/format.h>

#include <iterator>

namespace authmatch {
inline namespace v0 {
namespace detail {
namespace {

/// Calls `special(c)` for each ASCII byte that `plain` refuses and copies everything else,
/// valid UTF-8 sequences whole and each other byte as `replacement`.
template <typename Plain, typename Special>
void append_escaped(std::string& out, std::string_view text, std::string_view replacement,
                    Plain&& plain, Special&& special) {
  while (!text.empty()) {
    const auto c = text.front();
    if (static_cast<unsigned char>(c) >= 0x80) {
      const auto length = utf8_sequence_length(text);
      if (length == 0) {
        out += replacement;
        text.remove_prefix(1);
      } else {
        out.append(text.data(), length);
        text.remove_prefix(length);
      }
    } else if (plain(c)) {
      out += c;
      text.remove_prefix(1);
    } else {
      special(c);
      text.remove_prefix(1);
    }
  }
}

}  // namespace

void append_html_text(std::string& out, std::string_view text) {
  append_escaped(
      out, text, "\xEF\xBF\xBD",
      [](char c) {
        const auto byte = static_cast<unsigned char>(c);
        return c != '&' && c != '<' && c != '>' && c != '"' && c != '\'' &&
               (byte >= 0x20 || c == '\n' || c == '\t') && byte != 0x7F;
      },
      [&](char c) {
        switch (c) {
          case '&': out += "&amp;"; break;
          case '<': out += "&lt;"; break;
          case '>': out += "&gt;"; break;
          case '"': out += "&quot;"; break;
          case '\'': out += "&#39;"; break;
          default: out += "\xEF\xBF\xBD";  // a control character: not allowed in HTML text
        }
      });
}

std::string html_text(std::string_view text) {
  std::string out;
  append_html_text(out, text);
  return out;
}

}  // namespace detail
}  // namespace v0
}  // namespace authmatch
