#include "input/csv_reader.hpp"
#include <authmatch/error.hpp>
#include "text/byte_order_mark.hpp"
#include "text/text.hpp"
#include "x12/byte_source.hpp"
#include "x12/separator_scan.hpp"

#include <algorithm>
#include <bit>
#include <cstring>

namespace authmatch {
inline namespace v0 {
namespace detail {
namespace {

/// The bytes a record is scanned for, as the X12 separator scan finds them: its segment
/// terminator stands for the line feed ending a record, its element separator for the comma,
/// its component separator for a quote.
constexpr x12::detail::delimiters record_bytes{',', '"', '\0', '\n'};

/// Where an unquoted field ends: at the next comma or line feed, npos when neither follows.
std::size_t plain_field_end(std::string_view text, std::size_t from) noexcept {
  // A plain loop: find_first_of looks each byte up in the set of two, which costs more here.
  for (; from < text.size(); ++from) {
    if (text[from] == ',' || text[from] == '\n') return from;
  }
  return std::string_view::npos;
}

}  // namespace

csv_reader::csv_reader(std::string_view text, std::string file_name)
    : text_(text), file_name_(std::move(file_name)) {
  if (text_.starts_with(utf8_bom)) pos_ = utf8_bom.size();
}

csv_reader::csv_reader(x12::detail::byte_source& source, std::string file_name,
                       std::size_t chunk_size)
    : file_name_(std::move(file_name)),
      at_end_(false),
      source_(&source),
      chunk_size_(std::max<std::size_t>(chunk_size, 1)),
      buffer_(std::make_unique_for_overwrite<char[]>(2 * chunk_size_)),
      capacity_(2 * chunk_size_) {
  text_ = std::string_view(buffer_.get(), 0);
  while (!at_end_ && text_.size() < utf8_bom.size()) refill(0, false);
  if (text_.starts_with(utf8_bom)) pos_ = utf8_bom.size();
}

std::string_view csv_reader::head(std::size_t bytes) {
  while (!at_end_ && (text_.size() < bytes || text_.find('\n') == std::string_view::npos)) {
    refill(0, false);
  }
  return text_;
}

bool csv_reader::next() {
  for (;;) {
    switch (read_record()) {
      case step::record: return true;
      case step::end: return false;
      case step::need_more: refill(pos_, true); break;
    }
  }
}

void csv_reader::refill(std::size_t keep_from, bool for_record) {
  const std::size_t kept = text_.size() - keep_from;
  if (capacity_ - kept < chunk_size_) {  // a record longer than a chunk: the buffer grows
    const std::size_t capacity = std::max(2 * capacity_, kept + chunk_size_);
    auto larger = std::make_unique_for_overwrite<char[]>(capacity);
    std::memcpy(larger.get(), text_.data() + keep_from, kept);
    buffer_ = std::move(larger);
    capacity_ = capacity;
  } else if (kept > 0) {
    std::memmove(buffer_.get(), text_.data() + keep_from, kept);
  }
  pos_ -= keep_from;
  dropped_ += keep_from;
  // For a record, all the room there is: a record that grew the buffer is then not scanned
  // again for every chunk it spans.
  const std::size_t wanted = for_record ? capacity_ - kept : chunk_size_;
  const std::size_t got = source_->read(buffer_.get() + kept, wanted);
  at_end_ = got == 0;
  text_ = std::string_view(buffer_.get(), kept + got);
}

csv_reader::step csv_reader::read_record() {
  fields_.clear();
  unescaped_.clear();
  // Skip blank lines between records.
  while (pos_ < text_.size() && (text_[pos_] == '\n' || text_[pos_] == '\r')) {
    if (text_[pos_] == '\n') ++line_;
    ++pos_;
  }
  if (pos_ >= text_.size()) return at_end_ ? step::end : step::need_more;
  record_line_ = line_;
  const std::size_t record_start = pos_;
  record_offset_ = dropped_ + record_start;
  // pos_ and line_ move only once a record is read; a quote sends it to the fields one by one.
  // Without a vector scan (no SSE2) the bitmaps cost more than the byte loop below.
#if defined(__SSE2__)
  if (const auto read = read_unquoted_record()) return *read;
  fields_.clear();
#endif
  const auto read_again_later = [&] {
    pos_ = record_start;
    line_ = record_line_;
    return step::need_more;
  };

  while (true) {
    const std::size_t column = fields_.size() + 1;
    // Whether a field is quoted shows in its first byte, which may be in the next chunk.
    if (pos_ >= text_.size() && !at_end_) return read_again_later();
    const bool quoted = pos_ < text_.size() && text_[pos_] == '"';
    if ((quoted ? read_quoted_field(column) : read_plain_field(column)) == step::need_more) {
      return read_again_later();
    }
    if (pos_ >= text_.size()) return step::record;
    if (text_[pos_] == '\n') {
      ++pos_;
      ++line_;
      return step::record;
    }
    ++pos_;  // the comma
  }
}

std::optional<csv_reader::step> csv_reader::read_unquoted_record() {
  using x12::detail::separator_block;
  std::size_t field_begin = pos_;
  for (std::size_t block = pos_;; block += separator_block) {
    if (block >= text_.size()) {
      if (!at_end_) return step::need_more;
      add_unquoted_field(field_begin, text_.size());  // the input ends the record
      pos_ = text_.size();
      return step::record;
    }
    const auto found = x12::detail::find_separators(
        text_.data() + block, std::min(separator_block, text_.size() - block), record_bytes);
    // The bytes before the record's line feed, all of the block when it has none.
    const std::uint64_t in_record =
        found.terminator == 0 ? ~std::uint64_t{0} : (found.terminator & -found.terminator) - 1;
    if ((found.component & in_record) != 0) {
      return std::nullopt;
    }
    for (auto commas = found.element & in_record; commas != 0; commas &= commas - 1) {
      const std::size_t comma = block + static_cast<std::size_t>(std::countr_zero(commas));
      add_unquoted_field(field_begin, comma);
      field_begin = comma + 1;
    }
    if (found.terminator != 0) {
      const std::size_t end = block + static_cast<std::size_t>(std::countr_zero(found.terminator));
      add_unquoted_field(field_begin, end);
      pos_ = end + 1;
      ++line_;
      return step::record;
    }
  }
}

void csv_reader::add_unquoted_field(std::size_t begin, std::size_t end) {
  // The bounds are the scan's, within text_: no checked substr() for each of a row's fields.
  if (end > begin && text_[end - 1] == '\r') --end;
  fields_.push_back(std::string_view(text_.data() + begin, end - begin));
}

csv_reader::step csv_reader::read_quoted_field(std::size_t column) {
  // A quoted field runs to the closing quote; "" stands for one quote.
  const std::size_t open_line = line_;
  std::size_t start = ++pos_;
  std::string* unescaped = nullptr;
  while (true) {
    const std::size_t quote = text_.find('"', pos_);
    if (quote == std::string_view::npos) {
      if (!at_end_) return step::need_more;
      throw input_error({file_name_, open_line, column},
                        "quoted field is never closed (expected a closing \")");
    }
    // Whether this quote closes the field or starts a "" depends on the byte after it.
    if (quote + 1 >= text_.size() && !at_end_) return step::need_more;
    for (std::size_t i = pos_; i < quote; ++i) line_ += text_[i] == '\n' ? 1U : 0U;
    if (quote + 1 < text_.size() && text_[quote + 1] == '"') {
      if (unescaped == nullptr) unescaped = &unescaped_.emplace_back();
      unescaped->append(text_.substr(start, quote + 1 - start));
      start = pos_ = quote + 2;
      continue;
    }
    if (unescaped != nullptr) {
      unescaped->append(text_.substr(start, quote - start));
      fields_.emplace_back(*unescaped);
    } else {
      fields_.push_back(text_.substr(start, quote - start));
    }
    pos_ = quote + 1;
    break;
  }
  if (pos_ < text_.size() && text_[pos_] == '\r') ++pos_;
  if (pos_ >= text_.size() && !at_end_) return step::need_more;
  if (pos_ < text_.size() && text_[pos_] != ',' && text_[pos_] != '\n') {
    throw input_error({file_name_, line_, column},
                      "unexpected character after a closing quote (expected , or end of line)");
  }
  return step::record;
}

csv_reader::step csv_reader::read_plain_field(std::size_t column) {
  const std::size_t end = plain_field_end(text_, pos_);
  if (end == std::string_view::npos && !at_end_) return step::need_more;
  std::string_view field = text_.substr(pos_, end == std::string_view::npos ? end : end - pos_);
  if (field.ends_with('\r')) field.remove_suffix(1);
  if (field.find('"') != std::string_view::npos) {
    throw input_error({file_name_, line_, column},
                      "a quote inside an unquoted field (quote the whole field and double the "
                      "quote)");
  }
  fields_.push_back(field);
  pos_ = end == std::string_view::npos ? text_.size() : end;
  return step::record;
}

csv_header::csv_header(std::span<const std::string_view> names) {
  names_.reserve(names.size());
  for (const auto name : names) {
    std::string lower(trim(name));
    for (char& c : lower) c = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    names_.push_back(std::move(lower));
  }
}

std::size_t csv_header::find(std::string_view name) const noexcept {
  for (std::size_t i = 0; i < names_.size(); ++i) {
    if (names_[i] == name) return i;
  }
  return absent;
}

}  // namespace detail
}  // namespace v0
}  // namespace authmatch
