#ifndef AUTHMATCH_SRC_TEMPORARY_FILE_HPP
#define AUTHMATCH_SRC_TEMPORARY_FILE_HPP

// An unnamed temporary file that lives as long as the run that parks data in it.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace authmatch {
inline namespace v0 {
namespace detail {

/// A file in $TMPDIR (else /tmp) that has no name (O_TMPFILE, else one unlinked at once), open
/// for reading and writing, closed by the destructor. `what` names it in errors ("the temporary
/// file of findings"): every failure throws authmatch::error with the folder and the system's
/// reason, and on a full disk says to set TMPDIR.
class temporary_file {
 public:
  explicit temporary_file(std::string what);
  temporary_file(const temporary_file&) = delete;
  temporary_file& operator=(const temporary_file&) = delete;
  ~temporary_file();

  int fd() const noexcept { return fd_; }

  /// Writes all of `bytes` at the descriptor's offset (the end, when only this writes).
  void write_all(std::string_view bytes);
  /// Writes all of `bytes` at `offset` with pwrite: a write that fails can be made again.
  void write_at(std::string_view bytes, std::uint64_t offset);
  /// Reads exactly `size` bytes at `offset` with pread: several threads may read at once.
  void read_exactly(char* into, std::size_t size, std::uint64_t offset) const;

  [[noreturn]] void fail(std::string_view doing, int error) const;

 private:
  std::string what_, folder_;
  int fd_ = -1;
};

}  // namespace detail
}  // namespace v0
}  // namespace authmatch

#endif
