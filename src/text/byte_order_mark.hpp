#ifndef AUTHMATCH_SRC_TEXT_BYTE_ORDER_MARK_HPP
#define AUTHMATCH_SRC_TEXT_BYTE_ORDER_MARK_HPP

// The UTF-8 byte order mark, which an editor saving UTF-8 may put before the text; every reader
// skips it.

#include <cstddef>
#include <string_view>

namespace authmatch {
inline namespace v0 {
namespace detail {

inline constexpr std::string_view utf8_bom = "\xEF\xBB\xBF";

/// The length of the UTF-8 byte order mark at the start of `head`, if it has one.
constexpr std::size_t bom_length(std::string_view head) noexcept {
  return head.starts_with(utf8_bom) ? utf8_bom.size() : 0;
}

}  // namespace detail
}  // namespace v0
}  // namespace authmatch

#endif
