#include "tokenizer.hpp"

#include "separator_scan.hpp"

#include <algorithm>
#include <bit>
#include <cstring>

namespace authmatch {
inline namespace v0 {
namespace x12 {
namespace detail {

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
  while (pos_ < size_ && is_x12_blank(data_[pos_])) ++pos_;
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
        forget_block();  // its bitmaps are of the delimiters before
        out.isa_read = true;
        scan_segment(data_ + pos_, data_ + pos_ + out.isa.length - 1, out.seg);
        return finish_segment(out, pos_, out.isa.length - 1, pos_ + out.isa.length, false, false);
      case isa_status::invalid: out.isa_unreadable = true; break;
    }
  }
  if (!have_delimiters_) {
    // Nothing to split with: the rest is one segment, which the caller refuses.
    out.seg.cut_count = 0;
    return finish_segment(out, pos_, avail, size_, true, false);
  }
  const char* const hit = scan_segment(data_ + pos_, data_ + size_, out.seg);
  if (hit != nullptr) {
    const auto length = static_cast<std::size_t>(hit - (data_ + pos_));
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

[[gnu::always_inline]] inline void tokenizer::load_block(std::size_t at) noexcept {
  const std::size_t size = std::min(separator_block, size_ - at);
  const separator_masks found = find_separators(data_ + at, size, delims_);
  block_at_ = at;
  block_size_ = size;
  block_terminators_ = found.terminator;
  block_elements_ = found.element;
}

// Scans [p, end) for the segment terminator and records the element separators before it in
// `seg` (the first segment::max_cuts of them), from the bitmaps of the block that holds each byte:
// a block is classified once and serves the two or three segments it holds. Returns the
// terminator, or nullptr when [p, end) has none (the separators of [p, end) are then recorded).
// Inlined: it runs once per segment.
[[gnu::always_inline]] inline const char* tokenizer::scan_segment(const char* p,
                                                                  const char* const end,
                                                                  segment& seg) noexcept {
  std::size_t count = 0;
  while (p < end) {
    const auto at = static_cast<std::size_t>(p - data_);
    // Below the block the difference wraps around: that too loads the block at `p`.
    if (at - block_at_ >= block_size_) load_block(at);
    const std::size_t skip = at - block_at_;
    std::uint64_t stops = block_terminators_ >> skip;
    std::uint64_t cuts = block_elements_ >> skip;
    std::size_t span = block_size_ - skip;
    if (static_cast<std::size_t>(end - p) < span) {
      span = static_cast<std::size_t>(end - p);  // less than 64: the shift is defined
      const std::uint64_t kept = (std::uint64_t{1} << span) - 1;
      stops &= kept;
      cuts &= kept;
    }
    if (stops != 0)
      cuts &= (stops & (std::uint64_t{0} - stops)) - 1;  // only the separators before it
    for (; cuts != 0 && count < segment::max_cuts; cuts &= cuts - 1) {
      seg.cuts[count++] = p + std::countr_zero(cuts);
    }
    if (stops != 0) {
      seg.cut_count = static_cast<std::uint8_t>(count);
      return p + std::countr_zero(stops);
    }
    p += span;
  }
  seg.cut_count = static_cast<std::uint8_t>(count);
  return nullptr;
}

// Inlined into next(), its only caller: one call less per segment.
[[gnu::always_inline]] inline tokenizer::status tokenizer::finish_segment(
    token& out, std::size_t start, std::size_t length, std::size_t resume, bool unterminated,
    bool oversized) noexcept {
  const char* const text = data_ + start;
  while (length > 0 && is_x12_blank(text[length - 1])) --length;
  segment& seg = out.seg;
  seg.text = std::string_view(text, length);
  // The scan may have run past the text (blanks trimmed, an oversized segment cut short).
  while (seg.cut_count > 0 && seg.cuts[seg.cut_count - 1] >= text + length) --seg.cut_count;
  seg.id = seg.cut_count > 0 ? std::string_view(text, static_cast<std::size_t>(seg.cuts[0] - text))
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
