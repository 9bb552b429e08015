#ifndef AUTHMATCH_DETAIL_MARKUP_HPP
#define AUTHMATCH_DETAIL_MARKUP_HPP

// Input values written into HTML: always valid UTF-8 (a byte that is not part of it becomes
// U+FFFD), and never able to end the element or attribute they are written into. JSON strings
// are written by output/json_string.hpp.

#include <string>
#include <string_view>

namespace authmatch {
inline namespace v0 {
namespace detail {

/// Appends `text` as HTML text or attribute value: & < > " ' as character references.
void append_html_text(std::string& out, std::string_view text);

/// `text` escaped as append_html_text writes it.
std::string html_text(std::string_view text);

}  // namespace detail
}  // namespace v0
}  // namespace authmatch

#endif
