#include "output_paths.hpp"

#include <authmatch/error.hpp>

#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <optional>

namespace authmatch::cli {
namespace {

namespace fs = std::filesystem;

/// `path` with its links followed, also a link to a file not made yet, as far as it can be.
fs::path followed(const std::string& path) {
  fs::path at = path;
  std::error_code error;
  for (int links = 0; links < 40 && fs::is_symlink(at, error); ++links) {
    const auto target = fs::read_symlink(at, error);
    if (error) break;
    at = target.is_absolute() ? target : at.parent_path() / target;
  }
  return fs::weakly_canonical(at, error);
}

/// The file `path` names (standard output for `standard_output`), when there is one.
std::optional<struct stat> status_of(const std::string& path) {
  struct stat found {};
  const int status =
      path == standard_output ? ::fstat(STDOUT_FILENO, &found) : ::stat(path.c_str(), &found);
  if (status != 0) return std::nullopt;
  return found;
}

/// Whether writing to `a` would write over `b`: the same file (by device and inode, so that a
/// link or "./x" is caught, and the pipe or file standard output is), or, for files not made
/// yet, the same place once links are followed. A character device (/dev/null, a terminal) takes
/// any number of writers.
bool same_file(const std::string& a, const std::string& b) {
  const auto first = status_of(a), second = status_of(b);
  if (first && second) {
    return first->st_dev == second->st_dev && first->st_ino == second->st_ino &&
           !S_ISCHR(first->st_mode);
  }
  if (first || second || a == standard_output || b == standard_output) return false;
  return followed(a) == followed(b);
}

/// Why `path` could not be opened for writing (an errno value), or nothing when it could, as far
/// as can be told without opening it (which would create or empty it).
std::optional<int> write_problem(const std::string& path) {
  if (path.empty()) return ENOENT;
  struct stat found {};
  if (::stat(path.c_str(), &found) == 0) {
    if (S_ISDIR(found.st_mode)) return EISDIR;
    if (::access(path.c_str(), W_OK) != 0) return errno;
    return std::nullopt;
  }
  if (errno != ENOENT) return errno;
  // A new file (or one a link names): its folder must be there and take new files.
  const auto folder = followed(path).parent_path();
  const std::string where = folder.empty() ? std::string(".") : folder.string();
  if (::stat(where.c_str(), &found) != 0) return errno;
  if (!S_ISDIR(found.st_mode)) return ENOTDIR;
  if (::access(where.c_str(), W_OK | X_OK) != 0) return errno;
  return std::nullopt;
}

}  // namespace

void refuse_bad_outputs(std::span<const named_file> inputs, std::span<const named_file> outputs) {
  for (std::size_t i = 0; i < outputs.size(); ++i) {
    const auto& out = outputs[i];
    for (std::size_t j = 0; j < i; ++j) {
      const auto& earlier = outputs[j];
      if (out.path == standard_output && earlier.path == standard_output) {
        throw input_error({"-", 0, 0}, fmt::format("{} names standard output, where {} goes "
                                                   "(give one of them a file)",
                                                   out.flag, earlier.flag));
      }
      if (same_file(out.path, earlier.path)) {
        throw input_error({out.path, 0, 0},
                          fmt::format("{} names the same file as {} (give each its own file)",
                                      out.flag, earlier.flag));
      }
    }
    if (out.path == standard_output) continue;
    for (const auto& in : inputs) {
      if (same_file(out.path, in.path)) {
        throw input_error({out.path, 0, 0},
                          fmt::format("{} names the same file as {} {}; it would be overwritten "
                                      "(write it elsewhere)",
                                      out.flag, in.flag, in.path));
      }
    }
    if (const auto problem = write_problem(out.path)) {
      throw input_error(
          {out.path.empty() ? std::string(out.flag) : out.path, 0, 0},
          fmt::format("{}: cannot open the file for writing: {}",
                      out.path.empty() ? "an empty file name" : out.flag, std::strerror(*problem)));
    }
  }
}

}  // namespace authmatch::cli
