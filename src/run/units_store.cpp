#include "run/units_store.hpp"

#include <algorithm>

namespace authmatch {
inline namespace v0 {
namespace detail {

void units_store::put(std::size_t which, std::vector<units_finding> found) {
  const std::size_t bytes = found.size() * sizeof(units_finding);
  const std::lock_guard lock(putting_);
  size_ += found.size();
  if (budget_ == 0 || held_bytes_ + bytes <= budget_ / 2) {
    held_bytes_ += bytes;
    held_[which] = std::move(found);
    return;
  }
  blocks_[which] = {file_.append(found), found.size()};
}

void units_store::clear() {
  for (auto& found : held_) found = {};
  blocks_ = {};
  file_.clear();
  held_bytes_ = 0;
  size_ = 0;
}

namespace {

/// The windows of a store over `budget` bytes: the partitions share the half that findings held
/// whole leave, at least one finding each and at most 1024 (80 KB).
std::size_t window_for(std::size_t budget) {
  return std::clamp<std::size_t>(budget / 2 / units_store::partitions / sizeof(units_finding), 1,
                                 1024);
}

}  // namespace

units_store::in_order::in_order(const units_store& store)
    : store_(store),
      window_(window_for(store.budget_)),
      merge_(first_windows(), &key_of, refill_window{this}) {}

std::vector<units_store::in_order::list>& units_store::in_order::first_windows() {
  for (std::size_t p = 0; p < partitions; ++p) {
    if (!refill(p)) lists_[p] = store_.held_[p];
  }
  return lists_;
}

bool units_store::in_order::refill(std::size_t which) {
  const auto& b = store_.blocks_[which];
  auto& window = windows_[which];
  if (read_[which] == b.count) return false;
  const auto count =
      static_cast<std::size_t>(std::min<std::uint64_t>(window_, b.count - read_[which]));
  window.resize(count);
  store_.file_.read(b.first + read_[which], window);
  read_[which] += count;
  lists_[which] = window;
  return true;
}

}  // namespace detail
}  // namespace v0
}  // namespace authmatch
