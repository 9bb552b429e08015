#ifndef AUTHMATCH_DETAIL_CSV_READER_HPP
#define AUTHMATCH_DETAIL_CSV_READER_HPP

#include <cstddef>
#include <deque>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace authmatch {
inline namespace v0 {
namespace detail {

/// An RFC 4180 record reader over a buffer it does not own: comma-separated fields, double
/// quotes around fields that hold commas, quotes or line breaks, "" for a quote inside them,
/// CRLF or LF line ends. A UTF-8 byte-order mark is skipped; blank lines are skipped.
/// Fields are views into the buffer, or into the reader's scratch space when a field had to be
/// unescaped; both stay valid until the next call to next().
class csv_reader {
 public:
  csv_reader(std::string_view text, std::string file_name);

  /// Advances to the next record. Returns false at the end. Throws input_error for a quote that
  /// is never closed or stray characters after a closing quote.
  bool next();

  std::span<const std::string_view> fields() const noexcept { return fields_; }
  /// The 1-based line on which the current record starts.
  std::size_t line() const noexcept { return record_line_; }
  const std::string& file_name() const noexcept { return file_name_; }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
  std::size_t record_line_ = 0;
  std::string file_name_;
  std::vector<std::string_view> fields_;
  std::deque<std::string> unescaped_;
};

/// Maps header names (trimmed, case-insensitive) to field positions.
class csv_header {
 public:
  static constexpr std::size_t absent = static_cast<std::size_t>(-1);

  explicit csv_header(std::span<const std::string_view> names);

  /// Position of a column, or `absent`.
  std::size_t find(std::string_view name) const noexcept;
  std::size_t size() const noexcept { return names_.size(); }
  /// The name of column `i`, trimmed and lower-cased.
  const std::string& name(std::size_t i) const noexcept { return names_[i]; }

 private:
  std::vector<std::string> names_;
};

}  // namespace detail
}  // namespace v0
}  // namespace authmatch

#endif
