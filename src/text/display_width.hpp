#ifndef AUTHMATCH_DETAIL_DISPLAY_WIDTH_HPP
#define AUTHMATCH_DETAIL_DISPLAY_WIDTH_HPP

// How many columns text takes on a terminal, so that a table of input values stays aligned.

#include <cstddef>
#include <string_view>

namespace authmatch {
inline namespace v0 {
namespace detail {

/// The columns `text` takes on a terminal: none for a combining mark or a zero-width character
/// (U+0301 after an `e`, a variation selector), two for an East Asian wide or full-width
/// character or an emoji, one for any other character, and one for each byte that is not part of
/// well-formed UTF-8 (printable() escapes those before they are shown).
std::size_t display_width(std::string_view text) noexcept;

}  // namespace detail
}  // namespace v0
}  // namespace authmatch

#endif
