#include "text/printable.hpp"

#include <fmt/format.h>

#include <iterator>

namespace authmatch {
inline namespace v0 {
namespace detail {
namespace {

constexpr bool is_control(unsigned char c) noexcept { return c < 0x20 || c == 0x7F; }

constexpr bool is_continuation(unsigned char c) noexcept { return (c & 0xC0) == 0x80; }

void append_escaped(std::string& out, unsigned char c) {
  fmt::format_to(std::back_inserter(out), "\\x{:02X}", static_cast<unsigned>(c));
}

/// Whether the UTF-8 sequence at the start of `text` stands for a C1 control (U+0080..U+009F),
/// which some terminals obey as they obey ESC.
bool is_c1_control(std::string_view text) noexcept {
  return text.size() >= 2 && static_cast<unsigned char>(text[0]) == 0xC2 &&
         static_cast<unsigned char>(text[1]) < 0xA0;
}

}  // namespace

std::size_t utf8_sequence_length(std::string_view text) noexcept {
  if (text.empty()) return 0;
  const auto b0 = static_cast<unsigned char>(text[0]);
  if (b0 < 0x80) return 1;
  std::size_t length = 0;
  unsigned char low = 0x80, high = 0xBF;  // the range of the second byte (RFC 3629, table 3-7)
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    length = 2;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    length = 3;
    if (b0 == 0xE0) low = 0xA0;   // no overlong forms
    if (b0 == 0xED) high = 0x9F;  // no surrogates
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    length = 4;
    if (b0 == 0xF0) low = 0x90;
    if (b0 == 0xF4) high = 0x8F;  // nothing above U+10FFFF
  } else {
    return 0;
  }
  if (text.size() < length) return 0;
  const auto b1 = static_cast<unsigned char>(text[1]);
  if (b1 < low || b1 > high) return 0;
  for (std::size_t i = 2; i < length; ++i) {
    if (!is_continuation(static_cast<unsigned char>(text[i]))) return 0;
  }
  return length;
}

std::string printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  while (!text.empty()) {
    const auto c = static_cast<unsigned char>(text.front());
    const std::size_t length = utf8_sequence_length(text);
    if (length == 0 || is_control(c) || is_c1_control(text)) {
      // A C1 control is escaped as its two bytes, which keeps what was in the input visible.
      const std::size_t bytes = is_c1_control(text) ? 2 : 1;
      for (std::size_t i = 0; i < bytes; ++i)
        append_escaped(out, static_cast<unsigned char>(text[i]));
      text.remove_prefix(bytes);
      continue;
    }
    out.append(text.data(), length);
    text.remove_prefix(length);
  }
  return out;
}

std::string quoted_value(std::string_view value) {
  if (value.size() <= quoted_bytes) return fmt::format("'{}'", printable(value));
  // Cut at a character boundary so that the cut itself does not make an invalid sequence.
  std::size_t cut = quoted_bytes;
  while (cut > 0 && is_continuation(static_cast<unsigned char>(value[cut]))) --cut;
  return fmt::format("'{}...' ({} bytes)", printable(value.substr(0, cut)), value.size());
}

std::string safe_message(std::string_view message) {
  std::string out = printable(message);
  if (out.size() <= message_bytes) return out;
  std::size_t cut = message_bytes;
  while (cut > 0 && is_continuation(static_cast<unsigned char>(out[cut]))) --cut;
  out.resize(cut);
  out += "... (message cut short)";
  return out;
}

void append_valid_utf8(std::string& out, std::string_view text) {
  while (!text.empty()) {
    // ASCII runs are the common case: copy them whole.
    std::size_t run = 0;
    while (run < text.size() && static_cast<unsigned char>(text[run]) < 0x80) ++run;
    out.append(text.data(), run);
    text.remove_prefix(run);
    if (text.empty()) break;
    const std::size_t length = utf8_sequence_length(text);
    if (length == 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD REPLACEMENT CHARACTER
      text.remove_prefix(1);
    } else {
      out.append(text.data(), length);
      text.remove_prefix(length);
    }
  }
}

}  // namespace detail
}  // namespace v0
}  // namespace authmatch
