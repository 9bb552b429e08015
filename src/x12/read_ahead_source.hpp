#ifndef AUTHMATCH_SRC_X12_READ_AHEAD_SOURCE_HPP
#define AUTHMATCH_SRC_X12_READ_AHEAD_SOURCE_HPP

// A source read a few chunks ahead on a thread of its own, so that the thread reading claims
// spends no time in the system's read(): it only copies bytes already in memory.

#include "byte_source.hpp"
#include "engine/slot_ring.hpp"

#include <cstddef>
#include <exception>
#include <memory>
#include <thread>

namespace authmatch {
inline namespace v0 {
namespace x12 {
namespace detail {

class read_ahead_source final : public byte_source {
 public:
  /// Chunks held: the one being copied out and up to ring_chunks - 1 read ahead of it.
  static constexpr std::size_t ring_chunks = 4;

  /// Starts reading `from` in chunks of `chunk_bytes` (at least 1) on a thread of its own.
  /// `from` must outlive this source; it is read on that thread only. Throws std::system_error
  /// when the thread cannot start.
  read_ahead_source(byte_source& from, std::size_t chunk_bytes);
  /// Stops the reading thread once the chunk it is filling, if any, is filled, and joins it.
  ~read_ahead_source() override;
  read_ahead_source(const read_ahead_source&) = delete;
  read_ahead_source& operator=(const read_ahead_source&) = delete;

  /// The next bytes, in order, up to `size`; 0 at the end (and when asked for none). Waits for
  /// the chunk they are in.
  /// Throws what reading `from` threw, where it threw it: after the bytes read before.
  std::size_t read(char* into, std::size_t size) override;

 private:
  struct chunk {
    std::unique_ptr<char[]> bytes;
    /// Bytes read into it; fewer than a chunk's in the last one (the input ended, or reading
    /// it failed after them).
    std::size_t size = 0;
    std::exception_ptr failed;  ///< what reading (or making room for) the chunk threw
  };

  /// The reading thread: fills chunks until the input ends or reading it fails.
  void read_chunks();

  byte_source* from_;
  std::size_t chunk_bytes_;
  ::authmatch::detail::slot_ring<chunk> chunks_;
  std::size_t current_ = 0;  ///< the chunk being copied out
  std::size_t copied_ = 0;   ///< of it
  std::jthread reader_;      ///< last: started after the ring, joined before it goes
};

}  // namespace detail
}  // namespace x12
}  // namespace v0
}  // namespace authmatch

#endif
