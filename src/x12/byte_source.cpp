#include "byte_source.hpp"

#include <authmatch/error.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <istream>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace authmatch {
inline namespace v0 {
namespace x12 {
namespace detail {

std::size_t fd_source::read(char* into, std::size_t size) {
  for (;;) {
    const ssize_t got = ::read(fd_, into, size);
    if (got >= 0) return static_cast<std::size_t>(got);
    if (errno == EINTR) continue;
    throw input_error(input_position{name_, 0, 0},
                      fmt::format("cannot read: {}", std::strerror(errno)));
  }
}

void fill_from(byte_source& source, char* into, std::size_t size, std::size_t& got) {
  while (got < size) {
    const std::size_t n = source.read(into + got, size - got);
    if (n == 0) return;
    got += n;
  }
}

std::uint64_t regular_file_size(int fd) noexcept {
  struct stat info {};
  return ::fstat(fd, &info) == 0 && S_ISREG(info.st_mode) ? static_cast<std::uint64_t>(info.st_size)
                                                          : 0;
}

std::optional<std::size_t> read_at(int fd, char* into, std::size_t size, std::uint64_t offset) {
  std::size_t got = 0;
  while (got < size) {
    const ssize_t n = ::pread(fd, into + got, size - got, static_cast<off_t>(offset + got));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return std::nullopt;
    if (n == 0) break;
    got += static_cast<std::size_t>(n);
  }
  return got;
}

std::size_t range_source::read(char* into, std::size_t size) {
  size = static_cast<std::size_t>(std::min<std::uint64_t>(size, end_ - at_));
  if (size == 0) return 0;
  const auto got = read_at(fd_, into, size, at_);
  if (!got) {
    throw input_error(input_position{name_, 0, 0},
                      fmt::format("cannot read: {}", std::strerror(errno)));
  }
  if (*got < size) {
    throw input_error(input_position{name_, 0, 0},
                      "cannot read: the file became shorter while it was read");
  }
  at_ += size;
  return size;
}

int file_source::open_file(const std::filesystem::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    throw input_error(input_position{path.string(), 0, 0},
                      fmt::format("cannot open: {}", std::strerror(errno)));
  }
  struct stat info {};
  if (::fstat(fd, &info) == 0 && S_ISDIR(info.st_mode)) {
    ::close(fd);
    throw input_error(input_position{path.string(), 0, 0}, "is a directory");
  }
  // A hint only: the kernel may read ahead more aggressively.
  static_cast<void>(::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL));
  return fd;
}

file_source::file_source(const std::filesystem::path& path)
    : fd_(open_file(path)), reader_(fd_, path.string()) {}

file_source::~file_source() { ::close(fd_); }

std::size_t prefixed_source::read(char* into, std::size_t size) {
  if (prefix_.empty()) return rest_->read(into, size);
  const std::size_t n = std::min(size, prefix_.size());
  std::memcpy(into, prefix_.data(), n);
  prefix_.remove_prefix(n);
  return n;
}

std::size_t stream_source::read(char* into, std::size_t size) {
  if (!*in_) return 0;
  in_->read(into, static_cast<std::streamsize>(size));
  if (in_->bad()) throw input_error(input_position{name_, 0, 0}, "cannot read the stream");
  return static_cast<std::size_t>(in_->gcount());
}

}  // namespace detail
}  // namespace x12
}  // namespace v0
}  // namespace authmatch
