#include "run/usage_store.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>

namespace authmatch {
inline namespace v0 {
namespace detail {

void usage_store::add(run_usage use, std::uint32_t number) {
  if (added_ > std::numeric_limits<std::uint32_t>::max()) {
    throw std::length_error("a run holds more than 4,294,967,296 usages of authorizations");
  }
  use.partition = static_cast<std::uint8_t>(partition_of(number));
  use.ordinal = static_cast<std::uint32_t>(added_++);
  memory_[use.partition].push_back(use);
  if (budget_ != 0 && ++held_ * sizeof(run_usage) > budget_) spill();
}

void usage_store::spill() {
  if (!file_) file_.emplace("the temporary file of usage");
  for (unsigned p = 0; p < partitions; ++p) {
    auto& records = memory_[p];
    if (records.empty()) continue;
    // One write a partition: the records as they lie in memory, read back only by this run. At
    // the end of what is written so far, so that a write that fails leaves the store as it was
    // before it (the records still held).
    const std::size_t bytes = records.size() * sizeof(run_usage);
    file_->write_at({reinterpret_cast<const char*>(records.data()), bytes}, file_size_);
    blocks_[p].push_back({file_size_, static_cast<std::uint32_t>(records.size())});
    file_size_ += bytes;
    held_ -= records.size();
    records.clear();  // its room is reused: what is held stays within the budget
  }
}

void usage_store::read(unsigned which, std::vector<run_usage>& out) const {
  const auto& records = memory_[which];
  std::size_t total = records.size();
  for (const auto& b : blocks_[which]) total += b.count;
  out.reserve(out.size() + total);
  for (const auto& b : blocks_[which]) {
    const auto at = out.size();
    out.resize(at + b.count);
    file_->read_exactly(reinterpret_cast<char*>(out.data() + at), b.count * sizeof(run_usage),
                        b.offset);
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
  file_.reset();
  file_size_ = 0;
  added_ = 0;
  held_ = 0;
}

}  // namespace detail
}  // namespace v0
}  // namespace authmatch
