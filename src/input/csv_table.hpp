#ifndef AUTHMATCH_SRC_CSV_TABLE_HPP
#define AUTHMATCH_SRC_CSV_TABLE_HPP

// A CSV file read by column name, with errors that name file, line and column.

#include <authmatch/date.hpp>
#include <authmatch/error.hpp>
#include "input/csv_reader.hpp"
#include "text/printable.hpp"
#include "text/text.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace authmatch {
inline namespace v0 {
namespace detail {

class csv_table {
 public:
  static constexpr std::size_t absent = csv_header::absent;

  /// Reads the header row; throws input_error naming the first required column that is missing.
  csv_table(std::string_view text, std::string file_name,
            std::span<const std::string_view> required)
      : csv_table(csv_reader(text, std::move(file_name)), required) {}

  /// The same over a reader, which may read its input in chunks.
  csv_table(csv_reader reader, std::span<const std::string_view> required)
      : reader_(std::move(reader)), header_({}) {
    refuse_other_encodings(reader_.head(encoding_check_bytes), reader_.file_name());
    if (!reader_.next()) {
      throw input_error(
          {reader_.file_name(), 1, 0},
          fmt::format("empty file (expected a header row naming {})", join(required, ", ")));
    }
    header_ = csv_header(reader_.fields());
    refuse_duplicate_columns();
    for (const auto name : required) {
      if (header_.find(name) == absent) {
        throw input_error({reader_.file_name(), reader_.line(), 0},
                          fmt::format("missing required column '{}' (the header must name {})",
                                      name, join(required, ", ")));
      }
    }
  }

  csv_table(std::string_view text, std::string file_name,
            std::initializer_list<std::string_view> required)
      : csv_table(text, std::move(file_name),
                  std::span<const std::string_view>(required.begin(), required.size())) {}

  /// Advances to the next row; throws input_error when its field count differs from the header's.
  bool next() {
    if (!reader_.next()) return false;
    if (reader_.fields().size() != header_.size()) {
      throw input_error({reader_.file_name(), reader_.line(), 0},
                        fmt::format("expected {} fields as in the header, found {}", header_.size(),
                                    reader_.fields().size()));
    }
    return true;
  }

  /// The position of a column, or `absent`.
  std::size_t column(std::string_view name) const noexcept { return header_.find(name); }
  /// The name errors give the file (a path, "<bytes>").
  const std::string& file_name() const noexcept { return reader_.file_name(); }
  /// The line the current row starts on.
  std::size_t line() const noexcept { return reader_.line(); }
  /// The offset of the current row's first byte in the input.
  std::uint64_t row_offset() const noexcept { return reader_.record_offset(); }
  /// The columns the header names, which every row has.
  std::size_t columns() const noexcept { return header_.size(); }

  /// The trimmed value of a column in the current row; empty when the column is absent.
  std::string_view operator[](std::size_t column) const noexcept {
    return column == absent ? std::string_view() : trim(reader_.fields()[column]);
  }

  input_position where(std::size_t column) const {
    return {reader_.file_name(), reader_.line(), column == absent ? 0 : column + 1};
  }

  /// The date in a column of the current row; throws input_error when it is not one.
  date date_at(std::size_t column, std::string_view name) const {
    const auto cell = (*this)[column];
    const auto day = parse_date(cell);
    if (!day) {
      fail(name,
           fmt::format("{} is not a date (expected YYYY-MM-DD or YYYYMMDD)", quoted_value(cell)));
    }
    return *day;
  }

  /// Throws input_error for a bad value: "file:line:column: name: message".
  [[noreturn]] void fail(std::string_view name, const std::string& message) const {
    fail_at(reader_.line(), name, message);
  }

  /// fail() about a row read earlier, at `line`: reads only the header and the file's name, so
  /// another thread may read rows meanwhile.
  [[noreturn]] void fail_at(std::size_t line, std::string_view name,
                            const std::string& message) const {
    const auto at = column(name);
    throw input_error({reader_.file_name(), line, at == absent ? 0 : at + 1},
                      fmt::format("{}: {}", name, message));
  }

 private:
  /// A CSV saved as UTF-16 or with old Mac line ends reads as one garbled column or one line;
  /// saying so beats "missing required column".
  static constexpr std::size_t encoding_check_bytes = 4096;

  /// `text` holds at least encoding_check_bytes and the first line feed, if the file has them.
  static void refuse_other_encodings(std::string_view text, const std::string& file) {
    const std::string_view head = text.substr(0, encoding_check_bytes);
    if (looks_like_utf16(head)) {
      throw input_error({file, 1, 0},
                        "the file is not UTF-8 text: it looks like UTF-16 (it has NUL bytes or a "
                        "UTF-16 byte order mark); save it as CSV UTF-8 and load it again");
    }
    const auto line_feed = text.find('\n');
    const auto carriage_return = text.find('\r');
    if (carriage_return != std::string_view::npos &&
        (line_feed == std::string_view::npos || carriage_return + 1 < line_feed)) {
      throw input_error({file, 1, 0},
                        "the lines end with a carriage return alone (old Mac line ends); save "
                        "the file with LF or CRLF line ends and load it again");
    }
  }

  void refuse_duplicate_columns() const {
    const auto names = reader_.fields();
    for (std::size_t i = 0; i < names.size(); ++i) {
      const auto first = header_.find(header_.name(i));
      if (!header_.name(i).empty() && first != i) {
        throw input_error({reader_.file_name(), reader_.line(), i + 1},
                          fmt::format("column '{}' appears twice in the header (also column "
                                      "{}); remove one of them",
                                      header_.name(i), first + 1));
      }
    }
  }

  csv_reader reader_;
  csv_header header_;
};

}  // namespace detail
}  // namespace v0
}  // namespace authmatch

#endif
