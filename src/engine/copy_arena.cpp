#include "engine/copy_arena.hpp"

#include <authmatch/claim_record.hpp>

#include <cstring>
#include <type_traits>

namespace authmatch {
inline namespace v0 {
namespace detail {

void* copy_arena::allocate_elsewhere(std::size_t size) {
  if (size > block_size) return own_.emplace_back(std::make_unique<std::byte[]>(size)).get();
  // The block being filled has no room left (or there is none): the next one, from its start,
  // which any alignment fits.
  if (blocks_in_use_ == blocks_.size())
    blocks_.push_back(std::make_unique<std::byte[]>(block_size));
  filling_ = blocks_[blocks_in_use_++].get();
  used_ = size;
  return filling_;
}

std::span<const std::string_view> copy_arena::copy(std::span<const std::string_view> views) {
  if (views.empty()) return {};
  auto* to = static_cast<std::string_view*>(
      allocate(views.size() * sizeof(std::string_view), alignof(std::string_view)));
  for (std::size_t i = 0; i < views.size(); ++i) new (to + i) std::string_view(copy(views[i]));
  return {to, views.size()};
}

void copy_arena::clear() noexcept {
  if (blocks_.size() > max_kept_blocks) blocks_.resize(max_kept_blocks);
  blocks_in_use_ = 0;
  own_.clear();
  filling_ = nullptr;
  used_ = block_size;
}

namespace {

/// Whether two fields of lines of one claim are the same text, not only equal: a field of the
/// claim, as the reader hands it to every line of it.
bool same_text(std::string_view a, std::string_view b) noexcept {
  return a.data() == b.data() && a.size() == b.size();
}
bool same_text(std::span<const std::string_view> a, std::span<const std::string_view> b) noexcept {
  return a.data() == b.data() && a.size() == b.size();
}

}  // namespace

void keep_lines(std::span<const claim_line> lines, copy_arena& arena, std::vector<claim_line>& out,
                std::string_view& input_kept) {
  const claim_line* before = nullptr;  ///< the line before `from`, as given
  for (const auto& from : lines) {
    // Made in place (faster than pushing an edited copy), then pointed at the arena's text.
    claim_line& to = out.emplace_back(from);
    const claim_line* kept_before = before == nullptr ? nullptr : &to - 1;
    for_each_claim_field<claim_line>([&](const claim_field&, auto member) {
      using field = std::remove_cvref_t<decltype(from.*member)>;
      if constexpr (std::is_same_v<field, std::string_view> ||
                    std::is_same_v<field, std::span<const std::string_view>>) {
        // A field of the claim is copied once, with its first line; the lines after it share
        // the copy.
        if (kept_before != nullptr && same_text(from.*member, before->*member)) {
          to.*member = kept_before->*member;
        } else {
          to.*member = arena.copy(from.*member);
        }
      }
    });
    if (from.source_input != input_kept) input_kept = arena.copy(from.source_input);
    to.source_input = input_kept;
    before = &from;
  }
}

}  // namespace detail
}  // namespace v0
}  // namespace authmatch
