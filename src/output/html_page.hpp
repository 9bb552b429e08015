#ifndef AUTHMATCH_SRC_HTML_PAGE_HPP
#define AUTHMATCH_SRC_HTML_PAGE_HPP

// The parts the HTML pages share: the page itself (inline CSS, one inline sort script allowed by
// its hash in a Content-Security-Policy that fetches nothing), tables with real header cells, and
// horizontal bar charts drawn as inline SVG with a text alternative. Every text given is escaped
// here, never by callers.

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace authmatch {
inline namespace v0 {
namespace detail {

class html_page {
 public:
  /// Starts a page whose <title> and <h1> are `title`; `subtitle` goes under the heading.
  html_page(std::string_view title, std::string_view subtitle);

  /// A section heading (h2) with an id for links.
  void heading(std::string_view id, std::string_view text);
  /// A paragraph of text.
  void paragraph(std::string_view text);

  /// A table: a caption, column titles, and rows of cells; `numeric[c]` right-aligns column c.
  /// `row_class(r)` may name a CSS class for row r ("overdue"); empty for none. At most
  /// `max_rows` rows are shown, and a line says how many more there are.
  struct column {
    std::string_view title;
    bool numeric = false;
  };
  void table(std::string_view id, std::string_view caption, std::span<const column> columns,
             const std::vector<std::vector<std::string>>& rows,
             const std::vector<std::string>& row_classes = {}, std::size_t max_rows = 2000);

  /// A horizontal bar chart: one bar per label, `value` long (in any unit), `note` written after
  /// the bar ("12 of 20"); `part` (at most `value`) is drawn darker inside the bar.
  struct bar {
    std::string label;
    double value = 0;
    double part = 0;
    std::string note;
  };
  void bar_chart(std::string_view id, std::string_view title, const std::vector<bar>& bars);

  /// Markup the caller built, escaping every value with html_text (text/markup.hpp).
  void raw(std::string_view markup) { body_ += markup; }

  /// The whole page.
  std::string finish() &&;

 private:
  std::string title_;
  std::string body_;
};

}  // namespace detail
}  // namespace v0
}  // namespace authmatch

#endif
