#include "tokenizer.hpp"

#include <cstring>

namespace authmatch {
inline namespace v0 {
namespace x12 {
namespace detail {
namespace {

constexpr bool is_blank(char c) noexcept {
  return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\v' || c == '\f';
}

}  // namespace

tokenizer::status tokenizer::next(token& out) noexcept {
  if (skipping_) {
    const void* hit =
        pos_ < size_ ? std::memchr(data_ + pos_, delims_.segment, size_ - pos_) : nullptr;
    if (hit == nullptr) {
      pos_ = size_;
      return at_end_ ? status::end : status::need_more;
    }
    pos_ = static_cast<std::size_t>(static_cast<const char*>(hit) - data_) + 1;
    skipping_ = false;
  }
  while (pos_ < size_ && is_blank(data_[pos_])) ++pos_;
  if (pos_ == size_) return at_end_ ? status::end : status::need_more;
  const std::size_t avail = size_ - pos_;
  // "ISA" must be recognized whole, and a delimiter change must not be missed.
  if (avail < 4 && !at_end_) return status::need_more;

  out.isa_read = false;
  out.isa_unreadable = false;
  const std::string_view rest(data_ + pos_, avail);
  if (starts_with_isa(rest)) {
    switch (parse_isa(rest, at_end_, out.isa)) {
      case isa_status::need_more: return status::need_more;
      case isa_status::ok:
        delims_ = out.isa.delims;
        have_delimiters_ = true;
        out.isa_read = true;
        return finish_segment(out, pos_, out.isa.length - 1, pos_ + out.isa.length, false, false);
      case isa_status::invalid: out.isa_unreadable = true; break;
    }
  }
  if (!have_delimiters_) {
    // Nothing to split with: the rest is one segment, which the caller refuses.
    return finish_segment(out, pos_, avail, size_, true, false);
  }
  const void* hit = std::memchr(data_ + pos_, delims_.segment, avail);
  if (hit != nullptr) {
    const auto length = static_cast<std::size_t>(static_cast<const char*>(hit) - (data_ + pos_));
    const bool oversized = length > max_segment_;
    return finish_segment(out, pos_, oversized ? max_segment_ : length, pos_ + length + 1, false,
                          oversized);
  }
  if (avail > max_segment_) {
    skipping_ = true;
    return finish_segment(out, pos_, max_segment_, size_, false, true);
  }
  if (!at_end_) return status::need_more;
  return finish_segment(out, pos_, avail, size_, true, false);
}

tokenizer::status tokenizer::finish_segment(token& out, std::size_t start, std::size_t length,
                                            std::size_t resume, bool unterminated,
                                            bool oversized) noexcept {
  const char* const text = data_ + start;
  while (length > 0 && is_blank(text[length - 1])) --length;
  segment& seg = out.seg;
  seg.text = std::string_view(text, length);
  const void* cut = have_delimiters_ && length > 0
                        ? std::memchr(text, delims_.element, length)
                        : nullptr;
  seg.id = cut != nullptr
               ? std::string_view(text, static_cast<std::size_t>(static_cast<const char*>(cut) - text))
               : seg.text;
  seg.id_tag = tag(seg.id);
  seg.where.number = ++number_;
  seg.where.offset = base_ + start;
  seg.unterminated = unterminated;
  seg.oversized = oversized;
  pos_ = resume;
  return status::segment;
}

}  // namespace detail
}  // namespace x12
}  // namespace v0
}  // namespace authmatch
