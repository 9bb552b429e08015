#ifndef AUTHMATCH_DETAIL_PRINTABLE_HPP
#define AUTHMATCH_DETAIL_PRINTABLE_HPP

#include <cstddef>
#include <string>
#include <string_view>

namespace authmatch {
inline namespace v0 {
namespace detail {

/// How many bytes of a value a message quotes before it says how long the value is.
inline constexpr std::size_t quoted_bytes = 64;

/// How long a message may grow; a longer one is cut and says so.
inline constexpr std::size_t message_bytes = 1024;

/// The length of the well-formed UTF-8 sequence at the start of `text` (1 to 4), or 0 when its
/// first byte does not start one (a stray continuation byte, an overlong form, a surrogate, a
/// sequence cut short).
std::size_t utf8_sequence_length(std::string_view text) noexcept;

/// `text` made safe to show on a terminal or in a log: control characters (C0, DEL and the C1
/// range), NUL included, and bytes that are not UTF-8 are written as `\xHH`; a backslash stays as
/// it is. Valid UTF-8 text passes through unchanged.
std::string printable(std::string_view text);

/// An input value as a message quotes it: printable, in single quotes, and at most
/// `quoted_bytes` of it followed by how many bytes it has ("'AAAA...' (1048576 bytes)").
std::string quoted_value(std::string_view value);

/// A message as errors and diagnostics carry it: printable, and cut at `message_bytes`.
std::string safe_message(std::string_view message);

/// Appends `text` with every byte that is not part of well-formed UTF-8 replaced by U+FFFD, so
/// what is written is always valid UTF-8.
void append_valid_utf8(std::string& out, std::string_view text);

}  // namespace detail
}  // namespace v0
}  // namespace authmatch

#endif
