#ifndef AUTHMATCH_DETAIL_CSV_READER_HPP
#define AUTHMATCH_DETAIL_CSV_READER_HPP

#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace authmatch {
inline namespace v0 {
namespace x12::detail {
class byte_source;
}  // namespace x12::detail

namespace detail {

/// An RFC 4180 record reader: comma-separated fields, double quotes around fields that hold
/// commas, quotes or line breaks, "" for a quote inside them, CRLF or LF line ends. A UTF-8
/// byte-order mark is skipped; blank lines are skipped.
///
/// It reads either a buffer it does not own, or a byte source in chunks: then it holds one chunk
/// and the record being read, and a record that straddles two chunks is carried over to the
/// next (so a record longer than a chunk only makes the buffer grow). Both give the same records,
/// lines and errors.
///
/// Fields are views into the buffer, or into the reader's scratch space when a field had to be
/// unescaped; both stay valid until the next call to next().
class csv_reader {
 public:
  static constexpr std::size_t default_chunk_size = std::size_t{1} << 20;

  /// Reads `text`, which must outlive the reader.
  csv_reader(std::string_view text, std::string file_name);
  /// Reads `source` (which must outlive the reader) `chunk_size` bytes at a time (at least 1).
  csv_reader(x12::detail::byte_source& source, std::string file_name,
             std::size_t chunk_size = default_chunk_size);

  /// Advances to the next record. Returns false at the end. Throws input_error for a quote that
  /// is never closed or stray characters after a closing quote.
  bool next();

  /// Before the first next(): the input from its first byte, at least `bytes` of it (all of a
  /// shorter input) and through its first line feed if it has one.
  std::string_view head(std::size_t bytes);

  std::span<const std::string_view> fields() const noexcept { return fields_; }
  /// The 1-based line on which the current record starts.
  std::size_t line() const noexcept { return record_line_; }
  /// The offset of the current record's first byte in the input (a byte-order mark counts).
  std::uint64_t record_offset() const noexcept { return record_offset_; }
  const std::string& file_name() const noexcept { return file_name_; }

 private:
  enum class step { record, end, need_more };

  step read_record();
  /// A record without quotes, its separators found 64 bytes at a time (most records are
  /// such): `record`, or `need_more` when it runs past the buffer; none when a quote comes
  /// before its end, for read_record() to read field by field (pos_ and line_ where they were,
  /// the fields found so far left for it to clear).
  std::optional<step> read_unquoted_record();
  /// Adds the field from `begin` to `end` (a comma or line feed), less a carriage return at its
  /// end.
  void add_unquoted_field(std::size_t begin, std::size_t end);
  step read_quoted_field(std::size_t column);
  step read_plain_field(std::size_t column);
  /// Reads one more chunk after the bytes from `keep_from` on, which move to the buffer's start.
  /// Keeps the text from `keep_from` on and reads more after it: a chunk, or with `for_record`
  /// (a record is incomplete) as much as the buffer holds.
  void refill(std::size_t keep_from, bool for_record);

  std::string_view text_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
  std::size_t record_line_ = 0;
  std::uint64_t record_offset_ = 0;
  std::uint64_t dropped_ = 0;  ///< bytes of the input before the buffer's first
  std::string file_name_;
  std::vector<std::string_view> fields_;
  std::deque<std::string> unescaped_;

  // Reading in chunks: text_ is the buffer's filled part and at_end_ says whether it ends the
  // input. A buffer given whole is at its end from the start.
  bool at_end_ = true;
  x12::detail::byte_source* source_ = nullptr;
  std::size_t chunk_size_ = 0;
  std::unique_ptr<char[]> buffer_;
  std::size_t capacity_ = 0;
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
