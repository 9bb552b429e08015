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
/// then read back in one pass, or by several cursors at once. Records go to an unnamed temporary
/// file in $TMPDIR (else /tmp) once a megabyte of them is buffered, or at flush(); a spool never
/// flushed is read back from memory. When that file cannot be made or written (a full disk), the
/// spool throws authmatch::error naming the folder and the system's reason: a run never goes on
/// with findings it could not keep.
class finding_spool {
 public:
  /// Findings may be kept a stretch of this many at a time (cut_in_stretches): the first put with
  /// write() in a stretch is written against no finding before it, so that a reader may skip
  /// whole stretches.
  static constexpr std::uint64_t stretch_size = 256;

  struct record {
    std::uint64_t sequence = 0;
    finding_kind kind = finding_kind::auth_missing;
    /// The encoded finding; valid until the next read. Of a finding put with write(), the
    /// bytes of what it changed from those before (finding_delta.hpp).
    std::string_view payload;
    /// Whether the finding was put with write().
    bool delta = false;
    /// Whether it begins a stretch.
    bool starts_stretch = false;
    /// Of a finding put with write(), once decoded, the finding; valid until the next
    /// decode(). A reader may move from it when it passes last_finding::maybe_changed to that
    /// decode(), which then writes every value again.
    finding* written = nullptr;
  };

  /// Reads a spool's records from the first, on its own: several cursors may read one spool at
  /// once, on different threads, while nothing is written to it. Made after end_writing().
  class cursor {
   public:
    explicit cursor(const finding_spool& spool);

    /// Reads the next record; false after the last. A finding put with write() is left
    /// undecoded (`written` null): see decode().
    bool next(record& next);
    /// Reads the finding put with write() of `spooled`, the record next() gave last, into
    /// `spooled.written`. Each is read against those before it in its stretch: a reader decodes
    /// every such finding of a stretch, or none. `last`: what the caller left of the finding
    /// decoded before (finding_delta_reader::get).
    void decode(record& spooled, last_finding last = last_finding::maybe_changed);

   private:
    /// The next `bytes` bytes of the spool's file, read into the buffer when they are not all
    /// there; valid until the next call.
    const char* buffered(std::size_t bytes);

    const finding_spool* spool_;
    std::uint64_t left_;           ///< records not yet read
    std::size_t pending_at_ = 0;   ///< of the spool's buffer, where the next record starts
    std::string buffer_;           ///< the file's bytes being read, a chunk at a time
    std::size_t at_ = 0;           ///< of buffer_, where the next record starts
    std::uint64_t file_read_ = 0;  ///< bytes of the file read into buffer_
    finding_delta_reader delta_;
  };

  finding_spool() = default;
  finding_spool(const finding_spool&) = delete;
  finding_spool& operator=(const finding_spool&) = delete;
  ~finding_spool() = default;

  /// Cuts the findings put from now on in stretches of stretch_size, for readers that share them
  /// out (a stretch costs one finding written in full). Otherwise they make one stretch.
  void cut_in_stretches() noexcept { stretches_ = true; }

  /// A finding, kept as what it changed from those written with write() before it.
  void write(std::uint64_t sequence, const finding& found);
  /// A finding already encoded (byte_codec.hpp), read back by decoded().
  void write_encoded(std::uint64_t sequence, finding_kind kind, std::string_view encoded) {
    append(sequence, kind, encoded);
  }

  /// Writes out what is still buffered, so that a full disk is reported before anything is
  /// read back (and before a caller writes any output).
  void flush();

  /// Writes out what is still buffered when the records went to a file: then cursors may read
  /// them (a spool that made no file is read from memory).
  void end_writing();

  /// How many records have been written and not yet read back.
  std::uint64_t size() const noexcept { return written_ - read_; }

  /// Reads the next record after the last one read (from the start after the last write):
  /// from memory when the spool was never flushed (a few records make no file). False when
  /// every written record has been read; the spool is then empty again.
  bool read(record& next);
  /// Empties the spool, whatever was read of it.
  void clear();
  /// The finding of a record: the one read with it, else (a finding put encoded) decoded into
  /// `scratch`.
  static finding& decoded(const record& spooled, finding& scratch);

 private:
  static constexpr std::size_t buffer_size = 1 << 20;

  /// `delta`: the payload is what a finding changed from the one before (write()).
  void append(std::uint64_t sequence, finding_kind kind, std::string_view payload,
              bool delta = false);
  bool next_starts_stretch() const noexcept {
    return written_ == 0 || (stretches_ && written_ % stretch_size == 0);
  }
  [[noreturn]] void fail(std::string_view what, int error) const { file_->fail(what, error); }

  std::optional<temporary_file> file_;  ///< made on the first flush, written through pending_
  std::uint64_t file_size_ = 0;         ///< bytes written to the file
  std::string pending_;                 ///< records not yet written to the file
  std::optional<cursor> reading_;       ///< read(): the records read back so far
  std::uint64_t written_ = 0, read_ = 0;
  bool stretches_ = false;  ///< cut_in_stretches()
  std::string payload_;     ///< the finding being encoded
  finding_delta_writer delta_out_;
};

}  // namespace detail
}  // namespace v0
}  // namespace authmatch

#endif
