#ifndef AUTHMATCH_SRC_TEXT_TABLE_HPP
#define AUTHMATCH_SRC_TEXT_TABLE_HPP

// Left-aligned columns for a terminal, each as wide as its widest cell, two blanks apart. Cells
// hold input values, so control characters and bytes that are not UTF-8 are shown escaped:
// a claim ID cannot move the cursor or recolour the terminal.

#include "text/display_width.hpp"
#include "text/printable.hpp"

#include <algorithm>
#include <array>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace authmatch {
inline namespace v0 {
namespace detail {

/// `cell(row, column)` gives each cell's text; `last(row)` is appended unpadded after the
/// columns (a message), or nothing when the table has no such column.
template <std::size_t N, typename Cell, typename Last>
std::string text_table(const std::array<std::string_view, N>& titles, std::string_view last_title,
                       std::size_t rows, Cell&& cell, Last&& last) {
  // Widths in terminal columns, not bytes: an accented name is as wide as it looks.
  std::array<std::size_t, N> width{};
  for (std::size_t c = 0; c < N; ++c) width[c] = display_width(titles[c]);
  std::vector<std::array<std::string, N>> cells(rows);
  for (std::size_t r = 0; r < rows; ++r) {
    for (std::size_t c = 0; c < N; ++c) {
      cells[r][c] = printable(cell(r, c));
      width[c] = std::max(width[c], display_width(cells[r][c]));
    }
  }
  std::string out;
  const auto line = [&](const auto& text_of, std::string_view tail) {
    for (std::size_t c = 0; c < N; ++c) {
      const std::string_view text = text_of(c);
      out += text;
      if (c + 1 < N || !tail.empty()) out.append(width[c] - display_width(text) + 2, ' ');
    }
    out += tail;
    out += '\n';
  };
  line([&](std::size_t c) { return titles[c]; }, last_title);
  for (std::size_t r = 0; r < rows; ++r) {
    line([&](std::size_t c) -> std::string_view { return cells[r][c]; }, printable(last(r)));
  }
  return out;
}

}  // namespace detail
}  // namespace v0
}  // namespace authmatch

#endif
