#include "run/temporary_file.hpp"

#include "x12/byte_source.hpp"

#include <authmatch/error.hpp>

#include <fmt/format.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <utility>

#include <fcntl.h>
#include <unistd.h>

namespace authmatch {
inline namespace v0 {
namespace detail {

temporary_file::temporary_file(std::string what) : what_(std::move(what)) {
  const char* tmpdir = std::getenv("TMPDIR");
  folder_ = tmpdir != nullptr && *tmpdir != '\0' ? tmpdir : "/tmp";
  // An unnamed file where the system has them; else a named one, unlinked at once.
  fd_ = ::open(folder_.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
  if (fd_ < 0 && (errno == EOPNOTSUPP || errno == EISDIR || errno == EINVAL)) {
    std::string name = folder_ + "/authmatch-XXXXXX";
    fd_ = ::mkostemp(name.data(), O_CLOEXEC);
    if (fd_ >= 0) ::unlink(name.c_str());
  }
  if (fd_ < 0) fail("cannot make", errno);
}

temporary_file::~temporary_file() {
  if (fd_ >= 0) ::close(fd_);
}

void temporary_file::fail(std::string_view doing, int error) const {
  throw authmatch::error(fmt::format("{} {} in {}: {}{}", doing, what_, folder_,
                                     std::strerror(error),
                                     error == ENOSPC || error == EFBIG || error == EDQUOT
                                         ? " (set TMPDIR to a folder with more room)"
                                         : ""));
}

void temporary_file::write_all(std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t done = ::write(fd_, bytes.data(), bytes.size());
    if (done < 0 && errno == EINTR) continue;
    if (done <= 0) fail("cannot write", done < 0 ? errno : ENOSPC);
    bytes.remove_prefix(static_cast<std::size_t>(done));
  }
}

void temporary_file::write_at(std::string_view bytes, std::uint64_t offset) {
  while (!bytes.empty()) {
    const ssize_t done = ::pwrite(fd_, bytes.data(), bytes.size(), static_cast<off_t>(offset));
    if (done < 0 && errno == EINTR) continue;
    if (done <= 0) fail("cannot write", done < 0 ? errno : ENOSPC);
    bytes.remove_prefix(static_cast<std::size_t>(done));
    offset += static_cast<std::uint64_t>(done);
  }
}

void temporary_file::read_exactly(char* into, std::size_t size, std::uint64_t offset) const {
  const auto got = x12::detail::read_at(fd_, into, size, offset);
  if (!got) fail("cannot read back", errno);
  if (*got != size) fail("cannot read back", EIO);
}

}  // namespace detail
}  // namespace v0
}  // namespace authmatch
