#ifndef AUTHMATCH_SRC_X12_ISA_HPP
#define AUTHMATCH_SRC_X12_ISA_HPP

// Reading an interchange header's delimiters from its separators, not from fixed offsets.

#include "segment.hpp"

#include <cstddef>
#include <string_view>

namespace authmatch {
inline namespace v0 {
namespace x12 {
namespace detail {

/// The width every ISA should have, terminator included.
inline constexpr std::size_t isa_fixed_width = 106;

enum class isa_status {
  ok,         ///< `header` is filled
  need_more,  ///< the text ends inside the ISA; more input may complete it
  invalid,    ///< not a usable ISA; `problem` says why
};

struct isa_header {
  delimiters delims;
  std::size_t length = 0;           ///< bytes from "ISA" through the segment terminator
  std::string_view control_number;  ///< ISA13
  std::string_view version;         ///< ISA12
  std::string_view problem;         ///< set when invalid (a static string)
};

/// Reads the ISA at the start of `text` (which starts with "ISA"): the character after "ISA" is
/// the element separator, ISA11 the repetition separator (when it is a separator), ISA16 the
/// component separator and the character after ISA16 the segment terminator. `at_end` tells
/// whether `text` runs to the end of the input.
isa_status parse_isa(std::string_view text, bool at_end, isa_header& header) noexcept;

/// True when `text` starts with "ISA" followed by a character that can be an element separator.
constexpr bool starts_with_isa(std::string_view text) noexcept {
  if (text.size() < 4 || text[0] != 'I' || text[1] != 'S' || text[2] != 'A') return false;
  const char c = text[3];
  return !((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'));
}

}  // namespace detail
}  // namespace x12
}  // namespace v0
}  // namespace authmatch

#endif
