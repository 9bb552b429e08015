#ifndef AUTHMATCH_DETAIL_MARKUP_HPP
#define AUTHMATCH_DETAIL_MARKUP_HPP

// Input values written into JSON and HTML: always valid UTF-8 (a byte that is not part of it
// becomes U+FFFD, in JSON as `\ufffd`), and never able to end the string or element they are
// written into.

#include <string>
#include <string_view>

namespace authmatch {
inline namespace v0 {
namespace detail {

/// Appends `text` as a quoted JSON string.
void append_json_string(std::string& out, std::string_view text);

/// Appends `text` as HTML text or attribute value: & < > " ' as character references.
void append_html_text(std::string& out, std::string_view text);

/// `text` escaped as append_html_text writes it.
std::string html_text(std::string_view text);

}  // namespace detail
}  // namespace v0
}  // namespace authmatch

#endif
