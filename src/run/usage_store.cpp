#include "run/usage_store.hpp"
#include "index/huge_page_allocator.hpp"
#include "run/usage_codec.hpp"

#include <algorithm>
#include <cassert>
#include <limits>
#include <span>
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

/// The records a budget has room for (at least one).
std::size_t records_within(std::size_t budget) noexcept {
  return budget == 0 ? 0 : std::max<std::size_t>(budget / sizeof(run_usage), 1);
}

/// The records a chunk holds at most (44 KiB).
constexpr std::size_t most_records_a_chunk = 512;

/// A slab is one huge page: the chunks that fit it, each as large as the budget lets it be.
constexpr std::size_t slab_bytes = huge_page_size;
static_assert(most_records_a_chunk * sizeof(run_usage) <= slab_bytes);

/// Records a chunk holds: the most, fewer when the budget would leave a partition less than four
/// chunks.
std::size_t records_a_chunk_within(std::size_t records) noexcept {
  if (records == 0) return most_records_a_chunk;
  return std::clamp<std::size_t>(records / (std::size_t{4} * usage_store::partitions), 1,
                                 most_records_a_chunk);
}

}  // namespace

usage_store::usage_store(std::size_t budget) noexcept
    : budget_records_(records_within(budget)),
      records_a_chunk_(records_a_chunk_within(budget_records_)),
      chunks_a_slab_(std::max<std::size_t>(slab_bytes / sizeof(run_usage) / records_a_chunk_, 1)),
      most_chunks_(budget_records_ == 0
                       ? std::numeric_limits<std::uint32_t>::max()
                       : (budget_records_ + records_a_chunk_ - 1) / records_a_chunk_) {}

usage_store::~usage_store() { free_slabs(); }

void usage_store::free_slabs() noexcept {
  huge_page_allocator<std::byte> allocator;
  for (const auto& s : slabs_)
    allocator.deallocate(reinterpret_cast<std::byte*>(s.records), s.bytes);
  slabs_.clear();
}

std::size_t usage_store::chunk_capacity(std::uint32_t which) const noexcept {
  if (budget_records_ == 0 || which + 1 < most_chunks_) return records_a_chunk_;
  // The last chunk the budget allows holds what is left of it (at least one record).
  return budget_records_ - (most_chunks_ - 1) * records_a_chunk_;
}

run_usage* usage_store::chunk_records(std::uint32_t which) const noexcept {
  return slabs_[which / chunks_a_slab_].records + (which % chunks_a_slab_) * records_a_chunk_;
}

std::size_t usage_store::chunk_records_room() const noexcept {
  std::size_t records = 0;
  for (std::uint32_t c = 0; c < chunks_made_; ++c) records += chunk_capacity(c);
  return records;
}

void usage_store::next_chunk(held_records& held) {
  // Whatever can throw comes before a chunk is taken: a chunk is always held or free, and the
  // free list has room for every chunk made, so that a spill never allocates to give them back.
  held.chunks.reserve(held.chunks.size() + 1);
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
      std::size_t count = 0;
      for (std::size_t c = 0; c < chunks; ++c) {
        count += chunk_capacity(static_cast<std::uint32_t>(chunk + c));
      }
      // A whole slab is a huge page, its records a little less.
      const std::size_t bytes = chunks == chunks_a_slab_ ? slab_bytes : count * sizeof(run_usage);
      slabs_.reserve(slabs_.size() + 1);
      slabs_.push_back(
          {reinterpret_cast<run_usage*>(huge_page_allocator<std::byte>().allocate(bytes)), bytes});
    }
    ++chunks_made_;
  } else {
    spill_all();  // frees every chunk: the budget's are all made, and all held
    assert(!free_chunks_.empty());
    chunk = free_chunks_.back();
    free_chunks_.pop_back();
  }
  held.chunks.push_back(chunk);
  held.next = chunk_records(chunk);
  held.end = held.next + chunk_capacity(chunk);
}

void usage_store::spill_all() {
  auto& some = gathered_;  // a block's records, gathered from the chunks
  some.clear();
  for (unsigned p = 0; p < partitions; ++p) {
    auto& held = memory_[p];
    if (held.chunks.empty()) continue;
    // A write that fails leaves the partition as it was before it (its records still held;
    // the blocks already written are forgotten with it).
    const auto blocks_before = blocks_[p].size();
    const auto write_block = [&] {
      packed_.clear();
      pack_usage(some, packed_);
      blocks_[p].push_back(
          {file_.append(packed_), packed_.size(), static_cast<std::uint32_t>(some.size())});
      some.clear();
    };
    try {
      for_each_chunk(held, [&](const run_usage* first, const run_usage* last) {
        while (first != last) {
          const auto take = std::min<std::size_t>(static_cast<std::size_t>(last - first),
                                                  records_a_block - some.size());
          some.insert(some.end(), first, first + take);
          first += take;
          if (some.size() == records_a_block) write_block();
        }
      });
      if (!some.empty()) write_block();
    } catch (...) {
      blocks_[p].resize(blocks_before);
      throw;
    }
    free_chunks_.insert(free_chunks_.end(), held.chunks.begin(), held.chunks.end());
    held = {};
  }
}

std::size_t usage_store::held_count(const held_records& held) const noexcept {
  std::size_t count = 0;
  for_each_chunk(held, [&count](const run_usage* first, const run_usage* last) {
    count += static_cast<std::size_t>(last - first);
  });
  return count;
}

void usage_store::append_held(const held_records& held, std::vector<run_usage>& out) const {
  for_each_chunk(held, [&out](const run_usage* first, const run_usage* last) {
    out.insert(out.end(), first, last);
  });
}

void usage_store::read(unsigned which, std::vector<run_usage>& out) const {
  const auto& held = memory_[which];
  std::size_t total = held_count(held);
  for (const auto& b : blocks_[which]) total += b.count;
  out.reserve(out.size() + total);
  std::string packed;
  for (const auto& b : blocks_[which]) {
    packed.resize(b.bytes);
    file_.read(b.first, packed);
    unpack_usage(packed, b.count, out, "the temporary file of usage");
  }
  append_held(held, out);
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
  packed_ = {};
  added_ = 0;
}

}  // namespace detail
}  // namespace v0
}  // namespace authmatch
