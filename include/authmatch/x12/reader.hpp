#ifndef AUTHMATCH_X12_READER_HPP
#define AUTHMATCH_X12_READER_HPP

#include <authmatch/claim_sink.hpp>
#include <authmatch/x12/diagnostic.hpp>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <iosfwd>
#include <string_view>

namespace authmatch {
inline namespace v0 {
namespace x12 {

/// True when `head` (the first bytes of an input; 4 are enough) starts like an X12 interchange:
/// "ISA" followed by a non-alphanumeric element separator, after an optional UTF-8 byte order
/// mark and blanks.
bool looks_like_x12(std::string_view head) noexcept;

/// How the reader works through an input. The defaults suit any file size: memory stays near
/// 2 × chunk_size plus the largest claim (6 × chunk_size with read_ahead), whatever the input's
/// size.
struct read_options {
  /// Bytes read per read() call from a file or stream (ignored by read_837_buffer). Any value
  /// of at least 1 works; tiny values exist for tests.
  std::size_t chunk_size = std::size_t{1} << 20;
  /// A segment longer than this is reported and skipped to its terminator; a claim it belongs
  /// to is rejected.
  std::size_t max_segment_bytes = std::size_t{1} << 20;
  /// A claim longer than this (CLM to its end) is rejected instead of being held in memory.
  std::size_t max_claim_bytes = std::size_t{16} << 20;
  /// Called after every chunk with the number of bytes read so far (not called by
  /// read_837_buffer).
  std::function<void(std::uint64_t bytes_read)> progress;
  /// Threads that read a regular file (read_837_file, read_837_fd). With 2 or more, an input of
  /// one interchange holding one functional group is cut into fragments at ST segments, which
  /// are read in parallel; the sink still gets every call in input order, on the calling
  /// thread, exactly as one thread gives them. Other inputs are read by one thread.
  unsigned threads = 1;
  /// Whether a regular file read by one thread (threads 1, or an input that does not cut into
  /// fragments) is read a few chunks ahead on a thread of its own: the thread reading claims
  /// then only copies bytes already in memory, and the time the system takes to read them is
  /// spent on the other thread, which holds up to four chunks. For a caller whose other threads
  /// have time to spare, as a validation_run judging on two does while one thread reads its
  /// claims.
  bool read_ahead = false;
  /// About how many bytes each fragment holds when reading in parallel (at least two
  /// fragments' worth is read in parallel). Any value of at least 1 works; tiny values exist
  /// for tests.
  std::size_t fragment_bytes = std::size_t{1} << 20;
};

/// The `read_options::threads` that suit a validation_run judging on `run_threads` threads while
/// one file is read: from 3 on, as many; with 2, reading in fragments costs more CPU than the
/// second core gives back while it also judges, so the file is read by one thread.
constexpr unsigned reading_threads_for(unsigned run_threads) noexcept {
  return run_threads >= 3 ? run_threads : 1;
}

/// The `read_options::read_ahead` that suits a validation_run judging on `run_threads` threads
/// while one file is read: from 2 on, the file is read ahead.
constexpr bool read_ahead_for(unsigned run_threads) noexcept { return run_threads >= 2; }

/// Counts of one input. Invariant: claims_read == number of CLM segments in the input ==
/// claims_validated() + claims_rejected.
struct read_stats {
  std::uint64_t bytes = 0;            ///< input size
  std::uint64_t segments = 0;         ///< segments seen, ISA..IEA included
  std::uint64_t interchanges = 0;     ///< ISA segments
  std::uint64_t groups = 0;           ///< GS segments
  std::uint64_t transactions = 0;     ///< ST segments
  std::uint64_t claims_read = 0;      ///< CLM segments; each ends in on_claim or on_rejected
  std::uint64_t claims_rejected = 0;  ///< on_rejected calls
  std::uint64_t lines_read = 0;       ///< lines passed to on_claim
  std::uint64_t diagnostics = 0;      ///< on_diagnostic calls

  std::uint64_t claims_validated() const noexcept { return claims_read - claims_rejected; }
};

/// Reads every 837P (005010X222A1, also X222A2) and 837I (005010X223A2, also X223A3) claim of
/// an input, streaming: bytes are read in chunks, segments are views into the chunk buffer, and
/// claims are passed to `sink` as they end.
///
/// Delimiters come from each ISA (several interchanges with different delimiters may follow one
/// another); CR/LF after terminators is ignored. Claims of other versions (4010) or transaction
/// sets are rejected as `claim_unreadable`, saying why.
///
/// Throws input_error when the input is not X12 at all (it does not start with an ISA whose
/// delimiters can be read) or cannot be read (I/O error). Everything else is reported through
/// the sink and reading goes on.
read_stats read_837_file(const std::filesystem::path& path, claim_sink& sink,
                         const read_options& options = {});

/// Reads from a stream (e.g. std::cin for "-"); `name` is used in positions and messages.
read_stats read_837(std::istream& in, std::string_view name, claim_sink& sink,
                    const read_options& options = {});

/// Reads from an open POSIX file descriptor, which is not closed. `already_read` holds bytes
/// the caller has already taken from it (to detect the format, say): they are read first.
read_stats read_837_fd(int fd, std::string_view name, claim_sink& sink,
                       const read_options& options = {}, std::string_view already_read = {});

/// Reads bytes already in memory, without copying them.
read_stats read_837_buffer(std::string_view bytes, std::string_view name, claim_sink& sink,
                           const read_options& options = {});

}  // namespace x12
}  // namespace v0
}  // namespace authmatch

#endif
