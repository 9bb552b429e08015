#ifndef AUTHMATCH_SRC_X12_TOKENIZER_HPP
#define AUTHMATCH_SRC_X12_TOKENIZER_HPP

// Splits a window of the input into segments, without copying: each segment is a view into the
// window. The window is the part of the input currently in memory; when a segment runs past its
// end the tokenizer asks for more (need_more) and the caller refills, shifting the window.

#include "isa.hpp"
#include "segment.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace authmatch {
inline namespace v0 {
namespace x12 {
namespace detail {

/// One tokenizer result.
struct token {
  segment seg;
  /// Set when `seg` is an ISA whose delimiters were read; they are in effect from here on.
  bool isa_read = false;
  isa_header isa;
  /// Set when `seg` starts with "ISA" but its delimiters could not be read: `isa.problem` says
  /// why and `seg` was split with the delimiters in effect before it (if any).
  bool isa_unreadable = false;
};

class tokenizer {
 public:
  enum class status { segment, need_more, end };

  explicit tokenizer(std::size_t max_segment_bytes) noexcept : max_segment_(max_segment_bytes) {}

  /// The bytes in memory: `data[0]` is byte `base_offset` of the input. `at_end`: no bytes
  /// follow `data + size`.
  void set_window(const char* data, std::size_t size, std::uint64_t base_offset,
                  bool at_end) noexcept {
    data_ = data;
    size_ = size;
    base_ = base_offset;
    at_end_ = at_end;
    forget_block();  // the bytes may have moved or changed
  }

  /// Offset in the window where the next segment (or the blanks before it) starts.
  std::size_t cursor() const noexcept { return pos_; }
  /// Continue at window offset `pos`, the next segment being number `next_number`.
  void seek(std::size_t pos, std::uint64_t next_number) noexcept {
    pos_ = pos;
    number_ = next_number - 1;
  }
  /// Segments returned so far.
  std::uint64_t segment_count() const noexcept { return number_; }

  bool has_delimiters() const noexcept { return have_delimiters_; }
  /// Splits with `delims` from here on, as if an ISA declaring them had been read (to resume
  /// reading in the middle of an interchange).
  void set_delimiters(const delimiters& delims) noexcept {
    delims_ = delims;
    have_delimiters_ = true;
    forget_block();
  }
  const delimiters& delims() const noexcept { return delims_; }

  /// The next segment, or need_more (refill and call again) or end.
  status next(token& out) noexcept;

 private:
  const char* scan_segment(const char* p, const char* end, segment& seg) noexcept;
  /// Classifies the block of (at most) 64 bytes at window offset `at`.
  void load_block(std::size_t at) noexcept;
  void forget_block() noexcept { block_size_ = 0; }
  status finish_segment(token& out, std::size_t start, std::size_t length, std::size_t resume,
                        bool unterminated, bool oversized) noexcept;

  const char* data_ = nullptr;
  std::size_t size_ = 0;
  std::uint64_t base_ = 0;
  bool at_end_ = false;

  std::size_t pos_ = 0;
  std::uint64_t number_ = 0;
  bool skipping_ = false;  ///< inside an oversized segment, looking for its terminator
  std::size_t max_segment_;
  delimiters delims_;
  bool have_delimiters_ = false;

  // The block of the window whose separators are known (separator_scan.hpp): bytes
  // [block_at_, block_at_ + block_size_), and the bitmaps of its terminators and element
  // separators.
  std::size_t block_at_ = 0;
  std::size_t block_size_ = 0;
  std::uint64_t block_terminators_ = 0;
  std::uint64_t block_elements_ = 0;
};

}  // namespace detail
}  // namespace x12
}  // namespace v0
}  // namespace authmatch

#endif
