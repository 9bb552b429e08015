#include "tokenizer.hpp"

#include <bit>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace authmatch {
inline namespace v0 {
namespace x12 {
namespace detail {
namespace {

/// ' ', or one of '\t' '\n' '\v' '\f' '\r' (which are consecutive).
constexpr bool is_blank(char c) noexcept {
  return c == ' ' || static_cast<unsigned char>(c - '\t') <= '\r' - '\t';
}

/// The lowest `n` set bits of `bits`.
constexpr unsigned lowest_bits(unsigned bits, std::size_t n) noexcept {
  unsigned kept = 0;
  for (; bits != 0 && n > 0; --n, bits &= bits - 1) kept |= bits & (0u - bits);
  return kept;
}

/// Scans [p, end) for the segment terminator and records the element separators before it in
/// `seg` (the first segment::max_cuts of them): the terminator and every element are found in
/// one pass, 16 bytes at a time. Returns the terminator, or nullptr when [p, end) has none (the
/// separators of [p, end) are then recorded). Inlined: it runs once per segment.
[[gnu::always_inline]] inline const char* scan_segment(const char* p, const char* const end,
                                                       const delimiters& delims,
                                                       segment& seg) noexcept {
  std::size_t count = 0;
#if defined(__SSE2__)
  const __m128i element = _mm_set1_epi8(delims.element);
  const __m128i terminator = _mm_set1_epi8(delims.segment);
  for (; end - p >= 16 && count < segment::max_cuts; p += 16) {
    const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const auto stop = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(block, terminator)));
    auto cuts = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(block, element)));
    if (stop != 0) cuts &= (stop & (0u - stop)) - 1;  // only the separators before it
    if (count + 16 > segment::max_cuts) cuts = lowest_bits(cuts, segment::max_cuts - count);
    for (; cuts != 0; cuts &= cuts - 1) seg.cuts[count++] = p + std::countr_zero(cuts);
    if (stop != 0) {
      seg.cut_count = static_cast<std::uint8_t>(count);
      return p + std::countr_zero(stop);
    }
  }
#endif
  for (; p < end && count < segment::max_cuts; ++p) {
    if (*p == delims.segment) {
      seg.cut_count = static_cast<std::uint8_t>(count);
      return p;
    }
    if (*p == delims.element) seg.cuts[count++] = p;
  }
  seg.cut_count = static_cast<std::uint8_t>(count);
  // Every separator the segment can hold is recorded: only the terminator is left to find.
  return p < end ? static_cast<const char*>(
                       std::memchr(p, delims.segment, static_cast<std::size_t>(end - p)))
                 : nullptr;
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
        scan_segment(data_ + pos_, data_ + pos_ + out.isa.length - 1, delims_, out.seg);
        return finish_segment(out, pos_, out.isa.length - 1, pos_ + out.isa.length, false, false);
      case isa_status::invalid: out.isa_unreadable = true; break;
    }
  }
  if (!have_delimiters_) {
    // Nothing to split with: the rest is one segment, which the caller refuses.
    out.seg.cut_count = 0;
    return finish_segment(out, pos_, avail, size_, true, false);
  }
  const char* const hit = scan_segment(data_ + pos_, data_ + size_, delims_, out.seg);
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

// Inlined into next(), its only caller: one call less per segment.
[[gnu::always_inline]] inline tokenizer::status tokenizer::finish_segment(
    token& out, std::size_t start, std::size_t length, std::size_t resume, bool unterminated,
    bool oversized) noexcept {
  const char* const text = data_ + start;
  while (length > 0 && is_blank(text[length - 1])) --length;
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
