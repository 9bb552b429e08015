#ifndef AUTHMATCH_SRC_USAGE_STORE_HPP
#define AUTHMATCH_SRC_USAGE_STORE_HPP

// The usage a run's lines make of authorization rows, kept by partition until settlement, in
// memory up to a budget and in a temporary file past it.

#include "run/record_file.hpp"
#include "run/run_usage.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <new>
#include <string>
#include <vector>

namespace authmatch {
inline namespace v0 {
namespace detail {

/// Usage records by partition: every row of one authorization number falls in one partition
/// (partition_of its number), so settlement settles each partition alone, on its own thread,
/// holding only that partition in memory. In memory, a partition's records sit in chunks of up
/// to 512 taken from slabs of 2 MiB (a huge page each, where the system gives them), so that
/// adding a record never copies the ones before and memory freed by a spill is reused rather than
/// mapped again. With a budget (bytes; 0: none), the chunks of all partitions stay within it: when
/// a partition needs a chunk and none is left, every partition moves its records to an unnamed
/// temporary file, in blocks, and gives its chunks back. The records are read back a partition
/// at a time: this is the external sort of a run's usage, by partition first, then in memory
/// within one. The file holds them packed (pack_usage: about 32 of their 88 bytes in memory),
/// in blocks of at most records_a_block records. The budget counts the room for records (88
/// bytes each; at least one); each block written costs 24 bytes more, at least one a partition
/// each spill, so a budget below a few hundred kilobytes mostly trades records for block
/// entries.
class usage_store {
 public:
  static constexpr unsigned partitions = 64;
  /// The most records a block of the file holds: what packing one, or reading one back, holds
  /// beside the budget stays small.
  static constexpr std::size_t records_a_block = 8192;

  explicit usage_store(std::size_t budget = 0) noexcept;
  ~usage_store();
  usage_store(const usage_store&) = delete;
  usage_store& operator=(const usage_store&) = delete;

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
    auto& held = memory_[partition];
    if (held.next == held.end) next_chunk(held);
    auto& use = *::new (held.next++) run_usage;  // its members' initializers, not a memset
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
  /// Bytes of room for records in memory: within the budget when there is one (one record at
  /// least).
  std::size_t room() const noexcept { return chunk_records_room() * sizeof(run_usage); }
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
  /// A partition's records in memory: its chunks in order, the last one filled up to `next`.
  struct held_records {
    std::vector<std::uint32_t> chunks;
    run_usage* next = nullptr;
    run_usage* end = nullptr;
  };
  /// Memory for records, not yet made into records.
  struct slab {
    run_usage* records;
    std::size_t bytes;  ///< mapped, the records' and what is left past them
  };

  /// Throws when the run holds as many records as ordinals can number.
  void check_room() const;
  /// Gives `held` a new last chunk: a free one, a new one within the budget, else one freed by
  /// spilling every partition.
  void next_chunk(held_records& held);
  /// Chunk `which`'s first record, and how many it holds.
  run_usage* chunk_records(std::uint32_t which) const noexcept;
  std::size_t chunk_capacity(std::uint32_t which) const noexcept;
  /// The records the chunks made so far have room for.
  std::size_t chunk_records_room() const noexcept;
  /// Calls `fn(first, last)` with the records of each of `held`'s chunks, in order.
  template <typename Fn>
  void for_each_chunk(const held_records& held, Fn&& fn) const {
    for (std::size_t i = 0; i < held.chunks.size(); ++i) {
      const run_usage* first = chunk_records(held.chunks[i]);
      fn(first, i + 1 < held.chunks.size() ? first + chunk_capacity(held.chunks[i]) : held.next);
    }
  }
  /// Appends the records `held` in memory to `out`.
  void append_held(const held_records& held, std::vector<run_usage>& out) const;
  std::size_t held_count(const held_records& held) const noexcept;
  /// Moves every partition's records to the temporary file and frees their chunks.
  void spill_all();
  void free_slabs() noexcept;

  std::size_t budget_records_;   ///< 0: no budget
  std::size_t records_a_chunk_;  ///< fewer with a budget too small for many chunks a partition
  std::size_t chunks_a_slab_;
  std::size_t most_chunks_;  ///< within the budget; the last may hold fewer records
  std::uint64_t added_ = 0;
  std::array<held_records, partitions> memory_;
  std::vector<slab> slabs_;
  std::uint32_t chunks_made_ = 0;
  std::vector<std::uint32_t> free_chunks_;
  std::array<std::vector<block>, partitions> blocks_;
  record_file<char> file_{"the temporary file of usage"};
  std::vector<run_usage> gathered_;  ///< a block's records being written
  std::string packed_;               ///< a block being written
};

}  // namespace detail
}  // namespace v0
}  // namespace authmatch

#endif
