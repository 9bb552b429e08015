#include "read_ahead_source.hpp"

#include <algorithm>
#include <cstring>

namespace authmatch {
inline namespace v0 {
namespace x12 {
namespace detail {

read_ahead_source::read_ahead_source(byte_source& from, std::size_t chunk_bytes)
    : from_(&from),
      chunk_bytes_(std::max<std::size_t>(chunk_bytes, 1)),
      chunks_(ring_chunks),
      reader_([this] { read_chunks(); }) {}

read_ahead_source::~read_ahead_source() { chunks_.stop(); }

void read_ahead_source::read_chunks() {
  while (const auto i = chunks_.next_to_fill()) {
    auto& c = chunks_[*i];
    c.size = 0;
    try {
      // Made here, where a failure reaches the reader in turn, as a failed read does.
      if (!c.bytes) c.bytes = std::make_unique_for_overwrite<char[]>(chunk_bytes_);
      // A whole chunk, unless the input ends first: a short read of a pipe is not its end.
      fill_from(*from_, c.bytes.get(), chunk_bytes_, c.size);
    } catch (...) {
      c.failed = std::current_exception();
    }
    const bool last = c.size < chunk_bytes_ || c.failed;  // read before the chunk is handed over
    chunks_.filled(*i);
    if (last) return;
  }
}

std::size_t read_ahead_source::read(char* into, std::size_t size) {
  if (size == 0) return 0;
  for (;;) {
    // Filled: only the destructor stops the ring, and the reading thread hands every chunk
    // over up to the last.
    chunk& c = *chunks_.wait_filled(current_);
    if (copied_ == c.size) {
      if (c.failed) std::rethrow_exception(c.failed);
      if (c.size < chunk_bytes_) return 0;  // the last chunk, used up: the end, every time
      chunks_.used(current_++);
      copied_ = 0;
      continue;
    }
    const std::size_t n = std::min(size, c.size - copied_);
    std::memcpy(into, c.bytes.get() + copied_, n);
    copied_ += n;
    return n;
  }
}

}  // namespace detail
}  // namespace x12
}  // namespace v0
}  // namespace authmatch
