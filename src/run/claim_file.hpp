#ifndef AUTHMATCH_SRC_RUN_CLAIM_FILE_HPP
#define AUTHMATCH_SRC_RUN_CLAIM_FILE_HPP

// The claims of a run, one after another in an unnamed temporary file, so that what a run holds
// in memory does not grow with its claims.

#include "run/temporary_file.hpp"

#include <authmatch/claim_line.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace authmatch {
inline namespace v0 {
namespace detail {

/// A claim as a run keeps it. The payer and the input are ids of texts the run keeps in memory
/// (run_claims::party): a batch has a few of each.
struct stored_claim {
  std::string_view claim_id, original_id, member_id;  ///< original: empty when absent
  std::uint32_t payer = 0, source_input = 0;
  claim_frequency frequency = claim_frequency::original;
  std::uint64_t sequence = 0;         ///< the position of the claim itself; its lines follow
  std::uint64_t source_position = 0;  ///< of its first line (claim_line::source_position)
};

/// Claims appended in the order they come, each read back by its place (the bytes before it) or
/// all in order with a claim_reader. Up to a megabyte of them waits in memory; past it they go to
/// an unnamed temporary file in $TMPDIR (else /tmp), which only the run that wrote it reads.
/// Once appending is over, several claim_readers may read at once.
class claim_file {
 public:
  using place = std::uint64_t;

  claim_file() = default;
  claim_file(const claim_file&) = delete;
  claim_file& operator=(const claim_file&) = delete;

  /// Appends a claim and gives its place.
  place append(const stored_claim& claim);

  /// Every this many claims, the place of one is kept (marks()).
  static constexpr std::uint64_t mark_every = 4096;

  /// Claims appended.
  std::uint64_t size() const noexcept { return count_; }
  /// The places of claims 0, mark_every, 2 * mark_every, ...: where readers of shares of the
  /// claims start.
  const std::vector<place>& marks() const noexcept { return marks_; }
  /// The place the next claim appended gets: every claim's place is below it.
  place end() const noexcept { return file_size_ + pending_.size(); }

  /// Forgets every claim and the file (readers of it must not be used after).
  void clear();

 private:
  friend class claim_reader;
  static constexpr std::size_t buffer_size = 1 << 20;

  std::optional<temporary_file> file_;  ///< made on the first megabyte
  std::uint64_t file_size_ = 0;
  std::string pending_;  ///< claims not yet written to the file
  std::uint64_t count_ = 0;
  std::vector<place> marks_;
};

/// Reads a claim_file's claims: in order, or by place, forward or anywhere. Reads from the file
/// go through a window of the file read at once, so that claims read in order cost a read a
/// megabyte. The file must not change while it reads.
class claim_reader {
 public:
  /// Reads from the file `window` bytes at a time (at least a claim): a megabyte for claims read
  /// in order, a few kilobytes for claims read here and there.
  explicit claim_reader(const claim_file& file, std::size_t window = std::size_t{1} << 20) noexcept
      : file_(&file), window_size_(window) {}

  /// The claim at place `at`; its texts are valid until the next read.
  const stored_claim& at(claim_file::place at);
  /// The place of the claim after the one read last (the first claim's before any is read).
  claim_file::place next() const noexcept { return next_; }

 private:
  /// `bytes` bytes at place `at`, valid until the next call.
  std::string_view bytes_at(claim_file::place at, std::size_t bytes);

  const claim_file* file_;
  stored_claim claim_;
  claim_file::place next_ = 0;
  std::size_t window_size_;
  std::string window_;
  claim_file::place window_at_ = 0;  ///< the place of window_'s first byte
};

/// Calls `fn(place, claim)` with every claim of `file` from place `from` (a claim's) to place
/// `to`, in order.
template <typename Fn>
void for_each_claim(const claim_file& file, claim_file::place from, claim_file::place to, Fn&& fn) {
  claim_reader reader(file);
  for (claim_file::place at = from; at < to; at = reader.next()) fn(at, reader.at(at));
}

/// Calls `fn(place, claim)` with every claim of `file`, in order.
template <typename Fn>
void for_each_claim(const claim_file& file, Fn&& fn) {
  for_each_claim(file, 0, file.end(), fn);
}

}  // namespace detail
}  // namespace v0
}  // namespace authmatch

#endif
