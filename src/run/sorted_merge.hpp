#ifndef AUTHMATCH_SRC_SORTED_MERGE_HPP
#define AUTHMATCH_SRC_SORTED_MERGE_HPP

// Lists each already in order, read as one list in order: how the partitions of a settled run
// come back together.

#include <algorithm>
#include <cstddef>
#include <type_traits>
#include <utility>
#include <vector>

namespace authmatch {
inline namespace v0 {
namespace detail {

/// A list that ends where it ends: nothing more to read into it.
struct no_refill {
  bool operator()(std::size_t /*list*/) const noexcept { return false; }
};

/// Walks `lists` (each sorted by `key`, keys distinct across them) in key order without copying
/// them: a heap holds the head of each list. A list is a vector, or a span over items held
/// elsewhere. The lists must outlive the merge. A list may be a window on a longer one: once it
/// is walked, `refill(list)` may put the next items in it (in place of those walked, or another
/// span) and say whether it did.
template <typename List, typename KeyOf, typename Refill = no_refill>
class sorted_merge {
 public:
  using item = std::remove_reference_t<decltype(std::declval<List&>()[0])>;

  sorted_merge(std::vector<List>& lists, KeyOf key_of, Refill refill = {})
      : lists_(lists),
        key_of_(std::move(key_of)),
        refill_(std::move(refill)),
        next_(lists.size(), 0) {
    for (std::size_t list = 0; list < lists_.size(); ++list) {
      if (!lists_[list].empty()) heads_.push_back(list);
    }
    std::make_heap(heads_.begin(), heads_.end(), later());
  }

  /// The next item in key order, nullptr once every list is walked.
  item* peek() const {
    return heads_.empty() ? nullptr : &lists_[heads_.front()][next_[heads_.front()]];
  }

  /// Goes past the item peek() gives.
  void pop() {
    std::pop_heap(heads_.begin(), heads_.end(), later());
    const auto list = heads_.back();
    if (++next_[list] < lists_[list].size() || refilled(list)) {
      std::push_heap(heads_.begin(), heads_.end(), later());
    } else {
      heads_.pop_back();
    }
  }

 private:
  /// Whether `list`, walked, has new items from its start.
  bool refilled(std::size_t list) {
    if (!refill_(list) || lists_[list].empty()) return false;
    next_[list] = 0;
    return true;
  }

  /// The heap's order: its front is the list whose head has the smallest key.
  auto later() const {
    return [this](std::size_t a, std::size_t b) {
      return key_of_(lists_[b][next_[b]]) < key_of_(lists_[a][next_[a]]);
    };
  }

  std::vector<List>& lists_;
  KeyOf key_of_;
  Refill refill_;
  std::vector<std::size_t> next_;   ///< by list: its head
  std::vector<std::size_t> heads_;  ///< the lists not walked to their end, as a heap
};

}  // namespace detail
}  // namespace v0
}  // namespace authmatch

#endif
