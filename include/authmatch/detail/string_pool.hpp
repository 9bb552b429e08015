#ifndef AUTHMATCH_DETAIL_STRING_POOL_HPP
#define AUTHMATCH_DETAIL_STRING_POOL_HPP

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace authmatch {
inline namespace v0 {
namespace detail {

/// Interns strings to dense 32-bit ids. Looking a string_view up never allocates.
/// Movable, not copyable: the map's keys point into the pool's own stable storage.
class string_pool {
 public:
  using id = std::uint32_t;

  string_pool() = default;
  string_pool(const string_pool&) = delete;
  string_pool& operator=(const string_pool&) = delete;
  string_pool(string_pool&&) noexcept = default;
  string_pool& operator=(string_pool&&) noexcept = default;

  id intern(std::string_view text) {
    if (const auto found = ids_.find(text); found != ids_.end()) return found->second;
    const std::string_view stored = storage_.emplace_back(text);
    const auto next = static_cast<id>(views_.size());
    views_.push_back(stored);
    ids_.emplace(stored, next);
    return next;
  }

  std::optional<id> find(std::string_view text) const noexcept {
    const auto found = ids_.find(text);
    if (found == ids_.end()) return std::nullopt;
    return found->second;
  }

  std::string_view operator[](id which) const noexcept { return views_[which]; }
  std::size_t size() const noexcept { return views_.size(); }

 private:
  std::deque<std::string> storage_;  // a deque never moves its elements
  std::vector<std::string_view> views_;
  std::unordered_map<std::string_view, id> ids_;
};

}  // namespace detail
}  // namespace v0
}  // namespace authmatch

#endif
