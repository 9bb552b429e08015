#ifndef AUTHMATCH_SRC_CSV_TABLE_HPP
#define AUTHMATCH_SRC_CSV_TABLE_HPP

// A CSV file read by column name, with errors that name file, line and column.

#include <authmatch/detail/csv_reader.hpp>
#include <authmatch/detail/text.hpp>
#include <authmatch/input_error.hpp>

#include <fmt/format.h>
#include <initializer_list>
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
            std::initializer_list<std::string_view> required)
      : reader_(text, std::move(file_name)), header_({}) {
    if (!reader_.next()) {
      throw input_error({reader_.file_name(), 1, 0},
                        fmt::format("empty file (expected a header row naming {})",
                                    join(required, ", ")));
    }
    header_ = csv_header(reader_.fields());
    for (const auto name : required) {
      if (header_.find(name) == absent) {
        throw input_error({reader_.file_name(), reader_.line(), 0},
                          fmt::format("missing required column '{}' (the header must name {})",
                                      name, join(required, ", ")));
      }
    }
  }

  /// Advances to the next row; throws input_error when its field count differs from the header's.
  bool next() {
    if (!reader_.next()) return false;
    if (reader_.fields().size() != header_.size()) {
      throw input_error({reader_.file_name(), reader_.line(), 0},
                        fmt::format("expected {} fields as in the header, found {}",
                                    header_.size(), reader_.fields().size()));
    }
    return true;
  }

  /// The position of a column, or `absent`.
  std::size_t column(std::string_view name) const noexcept { return header_.find(name); }

  /// The trimmed value of a column in the current row; empty when the column is absent.
  std::string_view operator[](std::size_t column) const noexcept {
    return column == absent ? std::string_view() : trim(reader_.fields()[column]);
  }

  input_position where(std::size_t column) const {
    return {reader_.file_name(), reader_.line(), column == absent ? 0 : column + 1};
  }

  /// Throws input_error for a bad value: "file:line:column: name: message".
  [[noreturn]] void fail(std::string_view name, const std::string& message) const {
    throw input_error(where(column(name)), fmt::format("{}: {}", name, message));
  }

 private:
  csv_reader reader_;
  csv_header header_;
};

}  // namespace detail
}  // namespace v0
}  // namespace authmatch

#endif
