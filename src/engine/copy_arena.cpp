#include "engine/copy_arena.hpp"

#include <authmatch/claim_record.hpp>

#include <cstring>

namespace authmatch {
inline namespace v0 {
namespace detail {

void* copy_arena::allocate(std::size_t size, std::size_t align) {
  if (size > block_size) {  // a block of its own, kept before the one being filled
    auto own = std::make_unique<std::byte[]>(size);
    void* at = own.get();
    blocks_.insert(blocks_.empty() ? blocks_.end() : blocks_.end() - 1, std::move(own));
    return at;
  }
  std::size_t at = (used_ + align - 1) / align * align;
  if (blocks_.empty() || at + size > block_size) {
    blocks_.push_back(std::make_unique<std::byte[]>(block_size));
    at = 0;
  }
  used_ = at + size;
  return blocks_.back().get() + at;
}

std::string_view copy_arena::copy(std::string_view text) {
  if (text.empty()) return {};
  auto* to = static_cast<char*>(allocate(text.size(), 1));
  std::memcpy(to, text.data(), text.size());
  return {to, text.size()};
}

std::span<const std::string_view> copy_arena::copy(std::span<const std::string_view> views) {
  if (views.empty()) return {};
  auto* to = static_cast<std::string_view*>(
      allocate(views.size() * sizeof(std::string_view), alignof(std::string_view)));
  for (std::size_t i = 0; i < views.size(); ++i) new (to + i) std::string_view(copy(views[i]));
  return {to, views.size()};
}

void copy_arena::clear() noexcept {
  // Every block holds at least block_size bytes: the last one is filled again from the start.
  if (blocks_.size() > 1) {
    std::swap(blocks_.front(), blocks_.back());
    blocks_.resize(1);
  }
  used_ = 0;
}

namespace {

/// A claim line's field as a copy keeps it: the text it refers to copied into the arena; the
/// values the line holds itself as they are.
std::string_view kept(copy_arena& arena, std::string_view text) { return arena.copy(text); }
std::span<const std::string_view> kept(copy_arena& arena, std::span<const std::string_view> texts) {
  return arena.copy(texts);
}
template <typename T>
const T& kept(copy_arena&, const T& value) noexcept {
  return value;
}

}  // namespace

void keep_lines(std::span<const claim_line> lines, copy_arena& arena, std::vector<claim_line>& out,
                std::string_view& input_kept) {
  for (const auto& from : lines) {
    // Made in place (faster than pushing an edited copy), then pointed at the arena's text.
    claim_line& to = out.emplace_back(from);
    for_each_claim_field<claim_line>(
        [&](const claim_field&, auto member) { to.*member = kept(arena, from.*member); });
    if (from.source_input != input_kept) input_kept = kept(arena, from.source_input);
    to.source_input = input_kept;
  }
}

}  // namespace detail
}  // namespace v0
}  // namespace authmatch
