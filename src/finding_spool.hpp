#ifndef AUTHMATCH_SRC_FINDING_SPOOL_HPP
#define AUTHMATCH_SRC_FINDING_SPOOL_HPP

// Findings of a long run parked in an anonymous temporary file until the run hands them out, so
// that a run's memory does not grow with its findings.

#include <authmatch/finding.hpp>

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>

namespace authmatch {
inline namespace v0 {
namespace detail {

/// Findings in the order they are written, each with the position it sorts at. Written in one
/// pass, then read back in one pass.
class finding_spool {
 public:
  /// Whether findings can be written: a temporary file could be made and no write has failed.
  bool usable();

  /// Appends; false (nothing written) when the file cannot take it.
  bool write(std::uint64_t sequence, const finding& found);

  /// How many findings have been written and not yet read back.
  std::uint64_t size() const noexcept { return written_ - read_; }

  /// Reads the next finding after the last one read (from the start after the last write).
  /// False when every written finding has been read; the spool is then empty again.
  bool read(std::uint64_t& sequence, finding& found);

 private:
  struct file_closer {
    void operator()(std::FILE* file) const noexcept { std::fclose(file); }
  };

  static constexpr std::size_t buffer_size = 1 << 20;

  void start_reading();

  std::unique_ptr<char[]> buffer_;  ///< declared before file_: the file is closed first
  std::unique_ptr<std::FILE, file_closer> file_;
  bool tried_ = false;
  bool failed_ = false;  ///< a write failed (disk full): nothing more is written
  bool reading_ = false;
  std::uint64_t written_ = 0, read_ = 0;
  std::string record_;
};

}  // namespace detail
}  // namespace v0
}  // namespace authmatch

#endif
