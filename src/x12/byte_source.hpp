#ifndef AUTHMATCH_SRC_X12_BYTE_SOURCE_HPP
#define AUTHMATCH_SRC_X12_BYTE_SOURCE_HPP

// Where the reader's bytes come from when they are not already in memory.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>

namespace authmatch {
inline namespace v0 {
namespace x12 {
namespace detail {

class byte_source {
 public:
  virtual ~byte_source() = default;
  /// Reads up to `size` bytes into `into`; returns 0 only at the end of the input. Throws
  /// input_error on an I/O error.
  virtual std::size_t read(char* into, std::size_t size) = 0;

 protected:
  byte_source() = default;
  byte_source(const byte_source&) = default;
  byte_source& operator=(const byte_source&) = default;
};

/// An open file descriptor, left open.
class fd_source final : public byte_source {
 public:
  fd_source(int fd, std::string_view name) : fd_(fd), name_(name) {}
  std::size_t read(char* into, std::size_t size) override;

 private:
  int fd_;
  std::string name_;
};

/// Reads from `source` into `into` until `into` holds `size` bytes or the input ends (a pipe may
/// give fewer bytes a read than asked for, long before its end), starting at `got`, which counts
/// the bytes read: a caller knows them also when a read throws.
void fill_from(byte_source& source, char* into, std::size_t size, std::size_t& got);

/// The size of the regular file open on `fd`; 0 for anything else (a pipe, a terminal).
std::uint64_t regular_file_size(int fd) noexcept;

/// Reads up to `size` bytes at `offset` of `fd` with pread (fewer only at the end of the file);
/// nothing on an error, errno saying which.
std::optional<std::size_t> read_at(int fd, char* into, std::size_t size, std::uint64_t offset);

/// Bytes [begin, end) of a regular file, read with pread (the descriptor's offset is left alone,
/// so that several threads may read parts of one file).
class range_source final : public byte_source {
 public:
  range_source(int fd, std::string_view name, std::uint64_t begin, std::uint64_t end)
      : fd_(fd), name_(name), at_(begin), end_(end) {}
  std::size_t read(char* into, std::size_t size) override;

 private:
  int fd_;
  std::string name_;
  std::uint64_t at_, end_;
};

/// A file opened for sequential reading and closed by the destructor; refuses a directory.
class file_source final : public byte_source {
 public:
  explicit file_source(const std::filesystem::path& path);
  ~file_source() override;
  file_source(const file_source&) = delete;
  file_source& operator=(const file_source&) = delete;
  std::size_t read(char* into, std::size_t size) override { return reader_.read(into, size); }
  int fd() const noexcept { return fd_; }
  /// The file's size (0 when it is not a regular file).
  std::uint64_t size() const noexcept { return regular_file_size(fd_); }

 private:
  static int open_file(const std::filesystem::path& path);
  int fd_;
  fd_source reader_;
};

/// Bytes already read from a source (to detect the format), then the rest of that source.
class prefixed_source final : public byte_source {
 public:
  prefixed_source(std::string_view prefix, byte_source& rest) : prefix_(prefix), rest_(&rest) {}
  std::size_t read(char* into, std::size_t size) override;

 private:
  std::string_view prefix_;
  byte_source* rest_;
};

class stream_source final : public byte_source {
 public:
  stream_source(std::istream& in, std::string_view name) : in_(&in), name_(name) {}
  std::size_t read(char* into, std::size_t size) override;

 private:
  std::istream* in_;
  std::string name_;
};

}  // namespace detail
}  // namespace x12
}  // namespace v0
}  // namespace authmatch

#endif
