#ifndef AUTHMATCH_SRC_UNITS_STORE_HPP
#define AUTHMATCH_SRC_UNITS_STORE_HPP

// Settlement's units findings, kept by partition until they are handed out: in memory up to a
// budget, in a temporary file past it.

#include "run/record_file.hpp"
#include "run/run_usage.hpp"
#include "run/sorted_merge.hpp"

#include <authmatch/finding.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <span>
#include <type_traits>
#include <utility>
#include <vector>

namespace authmatch {
inline namespace v0 {
namespace detail {

/// A units_exceeded, referral_exceeded or units_low finding of settlement, kept small until it is
/// handed out (a run whose authorizations run out has one for most lines).
struct units_finding {
  run_usage use;  ///< the line's usage: its record may be in the store's file
  finding_kind kind = finding_kind::units_exceeded;
  std::uint32_t new_days = 0;  ///< visits: new days of service the line asks for
  decimal quantity;            ///< exceeded: what was available; units_low: what remains after
};
static_assert(std::is_trivially_copyable_v<units_finding>);
static_assert(sizeof(units_finding) == 104,
              "run_options::memory_budget says a finding costs 104 bytes");

/// Where a finding is handed out: input order (the position of its line or claim), then kind.
using finding_key = std::pair<std::uint64_t, finding_kind>;

inline finding_key key_of(const units_finding& found) noexcept {
  return {found.use.sequence, found.kind};
}

/// The units findings of each partition of a settled run, each partition's in key_of order,
/// within a budget (bytes; 0: no limit). A partition's findings are held in memory while all those
/// held fit half of it; past that they go to an unnamed temporary file in one block, and in_order
/// reads them back a window at a time, the windows within the other half (at least one finding
/// a partition). The findings handed out are the same whatever the budget.
class units_store {
 public:
  static constexpr std::size_t partitions = 64;

  explicit units_store(std::size_t budget = 0) noexcept : budget_(budget) {}

  /// Takes partition `which`'s findings, in key_of order; once a partition. Several threads may
  /// put different partitions at once.
  void put(std::size_t which, std::vector<units_finding> found);

  /// Findings put, in memory and in the file.
  std::uint64_t size() const noexcept { return size_; }
  /// Whether findings went to the temporary file.
  bool spilled() const noexcept { return file_.used(); }

  /// Forgets every finding and the file; the budget stays.
  void clear();

  /// Every finding put, in key_of order. The store must outlive it, and not change meanwhile;
  /// several may walk one store at once, on different threads.
  class in_order {
   public:
    explicit in_order(const units_store& store);
    in_order(const in_order&) = delete;
    in_order& operator=(const in_order&) = delete;

    /// The next finding, nullptr once all are walked.
    const units_finding* peek() const { return merge_.peek(); }
    /// Goes past the finding peek() gives.
    void pop() { merge_.pop(); }

   private:
    using list = std::span<const units_finding>;

    /// The partitions held, and the first window of each in the file: merge_'s lists.
    std::vector<list>& first_windows();
    /// Reads partition `which`'s next window from the file; false at its end.
    bool refill(std::size_t which);

    struct refill_window {
      in_order* self;
      bool operator()(std::size_t which) const { return self->refill(which); }
    };
    using key_fn = finding_key (*)(const units_finding&);

    const units_store& store_;
    std::size_t window_;                            ///< findings read at a time
    std::array<std::uint64_t, partitions> read_{};  ///< by partition: of its block, read so far
    std::vector<list> lists_ = std::vector<list>(partitions);
    /// By partition in the file: the window read from it, which its list spans.
    std::vector<std::vector<units_finding>> windows_ =
        std::vector<std::vector<units_finding>>(partitions);
    sorted_merge<list, key_fn, refill_window> merge_;
  };

 private:
  struct block {
    std::uint64_t first = 0;  ///< its place in the file
    std::uint64_t count = 0;
  };

  std::size_t budget_;
  std::mutex putting_;
  std::size_t held_bytes_ = 0;
  std::uint64_t size_ = 0;
  std::vector<std::vector<units_finding>> held_ =
      std::vector<std::vector<units_finding>>(partitions);
  std::array<block, partitions> blocks_{};
  record_file<units_finding> file_{"the temporary file of units findings"};
};

}  // namespace detail
}  // namespace v0
}  // namespace authmatch

#endif
