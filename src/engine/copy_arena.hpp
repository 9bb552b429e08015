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
/// until clear().
class copy_arena {
 public:
  std::string_view copy(std::string_view text) {
    if (text.empty()) return {};
    auto* to = static_cast<char*>(allocate(text.size(), 1));
    std::memcpy(to, text.data(), text.size());
    return {to, text.size()};
  }
  std::span<const std::string_view> copy(std::span<const std::string_view> views);
  /// Forgets every copy and keeps one block for reuse.
  void clear() noexcept;

 private:
  static constexpr std::size_t block_size = std::size_t{64} * 1024;

  /// Room for `size` bytes aligned to `align`: in the block being filled when they fit (the
  /// common case, inline), else allocate_elsewhere().
  void* allocate(std::size_t size, std::size_t align) {
    const std::size_t at = (used_ + align - 1) & ~(align - 1);
    if (at + size > block_size || blocks_.empty()) return allocate_elsewhere(size);
    used_ = at + size;
    return blocks_.back().get() + at;
  }
  /// A new block for the bytes, or one of their own when they are more than a block.
  void* allocate_elsewhere(std::size_t size);

  std::vector<std::unique_ptr<std::byte[]>> blocks_;
  std::size_t used_ = block_size;  ///< in the last block
};

/// Appends copies of `lines` to `out`, their text kept in `arena`. `input_kept` is the copy of
/// the last input name kept (empty at first): the lines of one input share it.
void keep_lines(std::span<const claim_line> lines, copy_arena& arena, std::vector<claim_line>& out,
                std::string_view& input_kept);

}  // namespace detail
}  // namespace v0
}  // namespace authmatch

#endif
