#ifndef AUTHMATCH_SRC_USAGE_STORE_HPP
#define AUTHMATCH_SRC_USAGE_STORE_HPP

// The usage a run's lines make of authorization rows, kept by partition until settlement, in
// memory up to a budget and in a temporary file past it.

#include "run/record_file.hpp"
#include "run/run_usage.hpp"
#include "run/usage_codec.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace authmatch {
inline namespace v0 {
namespace detail {

/// Usage records by partition: every row of one authorization number falls in one partition
/// (partition_of its number), so settlement settles each partition alone, on its own thread,
/// holding only that partition's records unpacked. Records are held packed (usage_codec.hpp:
/// about 32 bytes each, where a run_usage takes 88), a partition's in chunks of up to 32 KiB
/// taken from slabs of 2 MiB (a huge page each, where the system gives them), each chunk a block
/// of records packed from its start, so that adding a record never copies the ones before and
/// memory freed by a spill is reused rather than mapped again. With a budget (bytes; 0: none),
/// the chunks of all partitions stay within it: when a partition needs a chunk and none is left,
/// every partition writes its chunks, as they are, to an unnamed temporary file and gives them
/// back. The records are read back a partition at a time: this is the external sort of a run's
/// usage, by partition first, then in memory within one. A budget smaller than a chunk gets one
/// chunk that holds max_packed_usage_bytes. Each chunk written costs a block entry of 24 bytes
/// beside the budget, so a budget below a few hundred kilobytes (chunks of a few records) mostly
/// trades records for block entries.
class usage_store {
 public:
  static constexpr unsigned partitions = 64;

  explicit usage_store(std::size_t budget = 0) noexcept;
  ~usage_store();
  usage_store(const usage_store&) = delete;
  usage_store& operator=(const usage_store&) = delete;

  /// The partition of an authorization number (its id in the index's strings).
  static unsigned partition_of(std::uint32_t number) noexcept {
    return static_cast<unsigned>((number * 0x9E3779B97F4A7C15ULL) >> 58);  // the top 6 bits
  }

  /// Adds a record of a row of authorization number `number` (its id in the index's strings),
  /// made by `fill(run_usage&)` (which must not throw) in a default record, then given its
  /// partition and the next ordinal, and packed.
  template <typename Fill>
  void emplace(std::uint32_t number, Fill&& fill) {
    check_room();
    const auto partition = static_cast<std::uint8_t>(partition_of(number));
    auto& held = memory_[partition];
    run_usage use;
    fill(use);
    use.partition = partition;
    use.ordinal = static_cast<std::uint32_t>(added_);
    if (static_cast<std::size_t>(held.end - held.next) >= max_packed_usage_bytes) {
      held.next = pack_usage(use, held.before, held.next);
    } else {
      pack_at_chunk_end(held, use);
    }
    held.before = use;
    ++held.last_count;
    ++added_;  // once the record has its room
  }
  /// Adds a copy of `use` (as emplace() does).
  void add(const run_usage& use, std::uint32_t number) {
    emplace(number, [&use](run_usage& added) { added = use; });
  }

  /// Records added.
  std::uint64_t size() const noexcept { return added_; }
  /// Bytes of room for packed records in memory: within the budget when there is one (one
  /// chunk at least).
  std::size_t room() const noexcept { return std::size_t{chunks_made_} * chunk_bytes_; }
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
  /// Packed records: in the file, or in a chunk of memory.
  struct block {
    std::uint64_t first = 0;  ///< its first byte's place in the file, or the chunk's number
    std::uint64_t bytes = 0;
    std::uint32_t count = 0;  ///< of records
  };
  /// A partition's records in memory: its full chunks, and the last one, filled up to `next`
  /// with `last_count` records packed from `last`, the last of them `before`.
  struct held_records {
    std::vector<block> full;
    std::uint32_t last = 0;
    char* first = nullptr;  ///< chunk `last`'s bytes; null before the first chunk
    char* next = nullptr;
    char* end = nullptr;
    std::uint32_t last_count = 0;
    run_usage before;
  };

  /// Throws when the run holds as many records as ordinals can number.
  void check_room() const;
  /// Gives `held` a new last chunk: a free one, a new one within the budget, else one freed by
  /// spilling every partition.
  void next_chunk(held_records& held);
  /// Packs `use` in the room left in `held`'s last chunk when it fits, else in a new chunk.
  void pack_at_chunk_end(held_records& held, const run_usage& use);
  /// Chunk `which`'s first byte.
  char* chunk_bytes(std::uint32_t which) const noexcept;
  /// Calls `fn(bytes, count)` with the packed records of each of `held`'s chunks, in order.
  template <typename Fn>
  void for_each_chunk(const held_records& held, Fn&& fn) const {
    for (const auto& b : held.full) {
      fn(std::string_view(chunk_bytes(static_cast<std::uint32_t>(b.first)), b.bytes), b.count);
    }
    if (held.first != nullptr && held.last_count > 0) {
      fn(std::string_view(held.first, static_cast<std::size_t>(held.next - held.first)),
         held.last_count);
    }
  }
  /// Moves every partition's records to the temporary file and frees their chunks.
  void spill_all();
  void free_slabs() noexcept;

  std::size_t chunk_bytes_;  ///< smaller with a budget too small for many chunks a partition
  std::size_t chunks_a_slab_;
  std::size_t most_chunks_;  ///< within the budget
  std::uint64_t added_ = 0;
  std::array<held_records, partitions> memory_;
  /// Memory for chunks: a huge page each, but the last one when the budget leaves less.
  struct slab {
    char* bytes;
    std::size_t size;
  };
  std::vector<slab> slabs_;
  std::uint32_t chunks_made_ = 0;
  std::vector<std::uint32_t> free_chunks_;
  std::array<std::vector<block>, partitions> blocks_;  ///< in the file
  record_file<char> file_{"the temporary file of usage"};
};

}  // namespace detail
}  // namespace v0
}  // namespace authmatch

#endif
