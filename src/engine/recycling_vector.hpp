#ifndef AUTHMATCH_SRC_ENGINE_RECYCLING_VECTOR_HPP
#define AUTHMATCH_SRC_ENGINE_RECYCLING_VECTOR_HPP

// A vector that keeps its elements when cleared, for the next ones to be assigned over: an
// element that owns memory (a finding's strings) keeps it. Filled and cleared again and again,
// the vector stops allocating once its elements have room, and frees nothing meanwhile, so what
// one thread allocated is not freed by another that fills it next.

#include <cstddef>
#include <span>
#include <vector>

namespace authmatch {
inline namespace v0 {
namespace detail {

template <typename T>
class recycling_vector {
 public:
  /// The next element: one cleared before, holding what it held, for the caller to assign every
  /// member of; or a new one.
  T& add() {
    if (size_ == items_.size()) items_.emplace_back();
    return items_[size_++];
  }

  /// Forgets the elements, keeping them (and what they own) for the next ones.
  void clear() noexcept { size_ = 0; }

  std::size_t size() const noexcept { return size_; }
  bool empty() const noexcept { return size_ == 0; }
  T& operator[](std::size_t i) noexcept { return items_[i]; }
  const T& operator[](std::size_t i) const noexcept { return items_[i]; }
  T* begin() noexcept { return items_.data(); }
  T* end() noexcept { return items_.data() + size_; }
  const T* begin() const noexcept { return items_.data(); }
  const T* end() const noexcept { return items_.data() + size_; }

  /// Elements `from` to `to` (not included).
  std::span<T> slice(std::size_t from, std::size_t to) noexcept {
    return {items_.data() + from, to - from};
  }

 private:
  std::vector<T> items_;  ///< the first size_ are the vector's; the rest, cleared, keep room
  std::size_t size_ = 0;
};

}  // namespace detail
}  // namespace v0
}  // namespace authmatch

#endif
