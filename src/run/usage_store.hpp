#ifndef AUTHMATCH_SRC_USAGE_STORE_HPP
#define AUTHMATCH_SRC_USAGE_STORE_HPP

// The usage a run's lines make of authorization rows, kept by partition until settlement, in
// memory up to a budget and in a temporary file past it.

#include "run/record_file.hpp"
#include "run/run_usage.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace authmatch {
inline namespace v0 {
namespace detail {

/// Usage records by partition: every row of one authorization number falls in one partition
/// (partition_of its number), so settlement settles each partition alone, on its own thread,
/// holding only that partition in memory. With a budget (bytes; 0: none), the partitions' room
/// for records grows while all of it stays within the budget; when it cannot, every partition
/// moves its records to an unnamed temporary file, in one block, and keeps at most its share of
/// the room (a 64th) for those to come. The records are read back a partition at a time: this
/// is the external sort of a run's usage, by partition first, then in memory within one. The
/// file holds them packed (pack_usage: about a third of their size in memory), in blocks of at
/// most records_a_block records. The budget counts the room for records (64 bytes each; at
/// least one a partition); each block written costs 24 bytes more, at least one a partition
/// each spill, so a budget below a few hundred kilobytes mostly trades records for block
/// entries.
class usage_store {
 public:
  static constexpr unsigned partitions = 64;
  /// The most records a block of the file holds: what packing one, or reading one back, holds
  /// beside the budget stays small.
  static constexpr std::size_t records_a_block = 8192;

  explicit usage_store(std::size_t budget = 0) noexcept : budget_(budget) {}

  /// The partition of an authorization number (its id in the index's strings).
  static unsigned partition_of(std::uint32_t number) noexcept {
    return static_cast<unsigned>((number * 0x9E3779B97F4A7C15ULL) >> 58);  // the top 6 bits
  }

  /// Adds a record of a row of authorization number `number` (its id in the index's strings),
  /// made in place by `fill(run_usage&)` (which must not throw), then given its partition and
  /// the next ordinal. A record made in place is not copied while its narrower fields are still
  /// being stored, which stalls the copy.
  template <typename Fill>
  void emplace(std::uint32_t number, Fill&& fill) {
    check_room();
    const auto partition = static_cast<std::uint8_t>(partition_of(number));
    auto& records = memory_[partition];
    if (budget_ != 0 && records.size() == records.capacity()) make_room(partition);
    auto& use = records.emplace_back();
    fill(use);
    use.partition = partition;
    use.ordinal = static_cast<std::uint32_t>(added_++);  // once the record has its room
  }
  /// Adds a copy of `use` (as emplace() does).
  void add(const run_usage& use, std::uint32_t number) {
    emplace(number, [&use](run_usage& added) { added = use; });
  }

  /// Records added.
  std::uint64_t size() const noexcept { return added_; }
  /// Bytes of room for records in memory (within the budget, when there is one).
  std::size_t room() const noexcept { return records_room() * sizeof(run_usage); }
  /// Whether records went to the temporary file.
  bool spilled() const noexcept { return file_.used(); }

  /// Partition `which`'s records in the order they were added, appended to `out`. Once adding
  /// is over, several threads may read different partitions at once.
  void read(unsigned which, std::vector<run_usage>& out) const;

  /// Every record in the order added (each partition read in turn, then ordered by ordinal):
  /// for a part of a run, whose bytes hold them all anyway.
  std::vector<run_usage> all() const;

  /// Forgets every record and the file; the budget stays.
  void clear();

 private:
  struct block {
    std::uint64_t first = 0;  ///< its first byte's place in the file
    std::uint64_t bytes = 0;
    std::uint32_t count = 0;  ///< of records
  };

  /// Throws when the run holds as many records as ordinals can number.
  void check_room() const;
  /// Room for one more record in partition `which` (full), within the budget.
  void make_room(unsigned which);
  /// The records the partitions have room for (what make_room() keeps within the budget).
  std::size_t records_room() const noexcept;
  /// Moves every partition's records to the temporary file; each keeps its share of room.
  void spill_all();

  std::size_t budget_;
  std::uint64_t added_ = 0;
  std::array<std::vector<run_usage>, partitions> memory_;
  std::array<std::vector<block>, partitions> blocks_;
  record_file<char> file_{"the temporary file of usage"};
  std::string packed_;  ///< a block being written
};

}  // namespace detail
}  // namespace v0
}  // namespace authmatch

#endif
