#include "run/usage_store.hpp"
#include "index/huge_page_allocator.hpp"

#include <algorithm>
#include <cassert>
#include <limits>
#include <stdexcept>
#include <string>

namespace authmatch {
inline namespace v0 {
namespace detail {

void usage_store::check_room() const {
  if (added_ > std::numeric_limits<std::uint32_t>::max()) {
    throw std::length_error("a run holds more than 4,294,967,296 usages of authorizations");
  }
}

namespace {

/// The bytes a chunk holds at most: about a thousand records.
constexpr std::size_t most_chunk_bytes = std::size_t{32} * 1024;

/// A slab is one huge page: the chunks that fit it.
constexpr std::size_t slab_bytes = huge_page_size;
static_assert(slab_bytes % most_chunk_bytes == 0);

/// Bytes a chunk holds: the most, fewer when the budget would leave a partition less than four
/// chunks; room for one record at least.
std::size_t chunk_bytes_within(std::size_t budget) noexcept {
  if (budget == 0) return most_chunk_bytes;
  return std::clamp<std::size_t>(budget / (std::size_t{4} * usage_store::partitions),
                                 max_packed_usage_bytes, most_chunk_bytes);
}

}  // namespace

usage_store::usage_store(std::size_t budget) noexcept
    : chunk_bytes_(chunk_bytes_within(budget)),
      chunks_a_slab_(slab_bytes / chunk_bytes_),
      most_chunks_(budget == 0 ? std::numeric_limits<std::uint32_t>::max()
                               : std::max<std::size_t>(budget / chunk_bytes_, 1)) {}

usage_store::~usage_store() { free_slabs(); }

void usage_store::free_slabs() noexcept {
  huge_page_allocator<char> allocator;
  for (const auto& s : slabs_) allocator.deallocate(s.bytes, s.size);
  slabs_.clear();
}

char* usage_store::chunk_bytes(std::uint32_t which) const noexcept {
  return slabs_[which / chunks_a_slab_].bytes + (which % chunks_a_slab_) * chunk_bytes_;
}

void usage_store::next_chunk(held_records& held) {
  // Whatever can throw comes before a chunk is taken: a chunk is always held or free, and the
  // free list has room for every chunk made, so that a spill never allocates to give them back.
  held.full.reserve(held.full.size() + 1);
  std::uint32_t chunk = 0;
  if (!free_chunks_.empty()) {
    chunk = free_chunks_.back();
    free_chunks_.pop_back();
  } else if (chunks_made_ < most_chunks_) {
    chunk = chunks_made_;
    free_chunks_.reserve(std::size_t{chunks_made_} + 1);
    if (chunk / chunks_a_slab_ == slabs_.size()) {
      // A new slab: as many chunks as fit, or as the budget has left.
      const std::size_t chunks = std::min<std::size_t>(chunks_a_slab_, most_chunks_ - chunk);
      const std::size_t bytes = chunks * chunk_bytes_;
      slabs_.reserve(slabs_.size() + 1);
      slabs_.push_back({huge_page_allocator<char>().allocate(bytes), bytes});
    }
    ++chunks_made_;
  } else {
    spill_all();  // frees every chunk: the budget's are all made, and all held
    assert(!free_chunks_.empty());
    chunk = free_chunks_.back();
    free_chunks_.pop_back();
  }
  if (held.first != nullptr) {    // unless a spill took it: the last chunk is full
    assert(held.last_count > 0);  // a chunk has room for one record at least
    held.full.push_back(
        {held.last, static_cast<std::uint64_t>(held.next - held.first), held.last_count});
  }
  held.last = chunk;
  held.first = held.next = chunk_bytes(chunk);
  held.end = held.first + chunk_bytes_;
  held.last_count = 0;
  held.before = run_usage();  // a chunk is a block packed from its start
}

void usage_store::pack_at_chunk_end(held_records& held, const run_usage& use) {
  char packed[max_packed_usage_bytes];
  const auto bytes = static_cast<std::size_t>(pack_usage(use, held.before, packed) - packed);
  if (bytes <= static_cast<std::size_t>(held.end - held.next)) {
    held.next = std::copy_n(packed, bytes, held.next);
    return;
  }
  next_chunk(held);  // which packs from its start, against a default record
  held.next = pack_usage(use, held.before, held.next);
}

void usage_store::spill_all() {
  for (unsigned p = 0; p < partitions; ++p) {
    auto& held = memory_[p];
    if (held.first == nullptr) continue;
    // A write that fails leaves the partition as it was before it (its records still held;
    // the blocks already written are forgotten with it).
    const auto blocks_before = blocks_[p].size();
    try {
      for_each_chunk(held, [&](std::string_view bytes, std::uint32_t count) {
        blocks_[p].push_back({file_.append(bytes), bytes.size(), count});
      });
    } catch (...) {
      blocks_[p].resize(blocks_before);
      throw;
    }
    for (const auto& b : held.full) free_chunks_.push_back(static_cast<std::uint32_t>(b.first));
    free_chunks_.push_back(held.last);
    held = {};
  }
}

void usage_store::read(unsigned which, std::vector<run_usage>& out) const {
  const auto& held = memory_[which];
  std::size_t total = 0;
  for (const auto& b : blocks_[which]) total += b.count;
  for_each_chunk(held, [&total](std::string_view, std::uint32_t count) { total += count; });
  out.reserve(out.size() + total);
  std::string packed;
  for (const auto& b : blocks_[which]) {
    packed.resize(b.bytes);
    file_.read(b.first, packed);
    unpack_usage(packed, b.count, out, "the temporary file of usage");
  }
  for_each_chunk(held, [&out](std::string_view bytes, std::uint32_t count) {
    unpack_usage(bytes, count, out, "the usage held in memory");
  });
}

std::vector<run_usage> usage_store::all() const {
  std::vector<run_usage> every;
  every.reserve(added_);
  for (unsigned p = 0; p < partitions; ++p) read(p, every);
  std::sort(every.begin(), every.end(),
            [](const run_usage& a, const run_usage& b) { return a.ordinal < b.ordinal; });
  return every;
}

void usage_store::clear() {
  for (auto& held : memory_) held = {};
  free_slabs();
  chunks_made_ = 0;
  free_chunks_ = {};
  for (auto& b : blocks_) b = {};
  file_.clear();
  added_ = 0;
}

}  // namespace detail
}  // namespace v0
}  // namespace authmatch
