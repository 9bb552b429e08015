#include "input/csv_reader.hpp"
#include <authmatch/error.hpp>
#include "text/text.hpp"

namespace authmatch {
inline namespace v0 {
namespace detail {

csv_reader::csv_reader(std::string_view text, std::string file_name)
    : text_(text), file_name_(std::move(file_name)) {
  if (text_.starts_with("\xEF\xBB\xBF")) pos_ = 3;
}

bool csv_reader::next() {
  fields_.clear();
  unescaped_.clear();
  // Skip blank lines between records.
  while (pos_ < text_.size() && (text_[pos_] == '\n' || text_[pos_] == '\r')) {
    if (text_[pos_] == '\n') ++line_;
    ++pos_;
  }
  if (pos_ >= text_.size()) return false;
  record_line_ = line_;

  while (true) {
    const std::size_t column = fields_.size() + 1;
    if (pos_ < text_.size() && text_[pos_] == '"') {
      // Quoted field: runs to the closing quote; "" stands for one quote.
      const std::size_t open_line = line_;
      std::size_t start = ++pos_;
      std::string* unescaped = nullptr;
      while (true) {
        const std::size_t quote = text_.find('"', pos_);
        if (quote == std::string_view::npos) {
          throw input_error({file_name_, open_line, column},
                            "quoted field is never closed (expected a closing \")");
        }
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
      if (pos_ < text_.size() && text_[pos_] != ',' && text_[pos_] != '\n') {
        throw input_error({file_name_, line_, column},
                          "unexpected character after a closing quote (expected , or end of line)");
      }
    } else {
      const std::size_t end = text_.find_first_of(",\n", pos_);
      std::string_view field = text_.substr(pos_, end == std::string_view::npos ? end : end - pos_);
      if (field.ends_with('\r')) field.remove_suffix(1);
      if (field.find('"') != std::string_view::npos) {
        throw input_error({file_name_, line_, column},
                          "a quote inside an unquoted field (quote the whole field and double the "
                          "quote)");
      }
      fields_.push_back(field);
      pos_ = end == std::string_view::npos ? text_.size() : end;
    }
    if (pos_ >= text_.size()) return true;
    if (text_[pos_] == '\n') {
      ++pos_;
      ++line_;
      return true;
    }
    ++pos_;  // the comma
  }
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
