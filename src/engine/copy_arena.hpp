#ifndef AUTHMATCH_SRC_ENGINE_COPY_ARENA_HPP
#define AUTHMATCH_SRC_ENGINE_COPY_ARENA_HPP

// Where the judging threads keep the text of the lines they are handed: the reader's buffer
// moves on while a batch waits.

#include <authmatch/claim_line.hpp>

#include <cstddef>
#include <cstring>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

namespace authmatch {
inline namespace v0 {
namespace detail {

/// Text copied out of a producer's buffer, in blocks that never move, so views into it stay valid
/// until clear(). Its blocks are kept for the next copies after clear() (up to max_kept_blocks):
/// an arena refilled batch after batch takes no fresh memory, whose first touch costs a page
/// fault every 4 KiB.
class copy_arena {
 public:
  static constexpr std::size_t block_size = std::size_t{64} * 1024;
  /// Blocks kept by clear(); the text of one batch of lines fits in a few.
  static constexpr std::size_t max_kept_blocks = 16;

  std::string_view copy(std::string_view text) {
    if (text.empty()) return {};
    auto* to = static_cast<char*>(allocate(text.size(), 1));
    std::memcpy(to, text.data(), text.size());
    return {to, text.size()};
  }
  std::span<const std::string_view> copy(std::span<const std::string_view> views);
  /// Forgets every copy; keeps the blocks (up to max_kept_blocks) for the next ones.
  void clear() noexcept;
  /// Blocks of block_size bytes the arena holds, in use or kept (copies longer than a block
  /// have their own memory, not counted).
  std::size_t blocks_held() const noexcept { return blocks_.size(); }

 private:
  /// Room for `size` bytes aligned to `align`: in the block being filled when they fit (the
  /// common case, inline), else allocate_elsewhere().
  void* allocate(std::size_t size, std::size_t align) {
    const std::size_t at = (used_ + align - 1) & ~(align - 1);
    if (at + size > block_size) return allocate_elsewhere(size);
    used_ = at + size;
    return filling_ + at;
  }
  /// The next block for the bytes (a kept one, or a new one), or one of their own when they are
  /// more than a block.
  void* allocate_elsewhere(std::size_t size);

  std::vector<std::unique_ptr<std::byte[]>> blocks_;  ///< each block_size bytes
  std::size_t blocks_in_use_ = 0;                     ///< the first ones of blocks_
  std::vector<std::unique_ptr<std::byte[]>> own_;     ///< copies longer than a block
  std::byte* filling_ = nullptr;                      ///< blocks_[blocks_in_use_ - 1]
  std::size_t used_ = block_size;                     ///< in the block being filled
};

/// Appends copies of `lines` to `out`, their text kept in `arena`. `input_kept` is the copy of
/// the last input name kept (empty at first): the lines of one input share it.
void keep_lines(std::span<const claim_line> lines, copy_arena& arena, std::vector<claim_line>& out,
                std::string_view& input_kept);

}  // namespace detail
}  // namespace v0
}  // namespace authmatch

#endif
