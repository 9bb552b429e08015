#ifndef AUTHMATCH_SRC_FINDING_SPOOL_HPP
#define AUTHMATCH_SRC_FINDING_SPOOL_HPP

// Findings of a long run parked in an anonymous temporary file until the run hands them out, so
// that a run's memory does not grow with its findings.

#include <authmatch/finding.hpp>

#include "run/finding_delta.hpp"
#include "run/temporary_file.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace authmatch {
inline namespace v0 {
namespace detail {

/// Findings in the order they are written, each with the position it sorts at: written in one pass,
/// then read back in one pass. Records go to an unnamed temporary file in $TMPDIR (else /tmp) once
/// a megabyte of them is buffered, or at flush(); a spool never flushed is read back from memory.
/// When that file cannot be made or written (a full disk), the spool throws authmatch::error naming
/// the folder and the system's reason: a run never goes on with findings it could not keep.
class finding_spool {
 public:
  struct record {
    std::uint64_t sequence = 0;
    finding_kind kind = finding_kind::auth_missing;
    /// The encoded finding; valid until the next read. Of a finding put with write(), the
    /// bytes of what it changed from those before (finding_delta.hpp).
    std::string_view payload;
    /// Of a finding put with write(), the finding; valid until the next read, which writes
    /// every value of it again (so a reader may move from it).
    finding* written = nullptr;
  };

  finding_spool() = default;
  finding_spool(const finding_spool&) = delete;
  finding_spool& operator=(const finding_spool&) = delete;
  ~finding_spool() = default;

  /// A finding, kept as what it changed from those written with write() before it.
  void write(std::uint64_t sequence, const finding& found);
  /// A finding already encoded (byte_codec.hpp), read back by decoded().
  void write_encoded(std::uint64_t sequence, finding_kind kind, std::string_view encoded) {
    append(sequence, kind, encoded);
  }

  /// Writes out what is still buffered, so that a full disk is reported before anything is
  /// read back (and before a caller writes any output).
  void flush();

  /// How many records have been written and not yet read back.
  std::uint64_t size() const noexcept { return written_ - read_; }

  /// Reads the next record after the last one read (from the start after the last write):
  /// from memory when the spool was never flushed (a few records make no file). False when
  /// every written record has been read; the spool is then empty again.
  bool read(record& next);
  /// The finding of a record: the one read with it, else (a finding put encoded) decoded into
  /// `scratch`.
  static finding& decoded(const record& spooled, finding& scratch);

 private:
  static constexpr std::size_t buffer_size = 1 << 20;

  /// `delta`: the payload is what a finding changed from the one before (write()).
  void append(std::uint64_t sequence, finding_kind kind, std::string_view payload,
              bool delta = false);
  void start_over();
  /// The next `bytes` bytes of the file being read back, read into the buffer when they are
  /// not all there; valid until the next call.
  const char* buffered(std::size_t bytes);
  /// The record `whole` (sequence, kind, payload) into `next`, counted as read.
  void take(std::string_view whole, record& next);
  [[noreturn]] void fail(std::string_view what, int error) const { file_->fail(what, error); }

  std::optional<temporary_file> file_;  ///< made on the first flush, written through pending_
  std::uint64_t file_size_ = 0;         ///< bytes written to the file
  std::string pending_;                 ///< records not yet written to the file
  std::size_t pending_read_ = 0;        ///< of pending_, read back while there is no file
  bool reading_ = false;                ///< reading the file back
  std::string read_buffer_;             ///< the file's bytes being read back, a chunk at a time
  std::size_t read_at_ = 0;             ///< of read_buffer_, where the next record starts
  std::uint64_t file_read_ = 0;         ///< bytes of the file read into read_buffer_
  std::uint64_t written_ = 0, read_ = 0;
  std::string payload_;  ///< the finding being encoded
  finding_delta_writer delta_out_;
  finding_delta_reader delta_in_;
};

}  // namespace detail
}  // namespace v0
}  // namespace authmatch

#endif
