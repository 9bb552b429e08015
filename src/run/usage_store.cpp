#include "run/usage_store.hpp"
#include "run/usage_codec.hpp"

#include <algorithm>
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

void usage_store::make_room(unsigned which) {
  // Left to themselves, the vectors would double past the budget, and keep that room after a
  // spill. Here a partition grows while the room of all stays within the budget, by doubling
  // (at least 16 records) or by what is left of it.
  const std::size_t most = std::max<std::size_t>(budget_ / sizeof(run_usage), partitions);
  std::size_t room = records_room();
  if (room >= most) {
    spill_all();
    room = records_room();
  }
  auto& records = memory_[which];
  if (records.size() < records.capacity()) return;  // its room, kept by the spill
  const std::size_t growth =
      std::min(std::max<std::size_t>(records.capacity(), 16), most - std::min(room, most));
  records.reserve(records.capacity() + std::max<std::size_t>(growth, 1));
}

void usage_store::spill_all() {
  const std::size_t share = std::max<std::size_t>(budget_ / sizeof(run_usage) / partitions, 1);
  for (unsigned p = 0; p < partitions; ++p) {
    auto& records = memory_[p];
    if (!records.empty()) {
      // A write that fails leaves the partition as it was before it (its records still held;
      // the blocks already written are forgotten with it).
      const auto blocks_before = blocks_[p].size();
      try {
        for (std::size_t at = 0; at < records.size(); at += records_a_block) {
          const auto some =
              std::span(records).subspan(at, std::min(records_a_block, records.size() - at));
          packed_.clear();
          pack_usage(some, packed_);
          blocks_[p].push_back(
              {file_.append(packed_), packed_.size(), static_cast<std::uint32_t>(some.size())});
        }
      } catch (...) {
        blocks_[p].resize(blocks_before);
        throw;
      }
      records.clear();
    }
    // Its room is kept for the records to come, up to its share: a partition that took the
    // room of others gives it back (nothing to copy: it is empty).
    if (records.capacity() > share) {
      std::vector<run_usage>().swap(records);
      records.reserve(share);
    }
  }
}

std::size_t usage_store::records_room() const noexcept {
  std::size_t records = 0;
  for (const auto& held : memory_) records += held.capacity();
  return records;
}

void usage_store::read(unsigned which, std::vector<run_usage>& out) const {
  const auto& records = memory_[which];
  std::size_t total = records.size();
  for (const auto& b : blocks_[which]) total += b.count;
  out.reserve(out.size() + total);
  std::string packed;
  for (const auto& b : blocks_[which]) {
    packed.resize(b.bytes);
    file_.read(b.first, packed);
    unpack_usage(packed, b.count, out, "the temporary file of usage");
  }
  out.insert(out.end(), records.begin(), records.end());
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
  for (auto& records : memory_) records = {};
  for (auto& b : blocks_) b = {};
  file_.clear();
  packed_ = {};
  added_ = 0;
}

}  // namespace detail
}  // namespace v0
}  // namespace authmatch
